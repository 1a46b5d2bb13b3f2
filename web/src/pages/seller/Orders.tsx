import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { Button, Empty, ErrorNote, Loading, Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { BuyerName, formatDate, linkClass, ORDER_LABELS, OrderStateBadge, Saved, type Order, type OrderState } from './parts/common';
import { DONE, OrderActions, type Step } from './parts/OrderActions';

const FILTERS: OrderState[] = ['paid', 'shipped', 'delivered', 'completed', 'pending_payment', 'cancelled', 'refunded'];

/** Orders to fulfil: the seller's orders by state (paid first), with ship, deliver, cancel and refund. */
export default function Orders() {
  const client = useQueryClient();
  const [state, setState] = useState<OrderState | ''>('paid');
  const [done, setDone] = useState('');
  const query = useInfiniteQuery({
    queryKey: ['seller-orders', state],
    queryFn: ({ pageParam }) => must(api.GET('/v1/orders', { params: { query: { as: 'seller', state: state || undefined, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const step = useMutation({
    mutationFn: ({ id, action }: { id: string; action: Step }) => must(api.POST('/v1/orders/{id}/{action}', { params: { path: { id, action } } })),
    onSuccess: (order, { action }) => {
      setDone(`Order ${order.id.slice(0, 8)} ${DONE[action]}.`);
      client.setQueryData(['order', order.id], order);
      void client.invalidateQueries({ queryKey: ['seller-orders'] });
    },
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title="Orders to fulfil">
      <div className="max-w-xs">
        <Select label="State" value={state} onChange={(e) => { setState(e.target.value as OrderState | ''); setDone(''); }}>
          {FILTERS.map((s) => <option key={s} value={s}>{ORDER_LABELS[s]}</option>)}
          <option value="">All orders</option>
        </Select>
      </div>
      {done && <Saved>{done}</Saved>}
      <ErrorNote error={step.error} />
      {query.isPending ? <Loading what="Loading orders" /> : query.error ? <ErrorNote error={query.error} onRetry={() => void query.refetch()} /> :
        items.length === 0 ? <Empty>{state === 'paid' ? 'Nothing to ship: no paid orders are waiting.' : state ? `No ${ORDER_LABELS[state].toLowerCase()} orders.` : 'No orders yet.'}</Empty> : (
          <OrderTable orders={items} busyId={step.isPending ? step.variables?.id : undefined} onStep={(id, action) => { setDone(''); step.mutate({ id, action }); }} />
        )}
      {query.hasNextPage && (
        <Button variant="secondary" className="mt-3" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </Page>
  );
}

function OrderTable({ orders, busyId, onStep }: { orders: Order[]; busyId?: string; onStep: (id: string, action: Step) => void }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[760px] text-left text-sm">
        <caption className="sr-only">Your orders</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">Order</th>
            <th scope="col" className="px-3 py-2">Buyer</th>
            <th scope="col" className="px-3 py-2">Items</th>
            <th scope="col" className="px-3 py-2">Total</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} className="border-t border-slate-200 align-top">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/orders/${o.id}`} id={`order-${o.id}`} className={linkClass}>Order {o.id.slice(0, 8)}</Link>
                <div className="text-xs font-normal text-slate-600">{formatDate(o.createdAt)}</div>
              </th>
              <td className="px-3 py-2"><BuyerName id={o.buyerId} /></td>
              <td className="px-3 py-2">
                <ul>{o.lines.map((l) => <li key={l.listingId}>{l.quantity} × {l.title}</li>)}</ul>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{formatMoney(o.totalMinor, o.currency)}</td>
              <td className="px-3 py-2"><OrderStateBadge state={o.state} /></td>
              <td className="px-3 py-2"><OrderActions order={o} whatId={`order-${o.id}`} busy={busyId === o.id} onStep={(a) => onStep(o.id, a)} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
