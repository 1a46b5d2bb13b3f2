import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

/**
 * Per UTC day: wheel spins, and coupons redeemed with the discount of fixed-value ones (a percent
 * coupon's amount depends on the cart, which the coupon engine does not see).
 */
export async function dailyCoupons(ex: Executor, from: string, to: string) {
  const spins = await sql<{ day: string; spins: number }>`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS spins
    FROM coupons.spins WHERE created_at >= ${from}::date AND created_at < ${to}::date + 1 GROUP BY 1 ORDER BY 1`.execute(ex);
  const redeemed = await sql<{ day: string; currency: string; redeemed: number; fixed_discount_minor: number }>`
    SELECT to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, k.currency, count(*)::int AS redeemed,
      coalesce(sum(k.amount_minor) FILTER (WHERE k.value_kind = 'fixed'), 0)::bigint AS fixed_discount_minor
    FROM coupons.coupons c JOIN coupons.campaigns k ON k.id = c.campaign_id
    WHERE c.state = 'redeemed' AND c.updated_at >= ${from}::date AND c.updated_at < ${to}::date + 1 GROUP BY 1, 2 ORDER BY 1, 2`.execute(ex);
  return { spins: spins.rows, redeemed: redeemed.rows };
}
