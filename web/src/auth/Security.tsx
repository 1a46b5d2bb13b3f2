import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api, must } from '../api/client';
import { Button, ErrorNote, Field } from '../ui/kit';

/** Change the password (every other session ends) or sign out on every device. */
export function Security() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const change = useMutation({
    mutationFn: () => must(api.POST('/v1/auth/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => { setCurrent(''); setNext(''); },
  });
  const everywhere = useMutation({
    mutationFn: () => must(api.POST('/v1/auth/sign-out-everywhere')),
    onSuccess: () => {
      client.clear();
      client.setQueryData(['me'], null);
      navigate('/sign-in');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!change.isPending) change.mutate();
  };
  return (
    <section aria-labelledby="security-heading" className="mt-6 max-w-xl space-y-4">
      <h2 id="security-heading" className="text-lg font-semibold">Password and sessions</h2>
      <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-4">
        <Field label="Current password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)}
          hint="At least 10 characters. Your other sessions end when it changes." />
        <ErrorNote error={change.error} />
        {change.isSuccess && <p role="status" className="mb-3 text-sm text-green-800">Password changed. Your other sessions have ended.</p>}
        <Button type="submit" aria-disabled={change.isPending}>{change.isPending ? 'Changing…' : 'Change password'}</Button>
      </form>
      <div>
        <ErrorNote error={everywhere.error} />
        <Button variant="secondary" onClick={() => !everywhere.isPending && everywhere.mutate()}>Sign out everywhere</Button>
      </div>
    </section>
  );
}
