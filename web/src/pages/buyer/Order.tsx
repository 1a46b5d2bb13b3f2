import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { hasRole, useMe } from '../../auth/session';
import { formatDateTime } from '../../ui/format';
import { Card, Loaded, Page } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { orderName, orderStateLabel, StateBadge } from '../../ui/orders';
import { Table } from '../../ui/Table';
import { SellerLine } from './shop/bits';
import { CardStep } from './shop/CardStep';
import { OrderActions } from './shop/OrderActions';
import { RatingForm } from './shop/RatingForm';
import type { Order as OrderT } from './shop/types';

/** One order, for its buyer or its seller: lines, money, history and the next steps. */
export default function Order({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const me = useMe();
  const order = useQuery({
    queryKey: ['order', id],
    queryFn: () => must(api.GET('/v1/orders/{id}', { params: { path: { id } } })),
    retry: (n, err) => n < 2 && !(err && 'status' in err && err.status === 404),
  });
  return (
    <Loaded query={order}>
      {(o) => {
        const admin = hasRole(me.data, 'admin');
        return <OrderView key={o.id} order={o} memberId={me.data?.id ?? ''} admin={admin} />;
      }}
    </Loaded>
  );
}

function OrderView({ order: o, memberId, admin }: { order: OrderT; memberId: string; admin: boolean }) {
  const isBuyer = o.buyerId === memberId || admin;
  const isSeller = o.sellerId === memberId || admin;
  const who = (by: string | null) => (by === null ? 'Trove' : by === memberId ? 'you' : by === o.buyerId ? 'the buyer' : by === o.sellerId ? 'the seller' : 'an admin');
  const back = o.buyerId === memberId ? '/orders' : '/seller/orders';

  return (
    <Page title={orderName(o.id)} actions={<Link href={back} className="text-sm text-indigo-700 underline">All orders</Link>}>
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
        <StateBadge state={o.state} />
        <span className="text-slate-600">Placed {formatDateTime(o.createdAt)}</span>
        <span className="text-slate-600">Payment: {o.payment.method === 'card' ? 'card' : 'coins from the wallet'}</span>
        {o.buyerId === memberId && <span>Seller: <SellerLine sellerId={o.sellerId} name={o.sellerName} /></span>}
        {o.sellerId === memberId && <span className="text-slate-600">You are the seller of this order. Buyer: {o.buyerName}</span>}
        {admin && o.buyerId !== memberId && o.sellerId !== memberId && <span className="text-slate-600">Buyer: {o.buyerName} · Seller: {o.sellerName}</span>}
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Table caption="Items in this order" divider="" head={['Item', <span className="block text-right">Unit price</span>, <span className="block text-right">Quantity</span>, <span className="block text-right">Total</span>]}>
            {o.lines.map((l) => (
              <tr key={l.listingId} className="border-t border-slate-200">
                <td className="px-3 py-2"><Link href={`/listings/${l.listingId}`} className="text-indigo-700 underline-offset-2 hover:underline">{l.title}</Link></td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  {formatMoney(l.unitPriceMinor, o.currency)}
                  {l.surgeBp !== 10_000 && <span className="block text-xs text-amber-900">list {formatMoney(l.listPriceMinor, o.currency)}, surge ×{(l.surgeBp / 10_000).toFixed(2)}</span>}
                </td>
                <td className="px-3 py-2 text-right">{l.quantity}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{formatMoney(l.unitPriceMinor * l.quantity, o.currency)}</td>
              </tr>
            ))}
          </Table>

          {isBuyer && o.state === 'pending_payment' && o.payment.method === 'card' && o.buyerId === memberId && (
            <CardStep order={o} showCancel={false} onDone={() => undefined} />
          )}
          <OrderActions order={o} isBuyer={isBuyer} isSeller={isSeller} />
          {o.state === 'completed' && o.buyerId === memberId && <RatingForm orderId={o.id} sellerId={o.sellerId} given={o.rating} />}

          <section aria-labelledby="order-history">
            <h2 id="order-history" className="mb-2 text-lg font-semibold">History</h2>
            <ol className="space-y-1 border-l-2 border-slate-200 pl-4 text-sm">
              {o.history.map((h, i) => (
                <li key={`${h.at}-${i}`}>
                  <span className="font-medium">{orderStateLabel(h.to)}</span>
                  <span className="text-slate-600"> · by {who(h.by)} · {formatDateTime(h.at)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>

        <Card className="h-fit">
          <h2 className="mb-2 text-lg font-semibold">Money</h2>
          <dl className="space-y-1 text-sm">
            <Row label="Subtotal" value={formatMoney(o.subtotalMinor, o.currency)} />
            {o.discountMinor > 0 && <Row label="Discount" value={`−${formatMoney(o.discountMinor, o.currency)}`} />}
            {o.coupon && <Row label="of which coupon" value={`−${formatMoney(o.coupon.discountMinor, o.currency)}`} />}
            <Row label="Total" value={formatMoney(o.totalMinor, o.currency)} strong />
            {o.cashbackCoins > 0 && o.state !== 'cancelled' && (o.state !== 'refunded' || o.history.some((h) => h.to === 'completed')) && (
              <Row label="Cashback" value={`${formatMoney(o.cashbackCoins, 'COIN')}${o.state === 'completed' ? ' paid' : o.state === 'refunded' ? ' (taken back)' : ' on completion'}`} />
            )}
          </dl>
        </Card>
      </div>
    </Page>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 ${strong ? 'border-t border-slate-200 pt-1 text-base font-semibold' : ''}`}>
      <dt>{label}</dt>
      <dd className="text-right">{value}</dd>
    </div>
  );
}
