import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, must } from '../api/client';
import { Button, Card, ErrorNote, Field, Page } from '../ui/kit';
import { useSignedIn } from './session';

export default function Register() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [, navigate] = useLocation();
  const refresh = useSignedIn();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const roles = (['buyer', 'seller'] as const).filter((r) => form.get(r) === 'on');
    setBusy(true);
    setError(null);
    try {
      await must(api.POST('/v1/auth/register', {
        body: {
          email: String(form.get('email')), password: String(form.get('password')), displayName: String(form.get('displayName')),
          roles: roles.length ? roles : ['buyer'], timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      }));
      await refresh();
      navigate('/account');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Create an account">
      <Card className="max-w-md">
        <form onSubmit={(e) => void submit(e)}>
          <Field label="Name" name="displayName" autoComplete="name" required maxLength={100} />
          <Field label="Email" name="email" type="email" autoComplete="email" required />
          <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." />
          <fieldset className="mb-3">
            <legend className="mb-1 text-sm font-medium text-slate-700">I want to</legend>
            <label className="mr-4 inline-flex items-center gap-2"><input type="checkbox" name="buyer" defaultChecked /> buy</label>
            <label className="inline-flex items-center gap-2"><input type="checkbox" name="seller" /> sell</label>
          </fieldset>
          <ErrorNote error={error} />
          <Button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</Button>
        </form>
        <p className="mt-4 text-sm">Have an account? <Link href="/sign-in" className="text-indigo-700 underline">Sign in</Link>.</p>
      </Card>
    </Page>
  );
}
