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

/**
 * Counts a spin for the member's day (in its time zone) unless the wheel's daily limit is
 * reached. Returns the day, or null when refused.
 */
export async function countSpin(ex: Executor, wheelId: string, memberId: string, timeZone: string, perDay: number | null): Promise<string | null> {
  const { rows } = await sql<{ spin_day: string }>`
    INSERT INTO coupons.spin_counts (wheel_id, member_id, spin_day, spins)
    VALUES (${wheelId}, ${memberId}, (now() AT TIME ZONE ${timeZone})::date, 1)
    ON CONFLICT (wheel_id, member_id, spin_day) DO UPDATE SET spins = coupons.spin_counts.spins + 1
    WHERE ${perDay}::int IS NULL OR coupons.spin_counts.spins < ${perDay}::int
    RETURNING spin_day::text`.execute(ex);
  return rows[0]?.spin_day ?? null;
}

export async function insertSpin(ex: Executor, s: Omit<Spin, 'createdAt'>): Promise<Spin | null> {
  const { rows } = await sql<{ created_at: Date }>`
    INSERT INTO coupons.spins (id, wheel_id, member_id, spin_day, slice_position, outcome)
    VALUES (${s.id}, ${s.wheelId}, ${s.memberId}, ${s.spinDay}, ${s.outcome.position}, ${JSON.stringify(s.outcome)}::jsonb)
    ON CONFLICT (id) DO NOTHING RETURNING created_at`.execute(ex);
  return rows[0] ? { ...s, createdAt: rows[0].created_at.toISOString() } : null;
}

export async function findSpin(ex: Executor, id: string): Promise<Spin | null> {
  const { rows } = await sql<{ id: string; wheel_id: string; member_id: string; spin_day: string; outcome: SpinOutcome; created_at: Date }>`
    SELECT id, wheel_id, member_id, spin_day::text, outcome, created_at FROM coupons.spins WHERE id = ${id}`.execute(ex);
  const r = rows[0];
  return r ? { id: r.id, wheelId: r.wheel_id, memberId: r.member_id, spinDay: r.spin_day, outcome: r.outcome, createdAt: r.created_at.toISOString() } : null;
}
