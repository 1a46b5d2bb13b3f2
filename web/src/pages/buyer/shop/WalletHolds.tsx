import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, must } from '../../../api/client';
import { formatDateTime } from '../../../ui/format';
import { Empty, Loaded } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { orderName } from '../../../ui/orders';
import { Table } from '../../../ui/Table';

/** What a hold is for, from its reference: an order or a leading bid, linked. */
function purposeOf(reference: string | null) {
  const order = /^order:([0-9a-f-]{36})$/.exec(reference ?? '');
  if (order) return <Link href={`/orders/${order[1]}`} className="text-indigo-700 underline">{orderName(order[1]!)}</Link>;
  const auction = /^auction:([0-9a-f-]{36})$/.exec(reference ?? '');
  if (auction) return <Link href={`/auctions/${auction[1]}`} className="text-indigo-700 underline">Your leading bid<span className="sr-only"> in auction {auction[1]!.slice(0, 8)}</span></Link>;
  return reference ?? 'Hold';
}

/** The member's open holds in one currency: money set aside, not yet spent. */
export function WalletHolds({ currency }: { currency: string }) {
  const holds = useQuery({ queryKey: ['wallet', 'holds'], queryFn: () => must(api.GET('/v1/wallet/holds')) });
  return (
    <Loaded query={holds}>
      {(h) => {
        const mine = h.items.filter((t) => t.asset === currency);
        if (mine.length === 0) return <Empty>Nothing is held.</Empty>;
        return (
          <Table caption="Open holds" divider="" head={['For', <span className="block text-right">Amount</span>, 'Since']}>
            {mine.map((t) => (
              <tr key={t.id} className="border-t border-slate-200">
                <td className="px-3 py-2">{purposeOf(t.reference)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{formatMoney(t.amount, t.asset)}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(t.createdAt)}</td>
              </tr>
            ))}
          </Table>
        );
      }}
    </Loaded>
  );
}
