import { useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { Page, Select } from '../../ui/kit';
import { PagedList, usePaged } from '../../ui/paging';
import { formatMoney } from '../../ui/money';
import { ORDER_STATES, orderName, orderStateLabel, StateBadge, type OrderState } from '../../ui/orders';
import { Table } from '../../ui/Table';

/** The buyer's orders, newest first, paged. */
export default function Orders() {
  const [state, setState] = useState<'' | OrderState>('');
  const orders = usePaged({
    queryKey: ['orders', 'buyer', state],
    page: (cursor) => must(api.GET('/v1/orders', { params: { query: { as: 'buyer', limit: 20, ...(state ? { state } : {}), cursor } } })),
  });

  return (
    <Page title="Your orders">
      <div className="max-w-xs">
        <Select label="State" value={state} onChange={(e) => setState(e.target.value as '' | OrderState)}>
          <option value="">All orders</option>
          {ORDER_STATES.map((s) => <option key={s} value={s}>{orderStateLabel(s)}</option>)}
        </Select>
      </div>
      <PagedList paged={orders} empty={state ? 'No orders in this state.' : <>You have no orders yet. <Link href="/listings" className="text-indigo-700 underline">Browse listings</Link></>}>
        {(items) => (
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
        )}
      </PagedList>
    </Page>
  );
}
