import { formatDate, plural } from '../../../ui/format';
import { formatMoney } from '../../../ui/money';
import type { Action } from './ActionEditor';
import type { Condition } from './ConditionEditor';

/**
 * Short human summaries of stored conditions and actions. A promotion's amounts are minor units of
 * whatever currency the cart is in (it has none of its own), so they say so rather than pass for
 * whole units: "500 minor units off".
 */

export const minor = (n: number) => plural(n, 'minor unit');
const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'percent_off': return `${a.percent}% off${a.capMinor !== undefined ? ` (cap ${minor(a.capMinor)})` : ''}`;
    case 'amount_off': return `${minor(a.amountMinor)} off`;
    case 'fixed_unit_price': return `unit price ${minor(a.unitPriceMinor)}`;
    case 'buy_x_get_y': return `buy ${a.buy} get ${a.get} at ${a.percentOff}% off`;
    case 'tiered_spend': return `tiers: ${a.tiers.map((t) => `${minor(t.offMinor)} off from ${minor(t.minSpendMinor)}`).join(', ')}`;
    case 'free_shipping': return 'free shipping';
    case 'gift_item': return `gift ${a.productId}`;
    case 'coin_cashback': return `${a.percent}% coin cashback${a.capCoins !== undefined ? ` (cap ${formatMoney(a.capCoins, 'COIN')})` : ''}`;
  }
}

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'sellers': case 'campaigns': case 'categories': case 'brands': case 'products': return `${c.kind}: ${c.ids.join(', ')}`;
    case 'min_cart_amount': return `cart from ${minor(c.amountMinor)}`;
    case 'min_quantity': return `at least ${c.quantity} items`;
    case 'member_groups': return `groups: ${c.groups.join(', ')}`;
    case 'first_order': return 'first order';
    case 'new_member': return `joined within ${c.withinDays} days`;
    case 'channel': return `channel: ${c.channels.join(', ')}`;
    case 'payment_method': return `paid by ${c.methods.join(', ')}`;
    case 'region': return `in ${[...(c.regions ?? []), ...(c.cities ?? [])].join(', ')}`;
    case 'window': return `${formatDate(c.from)} – ${formatDate(c.to)}`;
    case 'schedule': return `${c.isoWeekdays.map((d) => DAYS[d]).join(' ')} ${hhmm(c.fromMinute)}–${hhmm(c.toMinute)} (${c.timeZone})`;
    case 'coupon_code': return `code ${c.code}`;
  }
}
