import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime } from '../../../ui/format';
import { Badge, Button, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { PagedList, usePaged } from '../../../ui/paging';
import { Table, td } from '../../../ui/Table';
import type { Account } from './lists';

/** An account's entries, newest first, each with the balance after it; older pages on demand. */
export function Entries({ account, onClose }: { account: Account; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [account.id]);
  const entries = usePaged({
    queryKey: ['admin', 'entries', account.id],
    page: (cursor) => must(api.GET('/v1/accounts/{id}/entries', { params: { path: { id: account.id }, query: { limit: 50, cursor } } })),
  });
  const money = (n: number) => formatMoney(n, account.asset);
  return (
    <section aria-labelledby="entries-heading" className="mt-4 rounded-lg border border-indigo-200 bg-indigo-50/40 p-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 id="entries-heading" ref={heading} tabIndex={-1} className="break-all text-lg font-semibold focus:outline-none">Entries of {account.id}</h3>
        <Button variant="secondary" onClick={onClose}>Close entries</Button>
      </div>
      <p className="mb-2 text-sm text-slate-700">
        Posted {money(account.balance.posted)} · pending {money(account.balance.pending)} · available {money(account.balance.available)}
      </p>
      <PagedList paged={entries} pending="Loading entries" empty="No entries on this account yet." more="Older entries">
        {(items) => (
          <Table caption={`Entries of ${account.id}`} head={['#', 'When', 'Amount', 'Balance after', 'Transfer']}>
            {items.map((e) => (
              <tr key={e.seq}>
                <td className={`${td} tabular-nums`}>{e.seq}</td>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(e.createdAt)}</td>
                <td className={`${td} whitespace-nowrap tabular-nums ${e.amount < 0 ? 'text-red-700' : 'text-green-800'}`}>{e.amount > 0 ? '+' : ''}{money(e.amount)}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{money(e.balanceAfter)}</td>
                <td className={`${td} font-mono text-xs`}>{e.transferId}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </section>
  );
}

/** Re-checks every invariant of the ledger from scratch, when asked (it reads everything). */
export function LedgerVerification() {
  const query = useQuery({
    queryKey: ['admin', 'ledger-verification'],
    queryFn: () => must(api.GET('/v1/ledger/verification')),
    enabled: false,
  });
  return (
    <div>
      <Button {...busyProps(query.isFetching)} onClick={() => { if (!query.isFetching) void query.refetch(); }}>{query.isFetching ? 'Verifying…' : 'Verify the ledger'}</Button>
      {query.error && <ErrorNote error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <div className="mt-3">
          {/* Only the verdict is announced; the checks are there to read. */}
          <p className="mb-2 font-medium" role="status">
            {query.data.ok ? <Badge tone="green">All checks pass</Badge> : <Badge tone="red">Some checks failed</Badge>}
            <span className="ml-2 text-sm font-normal text-slate-600">checked {formatDateTime(new Date(query.dataUpdatedAt).toISOString())}</span>
          </p>
          <ul className="space-y-1 text-sm">
            {query.data.checks.map((c) => (
              <li key={c.check} className="flex flex-wrap items-baseline gap-2">
                <Badge tone={c.ok ? 'green' : 'red'}>{c.ok ? 'OK' : 'Failed'}</Badge>
                <span>{c.check}</span>
                {c.detail && <span className="text-slate-600">— {c.detail}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
