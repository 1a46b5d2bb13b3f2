import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import { every } from '../../platform/periodic.js';

/**
 * Surge pricing: a listing whose seller opted in (a cap, `surgeMaxBp`) is shown a multiplier when
 * its recent demand runs well above its own baseline. The stored price never changes: buyers see
 * the price, the multiplier, the surged price and the reason.
 */
export const SURGE_POLICY = {
  /** Demand events weigh: a bid or an order says more than a view. */
  weights: { views: 1, bids: 5, orders: 10 },
  recentMinutes: 5,
  baselineMinutes: 24 * 60,
  /** Weighted events a minute a baseline is at least: a quiet listing's first few views are not a surge. */
  baselineFloorPerMinute: 2,
  /** Demand below this many times the baseline adds nothing. */
  thresholdRatio: 2,
  /** Basis points of multiplier per unit of demand ratio above the threshold (ratio 4 -> 1.2x). */
  slopeBp: 1_000,
  /** No seller may ask more than this (3x). */
  maxBp: 30_000,
  refreshMs: 5_000,
  flushMs: 1_000,
} as const;

export const SURGE_KINDS = ['views', 'bids', 'orders'] as const;
export type DemandKind = (typeof SURGE_KINDS)[number];
export type DemandCounts = Record<DemandKind, number>;

export interface Surge {
  multiplierBp: number;
  priceMinor: number;
  reason: string;
}

/** Recent weighted demand a minute over the baseline's (pure: tested on its own). */
export function demandRatio(recent: DemandCounts, baseline: DemandCounts, policy = SURGE_POLICY): number {
  const weigh = (c: DemandCounts) => SURGE_KINDS.reduce((sum, k) => sum + c[k] * policy.weights[k], 0);
  const recentPerMinute = weigh(recent) / policy.recentMinutes;
  return recentPerMinute / Math.max(weigh(baseline) / (policy.baselineMinutes - policy.recentMinutes), policy.baselineFloorPerMinute);
}

/** The uncapped multiplier for a demand ratio: 1x up to the threshold, then rising linearly. */
export function surgeBp(ratio: number, policy = SURGE_POLICY): number {
  return ratio <= policy.thresholdRatio ? 10_000 : 10_000 + Math.round((ratio - policy.thresholdRatio) * policy.slopeBp);
}

/** The price times the multiplier, rounded half up, in integers (BigInt: price times basis points passes 2^53). */
export function surgedPrice(priceMinor: number, multiplierBp: number): number {
  return Number((BigInt(priceMinor) * BigInt(multiplierBp) + 5_000n) / 10_000n);
}

/**
 * Demand counts per listing and minute, in PostgreSQL so every process sees the sum of all: each
 * process adds up its own events in memory and writes them once a second in one statement. The
 * multipliers are computed from those rows every few seconds into a map the read paths consult.
 */
export class SurgeBoard {
  private pending = new Map<string, DemandCounts>();
  private board = new Map<string, { bp: number; recent: DemandCounts; ratio: number }>();
  private stops: (() => void)[] = [];

  constructor(private readonly db: Db, private readonly log: Logger | null = null) {}

  record(listingId: string, kind: DemandKind, n = 1): void {
    let counts = this.pending.get(listingId);
    if (!counts) this.pending.set(listingId, (counts = { views: 0, bids: 0, orders: 0 }));
    counts[kind] += n;
  }

  start(): void {
    this.stops.push(every(SURGE_POLICY.flushMs, () => this.flush(), this.log, 'surge demand flush'));
    this.stops.push(every(SURGE_POLICY.refreshMs, () => this.refresh(), this.log, 'surge refresh'));
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    await this.flush();
  }

  /** Writes the events counted since the last flush, added to the current minute's row. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    const col = (k: DemandKind) => ids.map((id) => batch.get(id)![k]);
    await sql`
      INSERT INTO marketplace.listing_demand (listing_id, minute, views, bids, orders)
      SELECT d.id, date_trunc('minute', now()), d.views, d.bids, d.orders
      FROM unnest(${ids}::uuid[], ${col('views')}::int[], ${col('bids')}::int[], ${col('orders')}::int[]) AS d(id, views, bids, orders)
      JOIN marketplace.listings l ON l.id = d.id
      ON CONFLICT (listing_id, minute) DO UPDATE SET
        views = listing_demand.views + excluded.views, bids = listing_demand.bids + excluded.bids, orders = listing_demand.orders + excluded.orders`.execute(this.db);
  }

  /** Recomputes the multipliers of the listings with demand in the recent window, and drops rows older than the baseline. */
  async refresh(): Promise<void> {
    const p = SURGE_POLICY;
    const { rows } = await sql<{ listing_id: string; rv: number; rb: number; ro: number; bv: number; bb: number; bo: number }>`
      WITH hot AS (SELECT DISTINCT listing_id FROM marketplace.listing_demand WHERE minute >= date_trunc('minute', now()) - make_interval(mins => ${p.recentMinutes - 1}))
      SELECT d.listing_id,
        sum(views) FILTER (WHERE recent)::int AS rv, sum(bids) FILTER (WHERE recent)::int AS rb, sum(orders) FILTER (WHERE recent)::int AS ro,
        sum(views) FILTER (WHERE NOT recent)::int AS bv, sum(bids) FILTER (WHERE NOT recent)::int AS bb, sum(orders) FILTER (WHERE NOT recent)::int AS bo
      FROM (SELECT *, minute >= date_trunc('minute', now()) - make_interval(mins => ${p.recentMinutes - 1}) AS recent
            FROM marketplace.listing_demand WHERE listing_id IN (SELECT listing_id FROM hot) AND minute >= now() - make_interval(mins => ${p.baselineMinutes})) d
      GROUP BY d.listing_id`.execute(this.db);
    const board = new Map<string, { bp: number; recent: DemandCounts; ratio: number }>();
    for (const r of rows) {
      const recent = { views: r.rv ?? 0, bids: r.rb ?? 0, orders: r.ro ?? 0 };
      const ratio = demandRatio(recent, { views: r.bv ?? 0, bids: r.bb ?? 0, orders: r.bo ?? 0 });
      const bp = surgeBp(ratio);
      if (bp > 10_000) board.set(r.listing_id, { bp, recent, ratio });
    }
    this.board = board;
    await sql`DELETE FROM marketplace.listing_demand WHERE minute < now() - make_interval(mins => ${p.baselineMinutes})`.execute(this.db);
  }

  /** The surge a buyer is shown for a listing whose seller allows up to `maxBp`; null when none applies. */
  surgeOf(listingId: string, priceMinor: number, maxBp: number | null): Surge | null {
    const entry = maxBp === null ? undefined : this.board.get(listingId);
    if (!entry || maxBp === null) return null;
    const bp = Math.min(entry.bp, maxBp, SURGE_POLICY.maxBp);
    const r = entry.recent;
    const capped = bp < entry.bp ? ` (capped by the seller at ${(maxBp / 10_000).toFixed(2)}x)` : '';
    return {
      multiplierBp: bp, priceMinor: surgedPrice(priceMinor, bp),
      reason: `High demand: ${entry.ratio.toFixed(1)}x this listing's usual, with ${r.views} views, ${r.bids} bids and ${r.orders} orders in the last ${SURGE_POLICY.recentMinutes} minutes${capped}.`,
    };
  }
}
