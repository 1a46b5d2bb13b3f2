import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError, fail } from '../../platform/errors.js';
import { GroupCommitter, QueueFullError } from '../../platform/group-commit.js';
import type { WalletService } from '../wallet/index.js';
import { drawSlice } from './draw.js';
import { LeasePool } from './leases.js';
import { flushSpins, replay, type SpinJob, type SpinRequest, type SpinResult } from './spin-batch.js';
import { memberDay } from '../../platform/time.js';
import * as store from './wheel-store.js';

export type { SpinRequest } from './spin-batch.js';

export const WHEEL_POLICY = {
  slicesMax: 24,
  /** Spins of many members share a commit; one member's spins never share one (the daily rule). */
  batch: { batchMax: 200, inFlightMax: 2, queueMax: 20_000 },
  /** How stale the stock behind the draw's weights may be; the take itself is always exact. */
  stockTtlMs: 250,
  /** Wheels never change after creation; the cache only bounds memory. */
  cacheTtlMs: 2_000,
} as const;

interface StockView {
  readAtMs: number;
  /** Per slice position: coupons the campaign has not leased out, or coin prizes its budget can pay. */
  left: Map<number, number>;
}

/**
 * Spins: draw a slice by weight, take its prize (a coupon unit from this process's stock lease, or
 * coins through the wallet), count the spin against the member's day, and store the outcome before
 * answering. Concurrent spins are committed in shared batches (docs/coupons.md); a retried spin id
 * answers with the stored outcome.
 */
/** Wheels a list answers at most (there are few: each is a campaign of its own). */
export const WHEEL_LIST_MAX = 200;

export class Wheels {
  readonly leases: LeasePool;
  private readonly committer: GroupCommitter<SpinJob, SpinResult>;
  private readonly wheels = new LRUCache<string, store.Wheel>({ max: 10_000, ttl: WHEEL_POLICY.cacheTtlMs });
  private readonly stock = new Map<string, StockView>();
  private readonly stockReads = new Map<string, Promise<StockView>>();

  constructor(
    private readonly db: Db,
    private readonly wallet: WalletService,
    opts: { leaseTtlMs: number; log?: Logger | null; now?: () => number },
    private readonly now: () => number = opts.now ?? Date.now,
  ) {
    this.leases = new LeasePool(db, opts.leaseTtlMs, opts.log ?? null, this.now);
    const deps = { db, pool: this.leases, wallet, draw: (j: SpinJob) => this.draw(j), coinsRanOut: (w: string, p: number) => this.stock.get(w)?.left.set(p, 0) };
    this.committer = new GroupCommitter(WHEEL_POLICY.batch, (j) => j.req.memberId, (jobs) => flushSpins(deps, jobs));
  }

  /** The wheel and its slices in one transaction: never a wheel without its slices. */
  async create(w: Omit<store.Wheel, 'id'>): Promise<store.Wheel> {
    const wheel = { ...w, id: crypto.randomUUID() };
    await this.db.transaction().execute((tx) => store.insertWheel(tx, wheel));
    return wheel;
  }

  find(ex: Executor, id: string) {
    return store.findWheel(ex, id);
  }

  list(ex: Executor, activeOnly: boolean) {
    return store.listWheels(ex, activeOnly, WHEEL_LIST_MAX);
  }

  start(): void {
    this.leases.start();
  }

  /** Lets the spins in flight finish, then gives this process's stock leases back. */
  async stop(): Promise<void> {
    await this.committer.drain();
    await this.leases.stop();
  }

  async spin(r: SpinRequest): Promise<SpinResult> {
    const wheel = await this.cachedWheel(r.wheelId);
    if (!wheel) return fail('WHEEL_NOT_FOUND');
    const now = this.now();
    if (now < Date.parse(wheel.validFrom) || now >= Date.parse(wheel.validTo)) {
      const stored = await store.findSpin(this.db, r.id);
      return stored ? replay(stored, r) : fail('WHEEL_NOT_ACTIVE');
    }
    const job: SpinJob = { req: r, wheel, day: memberDay(r.timeZone, new Date(now)), excluded: new Set(), prize: undefined };
    try {
      return await this.committer.submit(job);
    } catch (err) {
      if (err instanceof QueueFullError) throw new AppError('SERVICE_UNAVAILABLE', 'The wheel is at capacity; retry with the same spin id.');
      throw err;
    }
  }

