import { sql, type RawBuilder } from 'kysely';
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
  return (await selectWheels(ex, sql`w.id = ${id}`, 1))[0] ?? null;
}

/** Wheels newest first (at most `limit`): every one, or only those in their window now. */
export function listWheels(ex: Executor, activeOnly: boolean, limit: number): Promise<Wheel[]> {
  return selectWheels(ex, activeOnly ? sql`now() >= w.valid_from AND now() < w.valid_to` : sql`TRUE`, limit);
}

async function selectWheels(ex: Executor, where: RawBuilder<unknown>, limit: number): Promise<Wheel[]> {
  const { rows } = await sql<{ id: string; name: string; weight_mode: Wheel['weightMode']; spins_per_day: number | null; valid_from: Date; valid_to: Date; slices: SliceRow[] }>`
    SELECT w.id, w.name, w.weight_mode, w.spins_per_day, w.valid_from, w.valid_to,
      (SELECT json_agg(s ORDER BY s.position) FROM (SELECT position, kind, label, campaign_id, coin_amount, coin_source_account, weight
         FROM coupons.wheel_slices WHERE wheel_id = w.id) s) AS slices
    FROM coupons.wheels w WHERE ${where} ORDER BY w.created_at DESC, w.id DESC LIMIT ${limit}`.execute(ex);
  return rows.map((w) => ({
    id: w.id, name: w.name, weightMode: w.weight_mode, spinsPerDay: w.spins_per_day,
    validFrom: w.valid_from.toISOString(), validTo: w.valid_to.toISOString(),
    slices: (w.slices ?? []).map((s) => ({ position: s.position, kind: s.kind, label: s.label, campaignId: s.campaign_id, coinAmount: s.coin_amount === null ? null : Number(s.coin_amount), coinSourceAccount: s.coin_source_account, weight: s.weight })),
  }));
}

interface SliceRow { position: number; kind: Slice['kind']; label: string; campaign_id: string | null; coin_amount: number | string | null; coin_source_account: string | null; weight: number }

/** Coupons each campaign can still issue now (0 outside its window). */
export async function campaignStock(ex: Executor, campaignIds: string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; left: number }>`
    SELECT id, CASE WHEN now() >= valid_from AND now() < valid_to THEN limit_total - issued_count - leased_units ELSE 0 END AS left
    FROM coupons.campaigns WHERE id = ANY(${campaignIds}::uuid[])`.execute(ex);
  return new Map(rows.map((r) => [r.id, r.left]));
}

/** One spin of a batch as coupons.commit_spins takes it (migrations/0005_commit_spins.sql). */
export interface SpinItem {
  id: string;
  wheelId: string;
  memberId: string;
  /** The member's day (YYYY-MM-DD in its time zone). */
  day: string;
  /** Whether the wheel limits spins per day (only then is the spin counted). */
  dailyRule: boolean;
  /** The outcome to store, or null when the spin found nothing left to win. */
  outcome: SpinOutcome | null;
  coupon: { id: string; campaignId: string; leaseId: string; code: string; unique: boolean } | null;
}

/** coins_refused is set by the caller: the coin prize could not be paid after the spin was stored. */
export type SpinStatus = 'replay' | 'created' | 'exhausted' | 'daily_limit' | 'member_limit' | 'lease_lost' | 'coins_refused';

export interface SpinRowResult {
  status: SpinStatus;
  createdAt: string | null;
  /** The stored spin, for a replay. */
  stored: Spin | null;
}

/** Commits a batch of spins in one statement; one result per item, in order. */
export async function commitSpins(ex: Executor, items: SpinItem[]): Promise<SpinRowResult[]> {
  const col = <T>(f: (i: SpinItem) => T) => items.map(f);
  const { rows } = await sql<{ out_i: number; out_status: SpinStatus; out_created_at: Date | null; out_spin: (Omit<Spin, 'createdAt'>) | null }>`
    SELECT * FROM coupons.commit_spins(
      ${col((i) => i.id)}::uuid[], ${col((i) => i.wheelId)}::uuid[], ${col((i) => i.memberId)}::uuid[], ${col((i) => i.day)}::date[], ${col((i) => i.dailyRule)}::boolean[],
      ${col((i) => i.outcome?.position ?? null)}::smallint[], ${col((i) => (i.outcome ? JSON.stringify(i.outcome) : null))}::jsonb[],
      ${col((i) => i.coupon?.campaignId ?? null)}::uuid[], ${col((i) => i.coupon?.leaseId ?? null)}::uuid[], ${col((i) => i.coupon?.code ?? null)}::text[],
      ${col((i) => i.coupon?.unique ?? false)}::boolean[], ${col((i) => i.coupon?.id ?? null)}::uuid[])`.execute(ex);
  const results: SpinRowResult[] = new Array(items.length);
  for (const r of rows) {
    const createdAt = r.out_created_at?.toISOString() ?? null;
    results[r.out_i - 1] = { status: r.out_status, createdAt, stored: r.out_spin ? { ...r.out_spin, createdAt: createdAt! } : null };
  }
  return results;
}

/** Takes back spins stored earlier in this transaction whose coin prize could not be paid. */
export async function unstoreSpins(ex: Executor, items: SpinItem[]): Promise<void> {
  if (items.length === 0) return;
  await sql`DELETE FROM coupons.spins WHERE id = ANY(${items.map((i) => i.id)}::uuid[])`.execute(ex);
  await sql`
    UPDATE coupons.spin_counts sc SET spins = sc.spins - 1
    FROM unnest(${items.map((i) => i.wheelId)}::uuid[], ${items.map((i) => i.memberId)}::uuid[], ${items.map((i) => i.day)}::date[]) AS t(w, m, d)
    WHERE sc.wheel_id = t.w AND sc.member_id = t.m AND sc.spin_day = t.d`.execute(ex);
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
