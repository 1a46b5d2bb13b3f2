import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../../api/client';
import { Button, Empty, ErrorNote, Loading, Page } from '../../ui/kit';
import { Choice, Done } from './parts/common';
import { STATE_LABEL, VerificationRow, type State } from './parts/VerificationRow';

const EMPTY: Record<State, string> = {
  pending: 'No members are waiting for verification.',
  needs_changes: 'No members are asked for changes.',
  rejected: 'No rejected members.',
  approved: 'No approved members.',
};

/** The verification queue: members waiting, a reason and a decision for each, and their history. */
export default function Verification() {
  const [state, setState] = useState<State>('pending');
  const [done, setDone] = useState('');
  const query = useInfiniteQuery({
    queryKey: ['admin', 'members', state],
    queryFn: ({ pageParam }) => must(api.GET('/v1/members', { params: { query: { verificationState: state, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const members = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title="Verification">
      <div className="mb-2 max-w-xs">
        <Choice label="Show" value={state} onChange={(v) => { setState(v as State); setDone(''); }}
          options={(Object.keys(STATE_LABEL) as State[]).map((s) => [s, STATE_LABEL[s]])} />
      </div>
      <Done>{done}</Done>
      {query.isPending ? <Loading what="Loading members" /> : query.error ? <ErrorNote error={query.error} onRetry={() => void query.refetch()} /> : members.length === 0 ? <Empty>{EMPTY[state]}</Empty> : (
        <>
          <div className="rounded-lg border border-slate-200 bg-white">
            <table role="table" className="block w-full text-left text-sm sm:table">
              <caption className="sr-only">Members: {STATE_LABEL[state]}</caption>
              <thead className="hidden bg-slate-50 text-slate-700 sm:table-header-group">
                <tr role="row">{['Member', 'Applied', 'Decision', 'History'].map((h) => <th key={h} role="columnheader" scope="col" className="px-3 py-2 font-semibold">{h}</th>)}</tr>
              </thead>
              <tbody className="block sm:table-row-group">
                {members.map((m) => <VerificationRow key={m.id} member={m} onDecided={setDone} />)}
              </tbody>
            </table>
          </div>
          {query.hasNextPage && (
            <Button variant="secondary" className="mt-3" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? 'Loading…' : 'More members'}
            </Button>
          )}
        </>
      )}
    </Page>
  );
}
