import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

export interface Slice {
  position: number;
  kind: 'coupon' | 'coins' | 'nothing';
  label: string;
  campaignId: string | null;
  coinAmount: number | null;
  coinSourceAccount: string | null;
  weight: number;
}

export interface Wheel {
  id: string;
  name: string;
  weightMode: 'stock' | 'explicit';
  spinsPerDay: number | null;
  validFrom: string;
  validTo: string;
  slices: Slice[];
}

export type SpinOutcome =
  | { kind: 'coupon'; position: number; label: string; couponId: string; code: string; campaignId: string }
  | { kind: 'coins'; position: number; label: string; amount: number; transferId: string }
  | { kind: 'nothing'; position: number; label: string };

export interface Spin {
  id: string;
  wheelId: string;
  memberId: string;
  spinDay: string;
  outcome: SpinOutcome;
  createdAt: string;
}

export async function insertWheel(ex: Executor, w: Wheel): Promise<void> {
  await sql`INSERT INTO coupons.wheels (id, name, weight_mode, spins_per_day, valid_from, valid_to)
            VALUES (${w.id}, ${w.name}, ${w.weightMode}, ${w.spinsPerDay}, ${w.validFrom}, ${w.validTo})`.execute(ex);
  await sql`
    INSERT INTO coupons.wheel_slices (wheel_id, position, kind, label, campaign_id, coin_amount, coin_source_account, weight)
    SELECT ${w.id}, * FROM unnest(${w.slices.map((s) => s.position)}::smallint[], ${w.slices.map((s) => s.kind)}::text[],
      ${w.slices.map((s) => s.label)}::text[], ${w.slices.map((s) => s.campaignId)}::uuid[], ${w.slices.map((s) => s.coinAmount)}::bigint[],
      ${w.slices.map((s) => s.coinSourceAccount)}::text[], ${w.slices.map((s) => s.weight)}::int[])`.execute(ex);
}

export async function findWheel(ex: Executor, id: string): Promise<Wheel | null> {
  const { rows } = await sql<{ id: string; name: string; weight_mode: Wheel['weightMode']; spins_per_day: number | null; valid_from: Date; valid_to: Date }>`
    SELECT id, name, weight_mode, spins_per_day, valid_from, valid_to FROM coupons.wheels WHERE id = ${id}`.execute(ex);
  const w = rows[0];
  if (!w) return null;
  const slices = await sql<{ position: number; kind: Slice['kind']; label: string; campaign_id: string | null; coin_amount: number | null; coin_source_account: string | null; weight: number }>`
    SELECT position, kind, label, campaign_id, coin_amount, coin_source_account, weight FROM coupons.wheel_slices
    WHERE wheel_id = ${id} ORDER BY position`.execute(ex);
  return {
    id: w.id, name: w.name, weightMode: w.weight_mode, spinsPerDay: w.spins_per_day,
    validFrom: w.valid_from.toISOString(), validTo: w.valid_to.toISOString(),
    slices: slices.rows.map((s) => ({ position: s.position, kind: s.kind, label: s.label, campaignId: s.campaign_id, coinAmount: s.coin_amount, coinSourceAccount: s.coin_source_account, weight: s.weight })),
  };
}

/** Coupons each campaign can still issue now (0 outside its window). */
export async function campaignStock(ex: Executor, campaignIds: string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; left: number }>`
    SELECT id, CASE WHEN now() >= valid_from AND now() < valid_to THEN limit_total - issued_count - leased_units ELSE 0 END AS left
    FROM coupons.campaigns WHERE id = ANY(${campaignIds}::uuid[])`.execute(ex);
  return new Map(rows.map((r) => [r.id, r.left]));
}

/** One spin of a batch, keyed for the set-wise statements below. */
export interface SpinKey {
  wheelId: string;
  memberId: string;
  /** The member's day (YYYY-MM-DD in its time zone). */
  day: string;
}

/**
 * Counts one spin per key against the wheel's daily limit, for a whole batch in one statement (a
 * batch holds at most one spin per member). Returns the keys counted; the others had reached the
 * limit. The limit is in the upsert's WHERE, so concurrent batches can never pass it.
 */
export async function countSpins(ex: Executor, keys: SpinKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await sql<{ wheel_id: string; member_id: string }>`
    INSERT INTO coupons.spin_counts AS sc (wheel_id, member_id, spin_day, spins)
    SELECT w, m, d::date, 1 FROM unnest(${keys.map((k) => k.wheelId)}::uuid[], ${keys.map((k) => k.memberId)}::uuid[], ${keys.map((k) => k.day)}::text[]) AS t(w, m, d)
    ON CONFLICT (wheel_id, member_id, spin_day) DO UPDATE SET spins = sc.spins + 1
    WHERE sc.spins < coalesce((SELECT spins_per_day FROM coupons.wheels WHERE id = sc.wheel_id), 2147483647)
    RETURNING wheel_id, member_id`.execute(ex);
  return new Set(rows.map((r) => `${r.wheel_id}:${r.member_id}`));
}