  /**
   * Draws among the slices the spin may still win, weighted by stock or by explicit weights; a
   * coupon slice is won only with a unit taken from a lease, otherwise it is left out and the draw
   * repeats. Sets job.prize (null when nothing is left).
   */
  private async draw(job: SpinJob): Promise<void> {
    for (;;) {
      const weights = this.weights(job.wheel, await this.stockOf(job.wheel));
      const position = drawSlice(job.wheel.slices.filter((s) => !job.excluded.has(s.position)).map((s) => ({ id: String(s.position), weight: weights.get(s.position)! })));
      if (position === null) {
        job.prize = null;
        return;
      }
      const slice = job.wheel.slices[Number(position)]!;
      if (slice.kind !== 'coupon') {
        job.prize = { slice, claim: null };
        return;
      }
      const claim = await this.leases.take(slice.campaignId!);
      if (claim) {
        job.prize = { slice, claim };
        return;
      }
      job.excluded.add(slice.position);
    }
  }

  private weights(wheel: store.Wheel, stock: StockView): Map<number, number> {
    const weights = new Map<number, number>();
    for (const s of wheel.slices) {
      let left = s.kind === 'nothing' ? Infinity : stock.left.get(s.position) ?? 0;
      if (s.kind === 'coupon') left = this.leases.soldOut(s.campaignId!) ? 0 : left + this.leases.unitsHeld(s.campaignId!);
      const weight = wheel.weightMode === 'stock' && s.kind !== 'nothing' ? left : left > 0 ? s.weight : 0;
      weights.set(s.position, Math.min(weight, 2 ** 40));
    }
    return weights;
  }

  /** The wheel's stock, read at most every stockTtlMs by one query at a time. */
  private async stockOf(wheel: store.Wheel): Promise<StockView> {
    const view = this.stock.get(wheel.id);
    if (view && this.now() - view.readAtMs < WHEEL_POLICY.stockTtlMs) return view;
    let reading = this.stockReads.get(wheel.id);
    if (!reading) {
      reading = this.readStock(wheel).finally(() => this.stockReads.delete(wheel.id));
      this.stockReads.set(wheel.id, reading);
    }
    return reading;
  }

  private async readStock(wheel: store.Wheel): Promise<StockView> {
    const readAtMs = this.now();
    const campaigns = await store.campaignStock(this.db, wheel.slices.flatMap((s) => (s.campaignId ? [s.campaignId] : [])));
    // Each budget account once, all at once (slices may share one).
    const accountIds = [...new Set(wheel.slices.flatMap((s) => (s.coinSourceAccount ? [s.coinSourceAccount] : [])))];
    const accounts = new Map(await Promise.all(accountIds.map(async (id) => [id, await this.wallet.findAccount(this.db, id)] as const)));
    const left = new Map<number, number>();
    for (const s of wheel.slices) {
      if (s.kind === 'coupon') left.set(s.position, campaigns.get(s.campaignId!) ?? 0);
      if (s.kind === 'coins') {
        const account = accounts.get(s.coinSourceAccount!);
        left.set(s.position, account ? Math.max(0, Math.floor(account.balance.available / s.coinAmount!)) : 0);
      }
    }
    const view = { readAtMs, left };
    this.stock.set(wheel.id, view);
    return view;
  }

  private async cachedWheel(id: string): Promise<store.Wheel | null> {
    const cached = this.wheels.get(id);
    if (cached) return cached;
    const wheel = await store.findWheel(this.db, id);
    if (wheel) this.wheels.set(id, wheel);
    return wheel;
  }
}

