import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';

/**
 * Redemptions: a promotion used by an order. Its total uses, per-member uses and budget are
 * consumed by conditional UPDATEs with the limit in the WHERE (and CHECKs behind them), in the
 * caller's transaction, and given back on reversal. The redemption id is the idempotency key.
 */
export interface RedemptionRequest {
  id: string;
  promotionId: string;
  orderId: string;
  memberId: string | null;
  discountMinor: number;
}

export interface Redemption extends RedemptionRequest {
  status: 'redeemed' | 'reversed';
  createdAt: string;
  reversedAt: string | null;
}

interface Row {
  id: string;
  promotion_id: string;
  order_id: string;
  member_id: string | null;
  discount_minor: string;
  status: 'redeemed' | 'reversed';
  created_at: Date;
  reversed_at: Date | null;
}

const toRedemption = (r: Row): Redemption => ({
  id: r.id, promotionId: r.promotion_id, orderId: r.order_id, memberId: r.member_id, discountMinor: Number(r.discount_minor),
  status: r.status, createdAt: r.created_at.toISOString(), reversedAt: r.reversed_at?.toISOString() ?? null,
});

const same = (a: Redemption, b: RedemptionRequest) =>
  a.promotionId === b.promotionId && a.orderId === b.orderId && a.memberId === b.memberId && a.discountMinor === b.discountMinor;

async function lockId(tx: Tx, id: string): Promise<Redemption | null> {
  // Requests with one id take turns, so a retry finds the first one's redemption and replays it.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`promotions.redemption:${id}`}, 0))`.execute(tx);
  const { rows } = await sql<Row>`SELECT * FROM promotions.redemptions WHERE id = ${id}`.execute(tx);
  return rows[0] ? toRedemption(rows[0]) : null;
}

export async function findRedemption(ex: Executor, id: string): Promise<Redemption | null> {
  const { rows } = await sql<Row>`SELECT * FROM promotions.redemptions WHERE id = ${id}`.execute(ex);
  return rows[0] ? toRedemption(rows[0]) : null;
}

type RedeemResult = Result<{ redemption: Redemption; created: boolean }>;

export async function redeem(tx: Tx, r: RedemptionRequest): Promise<RedeemResult> {
  const existing = await lockId(tx, r.id);
  if (existing) return same(existing, r) ? ok({ redemption: existing, created: false }) : fail('PROMOTION_REDEMPTION_EXISTS_WITH_DIFFERENT_FIELDS');
  await sql`SAVEPOINT promotion_redeem`.execute(tx);
  const refused = await takeUse(tx, r);
  if (refused) {
    // Nothing taken: the total use (if it was) goes back with the savepoint.
    await sql`ROLLBACK TO SAVEPOINT promotion_redeem`.execute(tx);
    return refused;
  }
  const { rows } = await sql<Row>`
    INSERT INTO promotions.redemptions (id, promotion_id, order_id, member_id, discount_minor)
    VALUES (${r.id}, ${r.promotionId}, ${r.orderId}, ${r.memberId}, ${r.discountMinor})
    ON CONFLICT (promotion_id, order_id) DO NOTHING
    RETURNING *`.execute(tx);
  if (!rows[0]) {
    await sql`ROLLBACK TO SAVEPOINT promotion_redeem`.execute(tx);
    return fail('PROMOTION_REDEMPTION_EXISTS_WITH_DIFFERENT_FIELDS', `The order ${r.orderId} already redeemed this promotion under another redemption id.`);
  }
  return ok({ redemption: toRedemption(rows[0]), created: true });
}

/** Takes one use (and the discount from the budget, and one of the member's uses), or says why not. */
async function takeUse(tx: Tx, r: RedemptionRequest): Promise<{ ok: false; code: Parameters<typeof fail>[0]; message?: string } | null> {
  const { rows } = await sql<{ uses_per_member: string | null }>`
    UPDATE promotions.promotions SET uses = uses + 1, spent_minor = spent_minor + ${r.discountMinor}
    WHERE id = ${r.promotionId} AND active
      AND (uses_limit IS NULL OR uses + 1 <= uses_limit)
      AND (budget_minor IS NULL OR spent_minor + ${r.discountMinor} <= budget_minor)
    RETURNING uses_per_member`.execute(tx);
  if (!rows[0]) return whyRefused(tx, r);
  const perMember = rows[0].uses_per_member === null ? null : Number(rows[0].uses_per_member);
  if (perMember === null || r.memberId === null) return null;
  const counted = await sql`
    INSERT INTO promotions.member_uses (promotion_id, member_id, uses) VALUES (${r.promotionId}, ${r.memberId}, 1)
    ON CONFLICT (promotion_id, member_id) DO UPDATE SET uses = promotions.member_uses.uses + 1
    WHERE promotions.member_uses.uses < ${perMember}
    RETURNING uses`.execute(tx);
  return counted.rows.length > 0 ? null : fail('PROMOTION_MEMBER_LIMIT_REACHED');
}

async function whyRefused(tx: Tx, r: RedemptionRequest) {
  const { rows } = await sql<{ active: boolean; uses: string; uses_limit: string | null }>`
    SELECT active, uses, uses_limit FROM promotions.promotions WHERE id = ${r.promotionId}`.execute(tx);
  const p = rows[0];
  if (!p) return fail('PROMOTION_NOT_FOUND');
  if (!p.active) return fail('PROMOTION_INACTIVE');
  if (p.uses_limit !== null && Number(p.uses) >= Number(p.uses_limit)) return fail('PROMOTION_LIMIT_REACHED');
  return fail('PROMOTION_BUDGET_EXHAUSTED');
}

/** Gives a redemption's use, budget and member use back (a cancelled or refunded order). Idempotent. */
export async function reverse(tx: Tx, id: string): Promise<Result<Redemption>> {
  const existing = await lockId(tx, id);
  if (!existing) return fail('PROMOTION_REDEMPTION_NOT_FOUND');
  if (existing.status === 'reversed') return ok(existing);
  const { rows } = await sql<Row>`
    UPDATE promotions.redemptions SET status = 'reversed', reversed_at = now() WHERE id = ${id} AND status = 'redeemed' RETURNING *`.execute(tx);
  await sql`UPDATE promotions.promotions SET uses = uses - 1, spent_minor = spent_minor - ${existing.discountMinor} WHERE id = ${existing.promotionId}`.execute(tx);
  if (existing.memberId) {
    await sql`UPDATE promotions.member_uses SET uses = uses - 1 WHERE promotion_id = ${existing.promotionId} AND member_id = ${existing.memberId} AND uses > 0`.execute(tx);
  }
  return ok(toRedemption(rows[0]!));
}
