import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { derivedUuid } from '../../platform/ids.js';
import type { PromotionsService } from '../promotions/index.js';
import type { TakenStock } from '../marketplace/index.js';

/** What orders ask of a member for pricing: its groups and when it joined. */
export type MemberFacts = (ex: Executor, memberId: string) => Promise<{ groups: string[]; joinedAt: string | null }>;

export interface AppliedToOrder {
  promotionId: string;
  redemptionId: string;
  discountMinor: number;
  cashbackCoins: number;
}

/** A line of a checkout, its stock taken (or, for a quote, only looked at) at the price the buyer pays. */
export interface PricedLine {
  stock: TakenStock;
  quantity: number;
  unitPriceMinor: number;
  /** The surge multiplier in unitPriceMinor, in basis points (10000: none). */
  surgeBp: number;
}

export interface CheckoutFacts {
  buyerId: string;
  lines: readonly PricedLine[];
  couponCodes: string[];
  paymentMethod: string;
}

export type CartEvaluation = ReturnType<PromotionsService['evaluate']>;

/**
 * Prices a checkout through the promotion engine, as `POST /v1/carts/evaluate` would for the same
 * cart, with what Trove knows of the buyer (its groups, when it joined, whether it has completed an
 * order). Lines are named by their listing.
 */
export async function evaluateCheckout(tx: Executor, deps: { promotions: Pick<PromotionsService, 'evaluate'>; memberFacts: MemberFacts }, o: CheckoutFacts): Promise<CartEvaluation> {
  const member = await deps.memberFacts(tx, o.buyerId);
  const { rows } = await sql<{ first: boolean }>`
    SELECT NOT EXISTS (SELECT 1 FROM orders.orders WHERE buyer_id = ${o.buyerId} AND state = 'completed') AS first`.execute(tx);
  const first = o.lines[0]!.stock;
  return deps.promotions.evaluate({
    currency: first.currency, shippingMinor: 0, memberId: o.buyerId, memberGroups: member.groups, firstOrder: rows[0]!.first, memberJoinedAt: member.joinedAt,
    channel: 'web', paymentMethod: o.paymentMethod, region: null, city: null, couponCodes: o.couponCodes, at: new Date().toISOString(),
    lines: o.lines.map((l) => ({
      lineId: l.stock.listingId, productId: l.stock.listingId, sellerId: l.stock.sellerId, categoryId: l.stock.category, brandId: l.stock.brand, unitPriceMinor: l.unitPriceMinor, quantity: l.quantity,
    })),
  });
}

/**
 * Redeems what the evaluation applied, in the order's transaction: each promotion's limits are
 * consumed there, or the order is refused (`ORDER_PROMOTIONS_CHANGED`: price again).
 */
export async function redeemPromotions(tx: Tx, promotions: Pick<PromotionsService, 'redeem'>, o: { orderId: string; buyerId: string; evaluation: CartEvaluation }): Promise<Result<AppliedToOrder[]>> {
  const applied: AppliedToOrder[] = [];
  // In promotion id order, as reversal takes them: two orders never lock two promotions in opposite orders.
  for (const a of [...o.evaluation.applied].sort((x, y) => (x.promotionId < y.promotionId ? -1 : 1))) {
    const redemptionId = derivedUuid(`order:${o.orderId}:promotion:${a.promotionId}`);
    const redeemed = await promotions.redeem(tx, { id: redemptionId, promotionId: a.promotionId, orderId: o.orderId, memberId: o.buyerId, discountMinor: a.discountMinor });
    if (!redeemed.ok) return fail('ORDER_PROMOTIONS_CHANGED', undefined, { promotionId: a.promotionId, reason: redeemed.code });
    applied.push({ promotionId: a.promotionId, redemptionId, discountMinor: a.discountMinor, cashbackCoins: a.cashbackCoins });
  }
  return ok(applied);
}

export async function recordPromotions(tx: Executor, orderId: string, applied: readonly AppliedToOrder[]): Promise<void> {
  for (const a of applied) {
    await sql`INSERT INTO orders.order_promotions (order_id, promotion_id, redemption_id, discount_minor, cashback_coins)
      VALUES (${orderId}, ${a.promotionId}, ${a.redemptionId}, ${a.discountMinor}, ${a.cashbackCoins})`.execute(tx);
  }
}

/** A cancelled or refunded order gives its promotions' uses and budget back. */
export async function reversePromotions(tx: Tx, promotions: Pick<PromotionsService, 'reverse'>, orderId: string): Promise<void> {
  const { rows } = await sql<{ redemption_id: string }>`SELECT redemption_id FROM orders.order_promotions WHERE order_id = ${orderId} ORDER BY promotion_id`.execute(tx);
  for (const r of rows) {
    const reversed = await promotions.reverse(tx, r.redemption_id);
    if (!reversed.ok) throw new Error(`reversing redemption ${r.redemption_id} of order ${orderId} failed: ${reversed.code}`);
  }
}
