import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { newestFirstAfter, newestFirstPage } from '../../platform/db/paging.js';
import type { Campaign, Coupon } from './model.js';

interface CampaignRow {
  id: string;
  name: string;
  value_kind: 'fixed' | 'percent';
  amount_minor: number | null;
  percent: number | null;
  cap_minor: number | null;
  currency: string;
  limit_total: number;
  per_member_limit: number;
  issued_count: number;
  leased_units: number;
  valid_from: Date;
  valid_to: Date;
  min_cart_minor: number;
  targeting: Campaign['targeting'];
  code_mode: 'shared' | 'unique';
  shared_code: string | null;
  owner_seller_id: string | null;
  created_at: Date;
}

const valueOf = (r: Pick<CampaignRow, 'value_kind' | 'amount_minor' | 'percent' | 'cap_minor'>): Campaign['value'] =>
  r.value_kind === 'fixed' ? { kind: 'fixed', amountMinor: r.amount_minor! } : { kind: 'percent', percent: r.percent!, capMinor: r.cap_minor };

export function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    name: r.name,
    value: valueOf(r),
    currency: r.currency,
    limitTotal: r.limit_total,
    perMemberLimit: r.per_member_limit,
    issued: r.issued_count,
    leased: r.leased_units,
    remaining: r.limit_total - r.issued_count - r.leased_units,
    validFrom: r.valid_from.toISOString(),
    validTo: r.valid_to.toISOString(),
    minCartMinor: r.min_cart_minor,
    targeting: r.targeting,
    codeMode: r.code_mode,
    sharedCode: r.shared_code,
    ownerSellerId: r.owner_seller_id,
    createdAt: r.created_at.toISOString(),
  };
}

export type NewCampaign = Omit<Campaign, 'issued' | 'leased' | 'remaining' | 'createdAt'> & { createdBy: string | null };

/** Null when the shared code is taken by another campaign. */
export async function insertCampaign(ex: Executor, c: NewCampaign): Promise<Campaign | null> {
  const v = c.value;
  const { rows } = await sql<CampaignRow>`
    INSERT INTO coupons.campaigns (id, name, value_kind, amount_minor, percent, cap_minor, currency, limit_total, per_member_limit,
                                   valid_from, valid_to, min_cart_minor, targeting, code_mode, shared_code, owner_seller_id, created_by)
    VALUES (${c.id}, ${c.name}, ${v.kind}, ${v.kind === 'fixed' ? v.amountMinor : null}, ${v.kind === 'percent' ? v.percent : null},
            ${v.kind === 'percent' ? v.capMinor : null}, ${c.currency}, ${c.limitTotal}, ${c.perMemberLimit}, ${c.validFrom}, ${c.validTo},
            ${c.minCartMinor}, ${JSON.stringify(c.targeting)}::jsonb, ${c.codeMode}, ${c.sharedCode}, ${c.ownerSellerId}, ${c.createdBy})
    ON CONFLICT DO NOTHING
    RETURNING *`.execute(ex);
  return rows[0] ? toCampaign(rows[0]) : null;
}

export async function findCampaign(ex: Executor, id: string): Promise<Campaign | null> {
  const { rows } = await sql<CampaignRow>`
    SELECT c.*, s.issued AS issued_count, s.leased AS leased_units FROM coupons.campaigns c JOIN coupons.campaign_stock s ON s.id = c.id
    WHERE c.id = ${id}`.execute(ex);
  return rows[0] ? toCampaign(rows[0]) : null;
}

/** Campaigns newest first: every one, or one seller's own. */
export async function listCampaigns(ex: Executor, q: { ownerSellerId: string | null; limit: number; cursor?: string }) {
  const { rows } = await sql<CampaignRow & { id: string; created_at_exact: string }>`
    SELECT c.*, s.issued AS issued_count, s.leased AS leased_units, c.created_at::text AS created_at_exact
    FROM coupons.campaigns c JOIN coupons.campaign_stock s ON s.id = c.id
    WHERE TRUE ${q.ownerSellerId ? sql`AND c.owner_seller_id = ${q.ownerSellerId}` : sql``} ${newestFirstAfter(q.cursor, 'c')}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${q.limit + 1}`.execute(ex);
  return newestFirstPage(rows, q.limit, toCampaign);
}

