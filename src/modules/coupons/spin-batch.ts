import assert from 'node:assert';
import type { Db, Tx } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { derivedUuid } from '../../platform/ids.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import { useLeaseUnits } from './lease-store.js';
import type { Claim, LeasePool } from './leases.js';
import * as store from './wheel-store.js';

export interface SpinRequest {
  /** Client-chosen: the idempotency key of the spin. */
  id: string;
  wheelId: string;
  memberId: string;
}

export type SpinResult = Result<{ spin: store.Spin; created: boolean }>;

/** What a spin has drawn: a slice, and for a coupon slice the unit taken from a lease. */
export interface Prize {
  slice: store.Slice;
  claim: Claim | null;
}

export interface SpinJob {
  req: SpinRequest;
  wheel: store.Wheel;
  /** The member's day the spin counts against. */
  day: string;
  /** Slices this spin may no longer win (sold out, or the member holds its limit of them). */
  excluded: Set<number>;
  /** Undefined: not drawn yet; null: nothing left to win. */
  prize: Prize | null | undefined;
}

export interface SpinBatchDeps {
  db: Db;
  pool: LeasePool;
  wallet: WalletService;
  /** Draws a prize for the job among the slices it may still win, taking a coupon unit if needed. */
  draw(job: SpinJob): Promise<void>;
  /** A coin slice's budget could not pay: leave it out of draws until the stock is next read. */
  coinsRanOut(wheelId: string, position: number): void;
}

class LeasesLost extends Error {
  constructor(readonly ids: string[]) {
    super(`leases settled while in use: ${ids.join(', ')}`);
  }
}

/**
 * Commits a batch of spins in one transaction. If the batch fails as a whole, each spin is tried
 * alone, so one bad spin fails only its own request.
 */
export async function flushSpins(d: SpinBatchDeps, jobs: SpinJob[]): Promise<(SpinResult | Error)[]> {
  try {
    return await commitBatch(d, jobs);
  } catch (err) {
    if (jobs.length === 1) return [err as Error];
    const results: (SpinResult | Error)[] = [];
    for (const job of jobs) results.push((await flushSpins(d, [job]))[0]!);
    return results;
  }
}

async function commitBatch(d: SpinBatchDeps, jobs: SpinJob[]): Promise<SpinResult[]> {
  await Promise.all(jobs.map((j) => d.draw(j)));
  let committing = false;
  let results: SpinResult[];
  try {
    results = await d.db.transaction().execute(async (tx) => {
      const r = await applyBatch(d, tx, jobs);
      committing = true;
      return r;
    });
  } catch (err) {
    if (err instanceof LeasesLost) d.pool.lost(err.ids);
    // Rolled back for certain: the units are free again. Failed while committing: the outcome is
    // unknown, so the units are never handed out again (settling the lease counts what was used).
    for (const j of jobs) {
      const claim = j.prize?.claim;
      if (claim) committing ? d.pool.done(claim) : d.pool.giveBack(claim);
      j.prize = undefined;
      j.excluded.clear();
    }
    throw err;
  }
  for (const j of jobs) if (j.prize?.claim) d.pool.done(j.prize.claim);
  return replayLateWinners(d.db, jobs, results);
}

/**
 * A refused spin may only be the symptom of the same spin id committed at the same moment by
 * another process (it used today's spin): answer with that spin instead.
 */
async function replayLateWinners(db: Db, jobs: SpinJob[], results: SpinResult[]): Promise<SpinResult[]> {
  const refused = jobs.filter((_, i) => !results[i]!.ok).map((j) => j.req.id);
  if (refused.length === 0) return results;
  const stored = await store.findSpins(db, refused);
  return results.map((r, i) => {
    const s = stored.get(jobs[i]!.req.id);
    return !r.ok && s ? replay(s, jobs[i]!.req) : r;
  });
}

export function replay(spin: store.Spin, r: SpinRequest): SpinResult {
  return spin.wheelId === r.wheelId && spin.memberId === r.memberId ? ok({ spin, created: false }) : fail('SPIN_EXISTS_WITH_DIFFERENT_FIELDS');
}

const spinKey = (j: SpinJob): store.SpinKey => ({ wheelId: j.wheel.id, memberId: j.req.memberId, day: j.day });

function unclaim(d: SpinBatchDeps, j: SpinJob): void {
  if (j.prize?.claim) d.pool.giveBack(j.prize.claim);
  if (j.prize) j.prize.claim = null;
}

/**
 * The batch's transaction: replays first, then the daily rule (one upsert for the batch), then the
 * prizes (per-member coupon limits and coin budgets, redrawing a spin whose slice refused it), then
 * the lease units used, the coupons and the spins, each one set-wise statement.
 */
