import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { api, must } from './api/client';
import { hasRole, RequireRole, useMe } from './auth/session';
import { homeOf, ROUTES } from './routes';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { ErrorNote, Loading, markNavigation, Page } from './ui/kit';

export function App() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else markNavigation();
  }, [location]);
  return (
    <div className="flex min-h-screen flex-col">
      <Header />
      <main id="main" className="flex-1">
        <ErrorBoundary resetKey={location}>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/"><Home /></Route>
            {ROUTES.map(({ path, roles, page: P }) => (
              <Route key={path} path={path}>
                {(params: Record<string, string>) => (roles === 'public' ? <P params={params} /> : <RequireRole roles={roles}><P params={params} /></RequireRole>)}
              </Route>
            ))}
            <Route><Page title="Not found"><p>There is no such page. <Link href="/" className="text-indigo-700 underline">Go home</Link>.</p></Page></Route>
          </Switch>
        </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

function Home() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Redirect to="/sign-in" />;
  if (me.data.verificationState !== 'approved') return <Redirect to="/account" />;
  return <Redirect to={homeOf(me.data.roles)} />;
}

/** The top bar: the member's pages by role; on a phone, behind a menu button. */
function Header() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [location, navigate] = useLocation();
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const client = useQueryClient();
  const approved = me.data?.verificationState === 'approved';
  const links = approved ? ROUTES.filter((r) => r.nav && r.roles !== 'public' && r.roles.some((role) => hasRole(me.data, role))) : [];
  const signOut = async () => {
    try {
      await must(api.POST('/v1/auth/sign-out'));
    } catch (err) {
      setSignOutError(err);
      return;
    }
    // Nothing of this member may show to whoever signs in next in this tab.
    client.clear();
    client.setQueryData(['me'], null);
    navigate('/sign-in');
  };
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">Skip to content</a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 px-4 py-2">
        <Link href="/" className="mr-4 text-lg font-bold text-indigo-700">Trove</Link>
        {links.length > 0 && (
          <button type="button" className="ml-auto rounded-md border border-slate-300 px-3 py-1 text-sm sm:hidden" aria-expanded={open} aria-controls="site-nav" onClick={() => setOpen(!open)}>
            Menu
          </button>
        )}
        <nav id="site-nav" aria-label="Main" className={`${open ? 'flex' : 'hidden'} w-full flex-col gap-1 sm:flex sm:w-auto sm:flex-1 sm:flex-row sm:flex-wrap`}>
          {links.map((r) => (
            <Link key={r.path} href={r.path} onClick={() => setOpen(false)} aria-current={location.startsWith(r.path) ? 'page' : undefined}
              className={`rounded-md px-2 py-1 text-sm ${location.startsWith(r.path) ? 'bg-indigo-50 font-semibold text-indigo-800' : 'text-slate-700 hover:bg-slate-100'}`}>
              {r.nav}
            </Link>
          ))}
        </nav>
        {me.data && (
          <div className="ml-auto flex items-center gap-2 text-sm">
            <Link href="/account" className="text-slate-700 underline-offset-2 hover:underline" aria-current={location === '/account' ? 'page' : undefined}>
              <span className="sr-only md:not-sr-only">{me.data.displayName}</span><span className="md:sr-only">Account</span>
            </Link>
            <button type="button" onClick={() => void signOut()} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">Sign out</button>
          </div>
        )}
      </div>
      {signOutError !== null && <div className="mx-auto max-w-5xl px-4"><ErrorNote error={signOutError} /></div>}
    </header>
  );
}
