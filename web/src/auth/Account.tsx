import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Redirect } from 'wouter';
import { api, must } from '../api/client';
import { homeOf } from '../routes';
import { Badge, Button, Card, ErrorNote, Loading, Page } from '../ui/kit';
import { Security } from './Security';
import { useMe } from './session';

const STATE_TEXT = {
  pending: 'Your account is waiting for verification. The Trove team checks every new member before they can buy or sell.',
  needs_changes: 'The Trove team asked for changes to your account before it can be approved.',
  rejected: 'Your account was not approved.',
  approved: 'Your account is verified.',
} as const;

/**
 * A member's own account and its verification state (unverified members can see only this): the
 * team's last reason, and, when it asked for changes, a way to answer and go back in the queue.
 * The page looks again every half minute, so an approval shows without a reload.
 */
export default function Account() {
  const me = useMe(30_000);
  const waiting = me.data?.verificationState === 'pending';
  const decisions = useQuery({
    queryKey: ['me', 'verification', me.data?.id],
    enabled: !!me.data,
    queryFn: () => must(api.GET('/v1/members/{id}/verification', { params: { path: { id: me.data!.id } } })),
    refetchInterval: waiting ? 30_000 : false,
  });
  if (me.isPending) return <Loading />;
  if (!me.data) return <Redirect to="/sign-in" />;
  const m = me.data;
  const last = decisions.data?.items.at(-1);
  return (
    <Page title="Your account">
      <Card className="max-w-xl">
        <p className="text-lg font-medium">{m.displayName}</p>
        <p className="text-slate-600">{m.email} · {m.roles.join(', ')}</p>
        <p className="mt-3"><Badge tone={m.verificationState === 'approved' ? 'green' : m.verificationState === 'rejected' ? 'red' : 'amber'}>{m.verificationState.replace('_', ' ')}</Badge></p>
        <p className="mt-2">{STATE_TEXT[m.verificationState]}</p>
        {last && last.toState === m.verificationState && m.verificationState !== 'pending' && <p className="mt-2 text-slate-700">Reason given: “{last.reason}”</p>}
        {m.verificationState === 'needs_changes' && <Resubmit />}
        {m.verificationState === 'approved' && <p className="mt-3"><Link href={homeOf(m.roles)} className="text-indigo-700 underline">Continue</Link></p>}
      </Card>
      <Security />
    </Page>
  );
}

function Resubmit() {
  const [note, setNote] = useState('');
  const client = useQueryClient();
  const send = useMutation({
    mutationFn: () => must(api.POST('/v1/members/me/resubmission', { body: { note: note.trim() } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['me'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() && !send.isPending) send.mutate();
  };
  return (
    <form onSubmit={submit} className="mt-4 space-y-2">
      <label htmlFor="resubmit-note" className="block text-sm font-medium text-slate-700">What you changed</label>
      <textarea id="resubmit-note" required maxLength={1000} rows={3} value={note} onChange={(e) => setNote(e.target.value)}
        className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
      <ErrorNote error={send.error} />
      <Button type="submit" aria-disabled={send.isPending}>{send.isPending ? 'Sending…' : 'Send for verification again'}</Button>
    </form>
  );
}