export async function countCodes(ex: Executor, campaignId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM coupons.codes WHERE campaign_id = ${campaignId}`.execute(ex);
  return rows[0]!.n;
}

/** Whether a string is in use as any code: a generated one, or a campaign's shared one. */
export async function codeExists(ex: Executor, code: string): Promise<boolean> {
  const { rows } = await sql`
    SELECT 1 FROM coupons.codes WHERE code = ${code} UNION ALL SELECT 1 FROM coupons.campaigns WHERE shared_code = ${code} LIMIT 1`.execute(ex);
  return rows.length > 0;
}

/**
 * Inserts the codes that are new; returns how many were. A collision (with a generated code or
 * with a campaign's shared code) is skipped, not an error, and the caller draws again.
 */
export async function insertCodes(ex: Executor, campaignId: string, codes: string[]): Promise<number> {
  const result = await sql`
    INSERT INTO coupons.codes (code, campaign_id)
    SELECT c, ${campaignId} FROM unnest(${codes}::text[]) AS c
    WHERE NOT EXISTS (SELECT 1 FROM coupons.campaigns k WHERE k.shared_code = c)
    ON CONFLICT (code) DO NOTHING`.execute(ex);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Takes one unit of the campaign if it is active and not sold out: the limit is in the WHERE, so
 * concurrent issues can never pass it. Returns the per-member limit and code settings, or null.
 */
export async function takeUnit(ex: Executor, campaignId: string): Promise<{ perMemberLimit: number; codeMode: 'shared' | 'unique'; sharedCode: string | null } | null> {
  const { rows } = await sql<{ per_member_limit: number; code_mode: 'shared' | 'unique'; shared_code: string | null }>`
    UPDATE coupons.campaigns SET issued_count = issued_count + 1
    WHERE id = ${campaignId} AND issued_count + leased_units < limit_total AND now() >= valid_from AND now() < valid_to
    RETURNING per_member_limit, code_mode, shared_code`.execute(ex);
  const r = rows[0];
  return r ? { perMemberLimit: r.per_member_limit, codeMode: r.code_mode, sharedCode: r.shared_code } : null;
}

/** Counts one more coupon for the member unless it already holds its limit. */
export async function countForMember(ex: Executor, campaignId: string, memberId: string, limit: number): Promise<boolean> {
  const { rows } = await sql`
    INSERT INTO coupons.member_counts (campaign_id, member_id, issued) VALUES (${campaignId}, ${memberId}, 1)
    ON CONFLICT (campaign_id, member_id) DO UPDATE SET issued = coupons.member_counts.issued + 1
    WHERE coupons.member_counts.issued < ${limit}
    RETURNING 1`.execute(ex);
  return rows.length > 0;
}

/**
 * Takes a free code for the coupon. SKIP LOCKED makes concurrent issues take different codes
 * without waiting on each other; it locks only the one row it returns (PostgreSQL has no gap locks).
 */
export async function takeCode(ex: Executor, campaignId: string, couponId: string): Promise<string | null> {
  const { rows } = await sql<{ code: string }>`
    UPDATE coupons.codes SET coupon_id = ${couponId}
    WHERE code = (SELECT code FROM coupons.codes WHERE campaign_id = ${campaignId} AND coupon_id IS NULL AND lease_id IS NULL
                  LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING code`.execute(ex);
  return rows[0]?.code ?? null;
}

export interface CouponRow {
  id: string;
  campaign_id: string;
  member_id: string;
  code: string;
  state: 'issued' | 'reserved' | 'redeemed';
  source: Coupon['source'];
  cart_id: string | null;
  reserved_until: Date | null;
  order_id: string | null;
  issued_at: Date;
}

/** A reservation past its time is reported as what it is: no reservation. */
export function toCoupon(r: CouponRow, now = new Date()): Coupon {
  const lapsed = r.state === 'reserved' && r.reserved_until !== null && r.reserved_until <= now;
  return {
    id: r.id, campaignId: r.campaign_id, memberId: r.member_id, code: r.code, source: r.source, issuedAt: r.issued_at.toISOString(),
    state: lapsed ? 'issued' : r.state,
    cartId: lapsed ? null : r.cart_id,
    reservedUntil: lapsed || !r.reserved_until ? null : r.reserved_until.toISOString(),
    orderId: r.order_id,
  };
}

/** Null when the id exists already (the caller compares). */
export async function insertCoupon(ex: Executor, c: Pick<Coupon, 'id' | 'campaignId' | 'memberId' | 'code' | 'source'>): Promise<Coupon | null> {
  const { rows } = await sql<CouponRow>`
    INSERT INTO coupons.coupons (id, campaign_id, member_id, code, source) VALUES (${c.id}, ${c.campaignId}, ${c.memberId}, ${c.code}, ${c.source})
    ON CONFLICT (id) DO NOTHING RETURNING *`.execute(ex);
  return rows[0] ? toCoupon(rows[0]) : null;
}

export async function findCoupon(ex: Executor, id: string): Promise<Coupon | null> {
  const { rows } = await sql<CouponRow>`SELECT * FROM coupons.coupons WHERE id = ${id}`.execute(ex);
  return rows[0] ? toCoupon(rows[0]) : null;
}

/** A member's coupons, newest first, each with what its campaign gives (the member cannot read the campaign itself). */
export async function listMemberCoupons(ex: Executor, memberId: string, limit: number) {
  const { rows } = await sql<CouponRow & Pick<CampaignRow, 'value_kind' | 'amount_minor' | 'percent' | 'cap_minor' | 'currency'> & { campaign_name: string; min_cart_minor: string; campaign_valid_to: Date }>`
    SELECT c.*, k.name AS campaign_name, k.value_kind, k.amount_minor, k.percent, k.cap_minor, k.currency, k.min_cart_minor, k.valid_to AS campaign_valid_to
    FROM coupons.coupons c JOIN coupons.campaigns k ON k.id = c.campaign_id
    WHERE c.member_id = ${memberId} ORDER BY c.issued_at DESC, c.id LIMIT ${limit}`.execute(ex);
  return rows.map((r) => ({
    ...toCoupon(r),
    campaign: { name: r.campaign_name, value: valueOf(r), currency: r.currency, minCartMinor: Number(r.min_cart_minor), validTo: r.campaign_valid_to.toISOString() },
  }));
}
