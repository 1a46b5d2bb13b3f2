import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { ErrorNote, Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { ORDER_STATE_LABELS, orderName, StateBadge, StepButton, stepsFor, useOrderStep, type Order, type OrderState } from '../../ui/orders';
import { PagedList, usePaged } from '../../ui/paging';
import { Table, td } from '../../ui/Table';
import { linkClass, Saved, useFocusWhen } from './parts/common';

/** Paid first: what is waiting for the seller. */
const FILTERS: OrderState[] = ['paid', 'shipped', 'delivered', 'completed', 'pending_payment', 'cancelled', 'refunded'];

/**
 * Orders to fulfil: the seller's orders by state (paid first), with ship, deliver, cancel and
 * refund. Steps go through useOrderStep (ui/orders.tsx): one at a time, with an Idempotency-Key
 * kept for a retry after a lost answer, refreshing the orders, wallet and listings they change.
 */
export default function Orders() {
  const [state, setState] = useState<OrderState | ''>('paid');
  const orders = usePaged({
    queryKey: ['seller-orders', state],
    page: (cursor) => must(api.GET('/v1/orders', { params: { query: { as: 'seller', state: state || undefined, limit: 50, cursor } } })),
  });
  const step = useOrderStep();
  const status = useRef<HTMLParagraphElement>(null);
  // A step changes the order's state, so its button goes (and under a state filter, the whole row):
  // once the list shows the change, focus moves to the line saying what was done.
  const done = step.done;
  const row = done && orders.items.find((o) => o.id === done.order.id);
  useFocusWhen(!!done && !orders.isFetching && (!row || row.state === done.order.state), status);
  return (
    <Page title="Orders to fulfil">
      <div className="max-w-xs">
        <Select label="State" value={state} onChange={(e) => { setState(e.target.value as OrderState | ''); step.reset(); }}>
          {FILTERS.map((s) => <option key={s} value={s}>{ORDER_STATE_LABELS[s]}</option>)}
          <option value="">All orders</option>
        </Select>
      </div>
      <Saved ref={status}>{step.pending ? 'Working…' : done?.text}</Saved>
      <ErrorNote error={step.error} />
      <PagedList paged={orders} pending="Loading orders"
        empty={state === 'paid' ? 'Nothing to ship: no paid orders are waiting.' : state ? `No ${ORDER_STATE_LABELS[state].toLowerCase()} orders.` : 'No orders yet.'}>
        {(items) => <OrderTable orders={items} step={step} />}
      </PagedList>
    </Page>
  );
}

function OrderTable({ orders, step }: { orders: Order[]; step: ReturnType<typeof useOrderStep> }) {
  return (
    <Table caption="Your orders" minWidth="min-w-[760px]" head={['Order', 'Buyer', 'Items', 'Total', 'State', <span className="sr-only">Actions</span>]}>
      {orders.map((o) => {
        const nameId = `order-${o.id}`;
        return (
          <tr key={o.id} className="align-top">
            <th scope="row" className={`${td} font-medium`}>
              <Link href={`/orders/${o.id}`} id={nameId} className={linkClass}>{orderName(o.id)}</Link>
              <div className="text-xs font-normal text-slate-600">{formatDateTime(o.createdAt)}</div>
            </th>
            <td className={td}>{o.buyerName}</td>
            <td className={td}>
              <ul>{o.lines.map((l) => <li key={l.listingId}>{l.quantity} × {l.title}</li>)}</ul>
            </td>
            <td className={`${td} whitespace-nowrap`}>{formatMoney(o.totalMinor, o.currency)}</td>
            <td className={td}><StateBadge state={o.state} /></td>
            <td className={td}>
              <div className="flex flex-wrap justify-end gap-2">
                {stepsFor(o, { isBuyer: false, isSeller: true }).map((s) => (
                  <StepButton key={s.step} info={s} whatId={nameId} busy={!!step.pending} onTake={() => step.take(o, s.step)} />
                ))}
              </div>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
