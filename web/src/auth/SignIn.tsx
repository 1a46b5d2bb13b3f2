import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, must } from '../api/client';
import { homeOf } from '../routes';
import { Button, Card, ErrorNote, Field, Page } from '../ui/kit';
import { useSignedIn } from './session';

/** Where to go after signing in: only a path of this site, never an address elsewhere (`//evil`, `/\\evil`). */
function sameSitePath(next: string | null): string | null {
  if (!next) return null;
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

export default function SignIn() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [, navigate] = useLocation();
  const next = new URLSearchParams(useSearch()).get('next');
  const refresh = useSignedIn();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { member } = await must(api.POST('/v1/auth/sign-in', { body: { email: String(form.get('email')), password: String(form.get('password')) } }));
      await refresh();
      navigate(sameSitePath(next) ?? (member.verificationState === 'approved' ? homeOf(member.roles) : '/account'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Sign in">
      <Card className="max-w-md">
        <form onSubmit={(e) => void submit(e)} noValidate={false}>
          <Field label="Email" name="email" type="email" autoComplete="username" required />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required />
          <ErrorNote error={error} />
          <Button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</Button>
        </form>
        <p className="mt-4 text-sm">New here? <Link href="/register" className="text-indigo-700 underline">Create an account</Link>.</p>
      </Card>
    </Page>
  );
}
