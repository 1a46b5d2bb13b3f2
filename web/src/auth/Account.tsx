import { Link, Redirect } from 'wouter';
import { homeOf } from '../routes';
import { Badge, Card, Loading, Page } from '../ui/kit';
import { useMe } from './session';

const STATE_TEXT = {
  pending: 'Your account is waiting for verification. The Trove team checks every new member before they can buy or sell.',
  needs_changes: 'The Trove team asked for changes to your account before it can be approved.',
  rejected: 'Your account was not approved.',
  approved: 'Your account is verified.',
} as const;

/** A member's own account and its verification state (unverified members can see only this). */
export default function Account() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Redirect to="/sign-in" />;
  const m = me.data;
  return (
    <Page title="Your account">
      <Card className="max-w-xl">
        <p className="text-lg font-medium">{m.displayName}</p>
        <p className="text-slate-600">{m.email} · {m.roles.join(', ')}</p>
        <p className="mt-3"><Badge tone={m.verificationState === 'approved' ? 'green' : m.verificationState === 'rejected' ? 'red' : 'amber'}>{m.verificationState.replace('_', ' ')}</Badge></p>
        <p className="mt-2">{STATE_TEXT[m.verificationState]}</p>
        {m.verificationState === 'approved' && <p className="mt-3"><Link href={homeOf(m.roles)} className="text-indigo-700 underline">Continue</Link></p>}
      </Card>
    </Page>
  );
}
