import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, must, type Json } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { Button, Empty, ErrorNote, Loading, Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { ORDER_STATES, orderName, orderStateLabel, StateBadge, type OrderState } from '../../ui/orders';
import { Table } from '../../ui/Table';
type OrdersPage = Json<'/v1/orders', 'get'>;

/** The buyer's orders, newest first, paged. */
export default function Orders() {
  const [state, setState] = useState<'' | OrderState>('');
  const orders = useInfiniteQuery({
    queryKey: ['orders', 'buyer', state],
    initialPageParam: '',
    queryFn: ({ pageParam }) => must(api.GET('/v1/orders', {
      params: { query: { as: 'buyer', limit: 20, ...(state ? { state } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    getNextPageParam: (last: OrdersPage) => last.nextCursor ?? undefined,
  });
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page title="Your orders">
      <div className="max-w-xs">
        <Select label="State" value={state} onChange={(e) => setState(e.target.value as '' | OrderState)}>
          <option value="">All orders</option>
          {ORDER_STATES.map((s) => <option key={s} value={s}>{orderStateLabel(s)}</option>)}
        </Select>
      </div>
      {orders.isPending ? <Loading /> : orders.error && items.length === 0 ? (
        <ErrorNote error={orders.error} onRetry={() => void orders.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{state ? 'No orders in this state.' : <>You have no orders yet. <Link href="/listings" className="text-indigo-700 underline">Browse listings</Link></>}</Empty>
      ) : (
        <>
          <Table caption="Your orders" divider="" head={['Order', 'Seller', 'Items', <span className="block text-right">Total</span>, 'State']}>
            {items.map((o) => (
              <tr key={o.id} className="border-t border-slate-200">
                <td className="whitespace-nowrap px-3 py-2">
                  <Link href={`/orders/${o.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">{orderName(o.id)}</Link>
                  <span className="block text-xs text-slate-600">{formatDateTime(o.createdAt)}</span>
                </td>
                <td className="px-3 py-2">{o.sellerName}</td>
                <td className="px-3 py-2">
                  {o.lines.map((l) => `${l.title}${l.quantity > 1 ? ` ×${l.quantity}` : ''}`).join(', ')}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  {formatMoney(o.totalMinor, o.currency)}
                  {o.discountMinor > 0 && <span className="block text-xs text-green-800">saved {formatMoney(o.discountMinor, o.currency)}</span>}
                </td>
                <td className="px-3 py-2"><StateBadge state={o.state} /></td>
              </tr>
            ))}
          </Table>
          {orders.error && <ErrorNote error={orders.error} onRetry={() => void orders.fetchNextPage()} />}
          {orders.hasNextPage && (
            <div className="mt-4 text-center">
              <Button variant="secondary" disabled={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
                {orders.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
