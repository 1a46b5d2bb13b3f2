import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useId, useRef, useState } from 'react';
import { api, must, type Json } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime } from '../../../ui/format';
import { Badge, Button, Loaded } from '../../../ui/kit';
import { VERIFICATION_LABELS, VerificationBadge } from '../../../ui/members';
import { stackedCell, stackedRow } from '../../../ui/Table';
import { FormError } from './common';

/** Cells stack on a phone and line up as a table from sm up (explicit roles keep the table's semantics either way). */
const cell = stackedCell;

export type Member = Json<'/v1/members', 'get'>['items'][number];
export type State = Member['verificationState'];
type Decision = 'approved' | 'rejected' | 'needs_changes';


/** What an admin may decide from each state (members/model.ts). */
const ALLOWED: Record<State, Decision[]> = {
  pending: ['approved', 'rejected', 'needs_changes'],
  needs_changes: ['approved', 'rejected'],
  approved: ['rejected', 'needs_changes'],
  rejected: [],
};
const ACTIONS: { decision: Decision; label: string; variant: 'primary' | 'danger' | 'secondary'; done: string }[] = [
  { decision: 'approved', label: 'Approve', variant: 'primary', done: 'approved' },
  { decision: 'rejected', label: 'Reject', variant: 'danger', done: 'rejected' },
  { decision: 'needs_changes', label: 'Ask for changes', variant: 'secondary', done: 'asked for changes' },
];

/** One member of the queue: who it is, a reason, the decisions, and the decision history under it. */
export function VerificationRow({ member, onDecided }: { member: Member; onDecided: (text: string) => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [open, setOpen] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const historyId = useId();
  const decide = useMutation({
    mutationFn: (decision: Decision) => must(api.POST('/v1/members/{id}/verification', { params: { path: { id: member.id } }, body: { decision, reason: reason.trim() } })),
    onSuccess: async (_data, decision) => {
      const action = ACTIONS.find((a) => a.decision === decision)!;
      setReason('');
      await Promise.all([
        client.invalidateQueries({ queryKey: ['admin', 'members'] }),
        client.invalidateQueries({ queryKey: ['admin', 'verification', member.id] }),
      ]);
      // Said once the lists are fresh: the member has left this one, and the page moves focus to this line.
      onDecided(`${member.displayName} (${member.email}): ${action.done}.`);
    },
  });
  const act = (decision: Decision) => {
    if (decide.isPending) return;
    if (!reason.trim()) {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setMissing(false);
    decide.mutate(decision);
  };
  const me = useMe();
  const self = me.data?.id === member.id;
  const allowed = self ? [] : ALLOWED[member.verificationState];
  return (
    <Fragment>
      <tr role="row" className={stackedRow}>
        <td role="cell" className={`${cell} sm:w-64`}>
          <p className="font-medium">{member.displayName}</p>
          <p className="break-all text-slate-600">{member.email}</p>
          <p className="mt-1 flex flex-wrap gap-1">
            <VerificationBadge state={member.verificationState} />
            {member.roles.map((r) => <Badge key={r}>{r}</Badge>)}
          </p>
        </td>
        <td role="cell" className={`${cell} text-slate-600`}><span className="sm:hidden">Applied </span>{formatDateTime(member.createdAt)}<br />{member.timeZone}</td>
        <td role="cell" className={cell}>
          {allowed.length === 0 ? <p className="text-slate-600">{self ? 'This is your own account.' : 'A rejected member cannot be decided again.'}</p> : (
            <>
              <label htmlFor={reasonId} className="mb-1 block text-sm font-medium text-slate-700">Reason</label>
              <textarea id={reasonId} ref={reasonRef} rows={2} value={reason} required aria-invalid={missing || undefined}
                aria-describedby={missing ? `${reasonId}-err` : undefined}
                onChange={(e) => { setReason(e.target.value); if (e.target.value.trim()) setMissing(false); }}
                className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
              {missing && <p id={`${reasonId}-err`} className="text-sm text-red-700">Give a reason: the member sees it.</p>}
              <div className="mt-2 flex flex-wrap gap-2">
                {ACTIONS.filter((a) => allowed.includes(a.decision)).map((a) => (
                  <Button key={a.decision} variant={a.variant} {...busyProps(decide.isPending)} onClick={() => act(a.decision)}>{a.label}</Button>
                ))}
              </div>
              <FormError error={decide.error} />
            </>
          )}
        </td>
        <td role="cell" className={cell}>
          <Button variant="secondary" aria-expanded={open} aria-controls={historyId} onClick={() => setOpen(!open)}
            aria-label={`History of ${member.displayName}`}>History</Button>
        </td>
      </tr>
      {open && (
        <tr role="row" id={historyId} className={stackedRow}>
          <td role="cell" colSpan={4} className="block bg-slate-50 px-3 py-2 sm:table-cell"><History memberId={member.id} /></td>
        </tr>
      )}
    </Fragment>
  );
}

function History({ memberId }: { memberId: string }) {
  const query = useQuery({
    queryKey: ['admin', 'verification', memberId],
    queryFn: () => must(api.GET('/v1/members/{id}/verification', { params: { path: { id: memberId } } })),
  });
  return (
    <Loaded query={query}>
      {(data) => data.items.length === 0 ? <p className="text-slate-600">No decisions yet.</p> : (
        <ol className="space-y-1">
          {data.items.map((d) => (
            <li key={d.id} className="text-sm">
              <span className="text-slate-600">{formatDateTime(d.decidedAt)}</span>{' '}
              {VERIFICATION_LABELS[d.fromState]} → <strong>{VERIFICATION_LABELS[d.toState]}</strong>
              {d.decidedBy === memberId ? ' (by the member)' : ''}: “{d.reason}”
            </li>
          ))}
        </ol>
      )}
    </Loaded>
  );
}
