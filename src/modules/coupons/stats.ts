import assert from 'node:assert';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { WalletService } from '../wallet/index.js';

/**
 * The admin reads of campaigns and wheels. Each answer is read from one snapshot (one statement,
 * or one repeatable-read transaction), so its numbers add up with each other.
 */

export interface CampaignStats {
  campaignId: string;
  /** The seller whose campaign it is (who may read these), or null for the platform's. */
  ownerSellerId: string | null;
  limitTotal: number;
  /** Coupons issued: settled on the campaign row, plus those used under live leases. */
  issued: number;
  /** Units leased to instances and not handed out yet. */
  leased: number;
  /** limitTotal - issued - leased: what can still be issued or leased. */
  remaining: number;
  /** Coupons held and not in use: issued, or reserved with the reservation lapsed. */
  unused: number;
  /** Coupons reserved for a cart whose reservation has not lapsed. */
  reserved: number;
  redeemed: number;
  /** Times a coupon was given back after its order was cancelled or refunded (a coupon may count more than once). */
  returned: number;
  perMember: { limit: number; holders: number; atLimit: number };
}

export async function campaignStats(ex: Executor, campaignId: string): Promise<CampaignStats | null> {
  const { rows } = await sql<{
    owner_seller_id: string | null; limit_total: number; issued_count: number; leased_units: number; per_member_limit: number;
    unused: number; reserved: number; redeemed: number; returned: number; holders: number; at_limit: number;
  }>`
    SELECT k.owner_seller_id, k.limit_total, st.issued AS issued_count, st.leased AS leased_units, k.per_member_limit,
           c.unused, c.reserved, c.redeemed, c.returned, m.holders, m.at_limit
    FROM coupons.campaigns k
    JOIN coupons.campaign_stock st ON st.id = k.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE state = 'issued' OR (state = 'reserved' AND reserved_until <= now()))::int AS unused,
             count(*) FILTER (WHERE state = 'reserved' AND reserved_until > now())::int AS reserved,
             count(*) FILTER (WHERE state = 'redeemed')::int AS redeemed,
             coalesce(sum(returned_count), 0)::int AS returned
      FROM coupons.coupons WHERE campaign_id = k.id) c
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS holders, count(*) FILTER (WHERE issued >= k.per_member_limit)::int AS at_limit
      FROM coupons.member_counts WHERE campaign_id = k.id) m
    WHERE k.id = ${campaignId}`.execute(ex);
  const r = rows[0];
  if (!r) return null;
  return {
    campaignId, ownerSellerId: r.owner_seller_id, limitTotal: r.limit_total, issued: r.issued_count, leased: r.leased_units,
    remaining: r.limit_total - r.issued_count - r.leased_units,
    unused: r.unused, reserved: r.reserved, redeemed: r.redeemed, returned: r.returned,
    perMember: { limit: r.per_member_limit, holders: r.holders, atLimit: r.at_limit },
  };
}

export type SliceLeft =
  | { kind: 'coupon'; campaignId: string; campaignActive: boolean; remaining: number; leased: number }
  | { kind: 'coins'; accountId: string; coinAmount: number; available: number; prizes: number }
  | null;

export interface WheelState {
  wheelId: string;
  /** Within its validity window now. */
  active: boolean;
  totalSpins: number;
  spinsByKind: { coupon: number; coins: number; nothing: number };
  slices: { position: number; kind: 'coupon' | 'coins' | 'nothing'; label: string; hits: number; left: SliceLeft }[];
  /** No prize slice has anything left (true too for a wheel without prize slices). */
  exhausted: boolean;
}

interface SliceRow {
  position: number;
  kind: 'coupon' | 'coins' | 'nothing';
  label: string;
  campaign_id: string | null;
  coin_amount: number | null;
  coin_source_account: string | null;
  hits: number;
  remaining: number | null;
  leased: number | null;
  campaign_active: boolean | null;
  total_spins: number;
}

/**
 * A coupon slice has something left while its campaign is in its window and has units to issue or
 * units leased out (which their holders may still hand out); a coins slice while its account can
 * pay one more prize.
 */
function hasLeft(left: SliceLeft): boolean {
  if (left === null) return false;
  return left.kind === 'coupon' ? left.campaignActive && (left.remaining > 0 || left.leased > 0) : left.prizes > 0;
}

/** Null when there is no such wheel. Reads in one repeatable-read snapshot, wallet balances included. */
export function wheelState(db: Db, wallet: WalletService, wheelId: string): Promise<WheelState | null> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => {
    const wheel = await sql<{ active: boolean }>`
      SELECT now() >= valid_from AND now() < valid_to AS active FROM coupons.wheels WHERE id = ${wheelId}`.execute(tx);
    if (!wheel.rows[0]) return null;
    const { rows } = await sql<SliceRow>`
      WITH hits AS (SELECT position AS slice_position, sum(hits)::int AS hits FROM coupons.slice_hits WHERE wheel_id = ${wheelId} GROUP BY position)
      SELECT s.position, s.kind, s.label, s.campaign_id, s.coin_amount, s.coin_source_account, coalesce(h.hits, 0) AS hits,
             st.remaining, st.leased,
             now() >= k.valid_from AND now() < k.valid_to AS campaign_active,
             (SELECT coalesce(sum(hits), 0)::int FROM hits) AS total_spins
      FROM coupons.wheel_slices s
      LEFT JOIN hits h ON h.slice_position = s.position
      LEFT JOIN coupons.campaigns k ON k.id = s.campaign_id
      LEFT JOIN coupons.campaign_stock st ON st.id = s.campaign_id
      WHERE s.wheel_id = ${wheelId}
      ORDER BY s.position`.execute(tx);
    const available = new Map<string, number>();
    for (const account of new Set(rows.flatMap((s) => (s.coin_source_account ? [s.coin_source_account] : [])))) {
      available.set(account, (await wallet.findAccount(tx, account))?.balance.available ?? 0);
    }
    const slices = rows.map((s) => ({ position: s.position, kind: s.kind, label: s.label, hits: s.hits, left: sliceLeft(s, available) }));
    const spinsByKind = { coupon: 0, coins: 0, nothing: 0 };
    for (const s of slices) spinsByKind[s.kind] += s.hits;
    const totalSpins = rows[0]?.total_spins ?? 0;
    assert.equal(slices.reduce((n, s) => n + s.hits, 0), totalSpins, `wheel ${wheelId} has spins that landed on no slice of it`);
    const prizes = slices.filter((s) => s.kind !== 'nothing');
    return { wheelId, active: wheel.rows[0].active, totalSpins, spinsByKind, slices, exhausted: !prizes.some((s) => hasLeft(s.left)) };
  });
}

function sliceLeft(s: SliceRow, available: Map<string, number>): SliceLeft {
  if (s.kind === 'coupon') {
    return { kind: 'coupon', campaignId: s.campaign_id!, campaignActive: s.campaign_active!, remaining: s.remaining!, leased: s.leased! };
  }
  if (s.kind === 'coins') {
    const balance = available.get(s.coin_source_account!)!;
    return { kind: 'coins', accountId: s.coin_source_account!, coinAmount: s.coin_amount!, available: balance, prizes: Math.max(0, Math.floor(balance / s.coin_amount!)) };
  }
  return null;
}
