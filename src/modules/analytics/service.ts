import type { Executor } from '../../platform/db/database.js';
import { dailyBids } from '../auctions/index.js';
import { dailyCoupons } from '../coupons/index.js';
import { dailyOrders } from '../orders/index.js';
import { dailyPayouts } from '../wallet/index.js';

export const ANALYTICS_POLICY = { daysMax: 92 } as const;

type Amounts = { currency: string; amountMinor: number }[];

export interface Day {
  day: string;
  gmv: Amounts;
  orders: number;
  cancelledOrders: number;
  bids: number;
  spins: number;
  coinsPaidOut: number;
  promotionDiscount: Amounts;
  cashbackCoins: number;
  couponsRedeemed: number;
  /** Fixed-value coupons only: a percent coupon's amount depends on a cart the coupon engine does not see. */
  couponFixedDiscount: Amounts;
}

/** The UTC days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * Daily figures for admins, each from the module that owns it (through its exported daily query):
 * orders (GMV, counts, promotion discounts, cashback), auctions (bids), coupons (spins,
 * redemptions), the wallet (coins paid out). Computed when asked, over at most 92 days.
 */
export async function daily(ex: Executor, from: string, to: string): Promise<Day[]> {
  const [orders, bids, coupons, payouts] = await Promise.all([dailyOrders(ex, from, to), dailyBids(ex, from, to), dailyCoupons(ex, from, to), dailyPayouts(ex, from, to)]);
  const days = new Map<string, Day>(daysBetween(from, to).map((day) => [day, {
    day, gmv: [], orders: 0, cancelledOrders: 0, bids: 0, spins: 0, coinsPaidOut: 0, promotionDiscount: [], cashbackCoins: 0, couponsRedeemed: 0, couponFixedDiscount: [],
  }]));
  for (const r of orders) {
    const d = days.get(r.day);
    if (!d) continue;
    d.orders += r.orders;
    d.cancelledOrders += r.cancelled;
    d.cashbackCoins += r.cashback_coins;
    if (r.gmv_minor > 0) d.gmv.push({ currency: r.currency, amountMinor: r.gmv_minor });
    if (r.discount_minor > 0) d.promotionDiscount.push({ currency: r.currency, amountMinor: r.discount_minor });
  }
  for (const r of bids) if (days.has(r.day)) days.get(r.day)!.bids = r.bids;
  for (const r of coupons.spins) if (days.has(r.day)) days.get(r.day)!.spins = r.spins;
  for (const r of payouts) if (days.has(r.day)) days.get(r.day)!.coinsPaidOut = r.coins;
  for (const r of coupons.redeemed) {
    const d = days.get(r.day);
    if (!d) continue;
    d.couponsRedeemed += r.redeemed;
    if (r.fixed_discount_minor > 0) d.couponFixedDiscount.push({ currency: r.currency, amountMinor: r.fixed_discount_minor });
  }
  return [...days.values()];
}