async function applyBatch(d: SpinBatchDeps, tx: Tx, jobs: SpinJob[]): Promise<SpinResult[]> {
  const results = new Map<SpinJob, SpinResult>();
  const stored = await store.findSpins(tx, jobs.map((j) => j.req.id));
  const open: SpinJob[] = [];
  for (const j of jobs) {
    const s = stored.get(j.req.id);
    if (s) {
      results.set(j, replay(s, j.req));
      unclaim(d, j);
    } else if (j.prize === null) results.set(j, fail('WHEEL_EXHAUSTED'));
    else open.push(j);
  }
  const counted = await store.countSpins(tx, open.map(spinKey));
  const playing = open.filter((j) => {
    if (counted.has(`${j.wheel.id}:${j.req.memberId}`)) return true;
    results.set(j, fail('WHEEL_DAILY_LIMIT_REACHED'));
    unclaim(d, j);
    return false;
  });
  const emptied = await awardPrizes(d, tx, playing);
  await store.uncountSpins(tx, emptied.map(spinKey));
  for (const j of emptied) results.set(j, fail('WHEEL_EXHAUSTED'));
  const winners = playing.filter((j) => j.prize);

  const used = new Map<string, number>();
  for (const j of winners) if (j.prize!.claim) used.set(j.prize!.claim.leaseId, (used.get(j.prize!.claim.leaseId) ?? 0) + 1);
  const lost = await useLeaseUnits(tx, used);
  if (lost.length > 0) throw new LeasesLost(lost);
  await store.insertSpinCoupons(tx, winners.filter((j) => j.prize!.claim).map((j) => ({
    id: couponIdOf(j), campaignId: j.prize!.claim!.campaignId, memberId: j.req.memberId, code: j.prize!.claim!.code,
    leaseId: j.prize!.claim!.leaseId, uniqueCode: j.prize!.claim!.unique,
  })));
  const spins = winners.map((j) => ({ id: j.req.id, wheelId: j.wheel.id, memberId: j.req.memberId, spinDay: j.day, outcome: outcomeOf(j) }));
  const createdAt = await store.insertSpins(tx, spins);
  if (!createdAt) throw new Error('a spin id of this batch was stored concurrently');
  for (const [i, j] of winners.entries()) results.set(j, ok({ spin: { ...spins[i]!, createdAt: createdAt.get(j.req.id)! }, created: true }));
  return jobs.map((j) => results.get(j)!);
}

const couponIdOf = (j: SpinJob) => derivedUuid(`spin:${j.req.id}:coupon`);
const transferIdOf = (j: SpinJob) => derivedUuid(`spin:${j.req.id}:coins`);

/**
 * Takes each spin's prize: a coupon counts against the member's per-campaign limit, coins are paid
 * from the slice's budget. A spin refused by its slice draws again without it. Returns the spins
 * left with nothing to win.
 */
async function awardPrizes(d: SpinBatchDeps, tx: Tx, jobs: SpinJob[]): Promise<SpinJob[]> {
  const emptied: SpinJob[] = [];
  let open = jobs.filter((j) => j.prize!.slice.kind !== 'nothing');
  for (let round = 0; open.length > 0; round++) {
    assert(round <= 2 * 24 + 2, 'every round leaves a slice out of some spin');
    const coupons = open.filter((j) => j.prize!.slice.kind === 'coupon');
    const counted = await store.countForMembers(tx, coupons.map((j) => ({ campaignId: j.prize!.claim!.campaignId, memberId: j.req.memberId })));
    const refused = coupons.filter((j) => !counted.has(`${j.prize!.claim!.campaignId}:${j.req.memberId}`));
    const { unpaid, noAccount } = await payCoins(d, tx, open.filter((j) => j.prize!.slice.kind === 'coins'));
    const next: SpinJob[] = [...noAccount];
    for (const j of [...refused, ...unpaid]) {
      unclaim(d, j);
      j.excluded.add(j.prize!.slice.position);
      await d.draw(j);
      if (j.prize === null) emptied.push(j);
      else if (j.prize!.slice.kind !== 'nothing') next.push(j);
    }
    open = next;
  }
  return emptied;
}

/** Pays a round's coin prizes in one wallet batch; a member without a coin account gets one and is paid next round. */
async function payCoins(d: SpinBatchDeps, tx: Tx, jobs: SpinJob[]): Promise<{ unpaid: SpinJob[]; noAccount: SpinJob[] }> {
  const requests: TransferRequest[] = jobs.map((j) => ({
    id: transferIdOf(j), kind: 'posted', debitAccountId: j.prize!.slice.coinSourceAccount!,
    creditAccountId: memberAccountId(j.req.memberId, 'COIN'), amount: j.prize!.slice.coinAmount!, reference: `wheel spin ${j.req.id}`,
  }));
  const results = await d.wallet.transferBatch(tx, requests, false);
  const unpaid: SpinJob[] = [];
  const noAccount: SpinJob[] = [];
  for (const [i, j] of jobs.entries()) {
    const r = results[i]!.result;
    if (r === 'created' || r === 'exists') continue;
    if (r === 'TRANSFER_CREDIT_ACCOUNT_NOT_FOUND') {
      await d.wallet.ensureMemberAccount(tx, j.req.memberId, 'COIN');
      noAccount.push(j);
    } else {
      d.coinsRanOut(j.wheel.id, j.prize!.slice.position);
      unpaid.push(j);
    }
  }
  return { unpaid, noAccount };
}

function outcomeOf(j: SpinJob): store.SpinOutcome {
  const { slice, claim } = j.prize!;
  const base = { position: slice.position, label: slice.label };
  if (slice.kind === 'coupon') return { kind: 'coupon', ...base, couponId: couponIdOf(j), code: claim!.code, campaignId: claim!.campaignId };
  if (slice.kind === 'coins') return { kind: 'coins', ...base, amount: slice.coinAmount!, transferId: transferIdOf(j) };
  return { kind: 'nothing', ...base };
}
