import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import type { Coupon } from './model.js';
import { toCoupon, type CouponRow } from './store.js';

/**
 * A coupon's life after it is issued: reserved for a cart (with a TTL; a lapsed reservation is as
 * good as none), redeemed with an order, returned when that order is cancelled or refunded. Each
 * step is one conditional UPDATE, so two carts or two orders racing for one coupon cannot both win;
 * repeating a step that already happened (same cart, same order) answers with the coupon again.
 */
export const LIFECYCLE_POLICY = { reservationTtlMaxSeconds: 24 * 3600 } as const;

type Outcome = Promise<Result<Coupon>>;

/** Only within the campaign's window. */
const ACTIVE = sql`EXISTS (SELECT 1 FROM coupons.campaigns k WHERE k.id = c.campaign_id AND now() >= k.valid_from AND now() < k.valid_to)`;

/** The member's, in its campaign's window, and neither redeemed nor reserved for another cart: free for this cart to reserve or redeem. */
const freeFor = (memberId: string, cartId: string | null) => sql`c.member_id = ${memberId} AND ${ACTIVE}
  AND (c.state = 'issued' OR (c.state = 'reserved' AND (c.cart_id = ${cartId} OR c.reserved_until <= now())))`;

export async function reserve(ex: Executor, id: string, memberId: string, cartId: string, ttlSeconds: number): Outcome {
  const { rows } = await sql<CouponRow>`
    UPDATE coupons.coupons c SET state = 'reserved', cart_id = ${cartId}, order_id = NULL,
      reserved_until = now() + make_interval(secs => ${ttlSeconds}), updated_at = now()
    WHERE c.id = ${id} AND ${freeFor(memberId, cartId)}
    RETURNING c.*`.execute(ex);
  return rows[0] ? ok(toCoupon(rows[0])) : refusal(ex, id, memberId, { cartId });
}

export async function release(ex: Executor, id: string, memberId: string, cartId: string): Outcome {
  const { rows } = await sql<CouponRow>`
    UPDATE coupons.coupons c SET state = 'issued', cart_id = NULL, reserved_until = NULL, updated_at = now()
    WHERE c.id = ${id} AND c.member_id = ${memberId} AND c.state = 'reserved' AND c.cart_id = ${cartId}
    RETURNING c.*`.execute(ex);
  if (rows[0]) return ok(toCoupon(rows[0]));
  const current = await find(ex, id);
  // Releasing what is not (or no longer) reserved for this cart leaves it as it is.
  if (current && current.memberId === memberId && current.state !== 'redeemed') return ok(current);
  return refusal(ex, id, memberId, { cartId });
}

export async function redeem(ex: Executor, id: string, memberId: string, orderId: string, cartId: string | null): Outcome {
  const { rows } = await sql<CouponRow>`
    UPDATE coupons.coupons c SET state = 'redeemed', order_id = ${orderId}, cart_id = NULL, reserved_until = NULL, updated_at = now()
    WHERE c.id = ${id} AND ${freeFor(memberId, cartId)}
    RETURNING c.*`.execute(ex);
  if (rows[0]) return ok(toCoupon(rows[0]));
  const current = await find(ex, id);
  if (current?.memberId === memberId && current.state === 'redeemed' && current.orderId === orderId) return ok(current);
  return refusal(ex, id, memberId, { cartId });
}

/** Whether `redeem` would take the coupon now (a checkout quote asks), without taking it. */
export async function redeemable(ex: Executor, id: string, memberId: string, cartId: string | null): Outcome {
  const { rows } = await sql<CouponRow>`SELECT c.* FROM coupons.coupons c WHERE c.id = ${id} AND ${freeFor(memberId, cartId)}`.execute(ex);
  return rows[0] ? ok(toCoupon(rows[0])) : refusal(ex, id, memberId, { cartId });
}

/**
 * The order was cancelled or refunded: the coupon is the member's to use again. The return is
 * counted on the coupon in the same UPDATE, so the campaign's returns are exact.
 */
export async function giveBack(ex: Executor, id: string, orderId: string): Outcome {
  const { rows } = await sql<CouponRow>`
    UPDATE coupons.coupons c SET state = 'issued', order_id = NULL, returned_count = c.returned_count + 1, updated_at = now()
    WHERE c.id = ${id} AND c.state = 'redeemed' AND c.order_id = ${orderId}
    RETURNING c.*`.execute(ex);
  if (rows[0]) return ok(toCoupon(rows[0]));
  const current = await find(ex, id);
  if (!current) return fail('COUPON_NOT_FOUND');
  return fail('COUPON_NOT_REDEEMED_BY_ORDER', `The coupon is ${current.state}${current.orderId ? ` by order ${current.orderId}` : ''}.`);
}

async function find(ex: Executor, id: string): Promise<Coupon | null> {
  const { rows } = await sql<CouponRow>`SELECT * FROM coupons.coupons WHERE id = ${id}`.execute(ex);
  return rows[0] ? toCoupon(rows[0]) : null;
}

/** Why a step did not apply, from the coupon and its campaign as they are now. */
async function refusal(ex: Executor, id: string, memberId: string, ctx: { cartId: string | null }): Outcome {
  const { rows } = await sql<CouponRow & { active: boolean; ended: boolean }>`
    SELECT c.*, now() >= k.valid_from AND now() < k.valid_to AS active, now() >= k.valid_to AS ended
    FROM coupons.coupons c JOIN coupons.campaigns k ON k.id = c.campaign_id WHERE c.id = ${id}`.execute(ex);
  const row = rows[0];
  if (!row) return fail('COUPON_NOT_FOUND');
  if (row.member_id !== memberId) return fail('COUPON_NOT_YOURS');
  if (row.state === 'redeemed') return fail('COUPON_ALREADY_REDEEMED');
  if (row.ended) return fail('COUPON_EXPIRED');
  if (!row.active) return fail('COUPON_NOT_YET_VALID');
  if (row.state === 'reserved' && row.cart_id !== ctx.cartId) return fail('COUPON_RESERVED', 'The coupon is reserved for another cart.');
  return fail('CONFLICT');
}
