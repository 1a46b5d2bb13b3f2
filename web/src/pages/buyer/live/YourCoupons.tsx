import { Link } from 'wouter';
import { couponValueText, isExpired, isHeld, useMyCoupons, type MyCoupon } from '../../../ui/coupons';
import { formatDateTime } from '../../../ui/format';
import { Badge, Empty, Loaded } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { orderName } from '../../../ui/orders';
import { Table } from '../../../ui/Table';

const SOURCES: Record<MyCoupon['source'], string> = { admin: 'From Trove', spin: 'Prize wheel', reward: 'Reward', import: 'Imported' };

/** What a coupon's state means to its holder (a lapsed reservation counts as none, as in the cart's picker). */
export function couponStateOf(c: MyCoupon, now: Date): { text: string; tone: 'green' | 'amber' | 'slate' | 'red' } {
  if (c.state === 'redeemed') return { text: 'Used', tone: 'slate' };
  if (isExpired(c, now)) return { text: 'Expired', tone: 'red' };
  if (isHeld(c, now)) return { text: `In a cart until ${formatDateTime(c.reservedUntil!)}`, tone: 'amber' };
  return { text: 'Ready to use', tone: 'green' };
}

/** The member's coupons, newest first, with what each is worth; the one just won is marked. */
export function YourCoupons({ highlightCode }: { highlightCode?: string | null }) {
  const coupons = useMyCoupons();
  const now = new Date();
  return (
    <section aria-labelledby="your-coupons" className="mt-8">
      <h2 id="your-coupons" className="mb-3 text-xl font-semibold">Your coupons</h2>
      <Loaded query={coupons}>
        {({ items }) => items.length === 0 ? <Empty>You have no coupons yet. Spin the wheel or complete rewards to win some.</Empty> : (
          <Table caption="Your coupons, newest first" minWidth="min-w-[40rem]" divider="" head={['Code', 'Worth', 'State', 'From', 'Received']}>
            {items.map((c) => {
              const state = couponStateOf(c, now);
              const fresh = highlightCode && c.code === highlightCode && c.source === 'spin';
              return (
                <tr key={c.id} className={`border-t border-slate-100 ${fresh ? 'bg-green-50' : ''}`}>
                  <th scope="row" className="px-3 py-2 font-mono font-semibold tracking-wide">
                    {c.code}{fresh && <span className="ml-2 font-sans"><Badge tone="green">New</Badge></span>}
                  </th>
                  <td className="px-3 py-2">
                    <span className="font-medium">{couponValueText(c.campaign)}</span>
                    <span className="block text-xs text-slate-600">
                      {c.campaign.name}
                      {c.campaign.minCartMinor > 0 && ` · carts from ${formatMoney(c.campaign.minCartMinor, c.campaign.currency)}`}
                      {c.state !== 'redeemed' && ` · until ${formatDateTime(c.campaign.validTo)}`}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={state.tone}>{state.text}</Badge>
                    {c.state === 'redeemed' && c.orderId && (
                      <Link href={`/orders/${c.orderId}`} className="ml-2 text-indigo-700 underline">{orderName(c.orderId)}</Link>
                    )}
                  </td>
                  <td className="px-3 py-2">{SOURCES[c.source]}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(c.issuedAt)}</td>
                </tr>
              );
            })}
          </Table>
        )}
      </Loaded>
    </section>
  );
}
