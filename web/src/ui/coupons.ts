import { useQuery } from '@tanstack/react-query';
import { api, must, type Json } from '../api/client';
import { formatMoney } from './money';

/** Coupons: the member's own (one cached read for every page), their value, and whether one can be used now. */

export type MyCoupon = Json<'/v1/coupons', 'get'>['items'][number];
export type CouponValue = MyCoupon['campaign']['value'];

/** The cache key of GET /v1/coupons: invalidate it after anything that issues, reserves or redeems a coupon. */
export const MY_COUPONS_KEY = ['coupons'] as const;

/** The signed-in member's coupons, newest first, each with its campaign's name, value, currency, minimum cart and end. */
export function useMyCoupons() {
  return useQuery({ queryKey: MY_COUPONS_KEY, queryFn: () => must(api.GET('/v1/coupons')) });
}

/** "€5.00 off", "10% off (at most 200 coins)": what a coupon or campaign takes off, in its currency. */
export function couponValueText(c: { value: CouponValue; currency: string }): string {
  if (c.value.kind === 'fixed') return `${formatMoney(c.value.amountMinor, c.currency)} off`;
  return `${c.value.percent}% off${c.value.capMinor !== null ? ` (at most ${formatMoney(c.value.capMinor, c.currency)})` : ''}`;
}

/** A reservation (a cart set the coupon aside) that has not lapsed yet. */
export function isHeld(c: Pick<MyCoupon, 'state' | 'reservedUntil'>, now: Date): boolean {
  return c.state === 'reserved' && !!c.reservedUntil && new Date(c.reservedUntil) > now;
}

/** Past its campaign's end. */
export function isExpired(c: Pick<MyCoupon, 'campaign'>, now: Date): boolean {
  return new Date(c.campaign.validTo) <= now;
}

/**
 * Whether the holder can put the coupon in a cart now: not used, not expired, and either never
 * reserved or reserved by a cart whose reservation has lapsed (a lapsed reservation counts as none).
 */
export function isUsable(c: Pick<MyCoupon, 'state' | 'reservedUntil' | 'campaign'>, now: Date): boolean {
  if (c.state === 'redeemed' || isExpired(c, now)) return false;
  return c.state === 'issued' || !isHeld(c, now);
}
