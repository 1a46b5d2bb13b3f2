import { useEffect, useRef, useState } from 'react';
import { api, must } from '../../api/client';
import { Page } from '../../ui/kit';
import { VERIFICATION_LABELS as STATE_LABEL } from '../../ui/members';
import { PagedList, usePaged } from '../../ui/paging';
import { Table } from '../../ui/Table';
import { Choice, Done } from './parts/common';
import { VerificationRow, type State } from './parts/VerificationRow';

const EMPTY: Record<State, string> = {
  pending: 'No members are waiting for verification.',
  needs_changes: 'No members are asked for changes.',
  rejected: 'No rejected members.',
  approved: 'No approved members.',
};

/** The verification queue: members waiting, a reason and a decision for each, and their history. */
export default function Verification() {
  const [state, setState] = useState<State>('pending');
  const [done, setDone] = useState<{ text: string; at: number } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const members = usePaged({
    queryKey: ['admin', 'members', state],
    page: (cursor) => must(api.GET('/v1/members', { params: { query: { verificationState: state, limit: 100, cursor } } })),
  });
  // A decision takes the member out of this list: focus goes to the line saying what was done
  // rather than falling to the top of the page with the row.
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  return (
    <Page title="Verification">
      <div className="mb-2 max-w-xs">
        <Choice label="Show" value={state} onChange={(v) => { setState(v as State); setDone(null); }}
          options={(Object.keys(STATE_LABEL) as State[]).map((s) => [s, STATE_LABEL[s]])} />
      </div>
      <Done ref={status}>{done?.text}</Done>
      <PagedList paged={members} pending="Loading members" empty={EMPTY[state]} more="More members">
        {(items) => (
          <Table stacked caption={`Members: ${STATE_LABEL[state]}`} head={['Member', 'Applied', 'Decision', 'History']}>
            {items.map((m) => <VerificationRow key={m.id} member={m} onDecided={(text) => setDone({ text, at: Date.now() })} />)}
          </Table>
        )}
      </PagedList>
    </Page>
  );
}
