import { Link } from 'wouter';
import { api, must, type Json } from '../../../api/client';
import { formatDateTime } from '../../../ui/format';
import { PagedList, usePaged } from '../../../ui/paging';
import { formatMoney } from '../../../ui/money';
import { orderName } from '../../../ui/orders';
import { Table } from '../../../ui/Table';

type EntriesPage = Json<'/v1/accounts/{id}/entries', 'get'>;
type Entry = EntriesPage['items'][number];

/** What a transfer was for, from its kind and reference (orders, cashback, rewards, the wheel, auctions). */
export function describe(t: Pick<Entry, 'kind' | 'reference'>): { text: string; orderId?: string } {
  const ref = t.reference ?? '';
  let m = /^order:([0-9a-f-]{36}):cashback$/.exec(ref);
  if (m) return { text: t.kind === 'reversal' ? 'Cashback taken back' : 'Cashback', orderId: m[1] };
  m = /^order:([0-9a-f-]{36})$/.exec(ref);
  if (m) return { text: t.kind === 'reversal' ? 'Order refund' : 'Order payment', orderId: m[1] };
  if (ref.startsWith('reward ')) return { text: 'Reward' };
  if (ref.startsWith('wheel spin')) return { text: 'Prize wheel win' };
  if (ref.startsWith('auction:')) return { text: 'Auction' };
  if (t.kind === 'reversal') return { text: 'Reversal' };
  if (t.kind === 'post_pending') return { text: 'Held amount settled' };
  return { text: ref || 'Transfer' };
}

/** An account's posted changes, newest first, each with the balance after it. */
export function WalletHistory({ accountId, currency }: { accountId: string; currency: string }) {
  const entries = usePaged({
    queryKey: ['wallet', 'entries', accountId],
    page: (cursor) => must(api.GET('/v1/accounts/{id}/entries', { params: { path: { id: accountId }, query: { limit: 20, cursor } } })),
  });
  return (
    <PagedList paged={entries} pending="Loading history" empty="No movements yet.">
      {(items) => (
        <Table caption={`${currency} history`} divider="" head={['Date', 'What', <span className="block text-right">Amount</span>, <span className="block text-right">Balance</span>]}>
          {items.map((e) => (
            <tr key={e.seq} className="border-t border-slate-200">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDateTime(e.createdAt)}</td>
              <td className="px-3 py-2"><What entry={e} /></td>
              <td className={`whitespace-nowrap px-3 py-2 text-right font-medium ${e.amount < 0 ? 'text-red-800' : 'text-green-800'}`}>
                {e.amount < 0 ? '−' : '+'}{formatMoney(Math.abs(e.amount), currency)}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right">{formatMoney(e.balanceAfter, currency)}</td>
            </tr>
          ))}
        </Table>
      )}
    </PagedList>
  );
}

/** What an entry was for, from its transfer's kind and reference (the entry carries both). */
function What({ entry }: { entry: Entry }) {
  const d = describe(entry);
  return (
    <span>
      {d.text}
      {d.orderId && <> · <Link href={`/orders/${d.orderId}`} className="text-indigo-700 underline">{orderName(d.orderId)}</Link></>}
    </span>
  );
}