/** Takes back the count of spins that turned out to have no prize left (same transaction). */
export async function uncountSpins(ex: Executor, keys: SpinKey[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`
    UPDATE coupons.spin_counts sc SET spins = sc.spins - 1
    FROM unnest(${keys.map((k) => k.wheelId)}::uuid[], ${keys.map((k) => k.memberId)}::uuid[], ${keys.map((k) => k.day)}::text[]) AS t(w, m, d)
    WHERE sc.wheel_id = t.w AND sc.member_id = t.m AND sc.spin_day = t.d::date`.execute(ex);
}

/**
 * Counts one coupon of each (campaign, member) pair unless the member holds the campaign's
 * per-member limit already. Returns the pairs counted, as "campaign:member".
 */
export async function countForMembers(ex: Executor, pairs: { campaignId: string; memberId: string }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const { rows } = await sql<{ campaign_id: string; member_id: string }>`
    INSERT INTO coupons.member_counts AS mc (campaign_id, member_id, issued)
    SELECT c, m, 1 FROM unnest(${pairs.map((p) => p.campaignId)}::uuid[], ${pairs.map((p) => p.memberId)}::uuid[]) AS t(c, m)
    ON CONFLICT (campaign_id, member_id) DO UPDATE SET issued = mc.issued + 1
    WHERE mc.issued < (SELECT per_member_limit FROM coupons.campaigns WHERE id = mc.campaign_id)
    RETURNING campaign_id, member_id`.execute(ex);
  return new Set(rows.map((r) => `${r.campaign_id}:${r.member_id}`));
}

export interface SpinCoupon {
  id: string;
  campaignId: string;
  memberId: string;
  code: string;
  leaseId: string;
  /** Whether the code is one of the campaign's unique codes (then it is marked taken). */
  uniqueCode: boolean;
}

/** Records the coupons a batch of spins won, and marks their unique codes taken. */
export async function insertSpinCoupons(ex: Executor, coupons: SpinCoupon[]): Promise<void> {
  if (coupons.length === 0) return;
  await sql`
    INSERT INTO coupons.coupons (id, campaign_id, member_id, code, source)
    SELECT id, c, m, code, 'spin' FROM unnest(${coupons.map((c) => c.id)}::uuid[], ${coupons.map((c) => c.campaignId)}::uuid[],
      ${coupons.map((c) => c.memberId)}::uuid[], ${coupons.map((c) => c.code)}::text[]) AS t(id, c, m, code)`.execute(ex);
  const unique = coupons.filter((c) => c.uniqueCode);
  if (unique.length === 0) return;
  const marked = await sql`
    UPDATE coupons.codes k SET coupon_id = t.id
    FROM unnest(${unique.map((c) => c.code)}::text[], ${unique.map((c) => c.id)}::uuid[], ${unique.map((c) => c.leaseId)}::uuid[]) AS t(code, id, lease)
    WHERE k.code = t.code AND k.lease_id = t.lease AND k.coupon_id IS NULL`.execute(ex);
  // A code handed out twice would be a bug in the lease bookkeeping: refuse the whole batch.
  if (Number(marked.numAffectedRows ?? 0) !== unique.length) throw new Error('a leased code was not free');
}

/** Stores a batch of spins; returns their creation times, or null when an id exists (a race). */
export async function insertSpins(ex: Executor, spins: Omit<Spin, 'createdAt'>[]): Promise<Map<string, string> | null> {
  if (spins.length === 0) return new Map();
  const { rows } = await sql<{ id: string; created_at: Date }>`
    INSERT INTO coupons.spins (id, wheel_id, member_id, spin_day, slice_position, outcome)
    SELECT id, w, m, d::date, p, o FROM unnest(${spins.map((s) => s.id)}::uuid[], ${spins.map((s) => s.wheelId)}::uuid[],
      ${spins.map((s) => s.memberId)}::uuid[], ${spins.map((s) => s.spinDay)}::text[], ${spins.map((s) => s.outcome.position)}::smallint[],
      ${spins.map((s) => JSON.stringify(s.outcome))}::jsonb[]) AS t(id, w, m, d, p, o)
    ON CONFLICT (id) DO NOTHING RETURNING id, created_at`.execute(ex);
  if (rows.length !== spins.length) return null;
  return new Map(rows.map((r) => [r.id, r.created_at.toISOString()]));
}

type SpinRow = { id: string; wheel_id: string; member_id: string; spin_day: string; outcome: SpinOutcome; created_at: Date };
const toSpin = (r: SpinRow): Spin => ({ id: r.id, wheelId: r.wheel_id, memberId: r.member_id, spinDay: r.spin_day, outcome: r.outcome, createdAt: r.created_at.toISOString() });

export async function findSpins(ex: Executor, ids: string[]): Promise<Map<string, Spin>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<SpinRow>`
    SELECT id, wheel_id, member_id, spin_day::text, outcome, created_at FROM coupons.spins WHERE id = ANY(${ids}::uuid[])`.execute(ex);
  return new Map(rows.map((r) => [r.id, toSpin(r)]));
}

export async function findSpin(ex: Executor, id: string): Promise<Spin | null> {
  return (await findSpins(ex, [id])).get(id) ?? null;
}
