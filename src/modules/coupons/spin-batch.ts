import assert from 'node:assert';
import { DatabaseError } from 'pg';
import type { Db, Tx } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { derivedUuid } from '../../platform/ids.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import type { Claim, LeasePool } from './leases.js';
import * as store from './wheel-store.js';

export interface SpinRequest {
  /** Client-chosen: the idempotency key of the spin. */
  id: string;
  wheelId: string;
  memberId: string;
  /** The member's time zone (the route has it from the principal): its day is the spin's day. */
  timeZone: string;
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

/** A batch is redrawn at most this often (each redraw leaves a slice out of some spin). */
const ROUNDS_MAX = 2 * 24 + 2;

/**
 * Commits a batch of spins: each round is one statement (coupons.commit_spins), plus one wallet
 * batch when coins were won. Spins refused by their slice (the member's per-campaign limit, a coin
 * budget that ran out, a lease settled meanwhile) draw again and go in the next round. If a round
 * fails as a whole, each of its spins is tried alone, so one bad spin fails only its own request.
 */
export async function flushSpins(d: SpinBatchDeps, jobs: SpinJob[]): Promise<(SpinResult | Error)[]> {
  const results = new Map<SpinJob, SpinResult | Error>();
  let open = jobs;
  for (let round = 0; open.length > 0; round++) {
    assert(round <= ROUNDS_MAX, 'every round settles a spin or leaves a slice out of it');
    let outcome: RoundOutcome;
    try {
      outcome = await commitRound(d, open);
    } catch (err) {
      if (open.length === 1) {
        results.set(open[0]!, err as Error);
        break;
      }
      // Each alone (each also checks late winners); the ones settled already keep their results.
      for (const j of open) results.set(j, (await flushSpins(d, [j]))[0]!);
      return jobs.map((j) => results.get(j)!);
    }
    for (const [j, r] of outcome.done) results.set(j, r);
    open = outcome.again;
  }
  return replayLateWinners(d.db, jobs, jobs.map((j) => results.get(j)!));
}

interface RoundOutcome {
  done: Map<SpinJob, SpinResult>;
  again: SpinJob[];
}

async function commitRound(d: SpinBatchDeps, jobs: SpinJob[]): Promise<RoundOutcome> {
  const drawn = await Promise.allSettled(jobs.filter((j) => j.prize === undefined).map((j) => d.draw(j)));
  const failed = drawn.find((r) => r.status === 'rejected');
  if (failed) {
    // Every draw has finished: give back what the others took, so no unit is left in limbo.
    for (const j of jobs) {
      if (j.prize?.claim) d.pool.giveBack(j.prize.claim);
      j.prize = undefined;
    }
    throw failed.reason;
  }
  const items = jobs.map(itemOf);
  const coinsWon = jobs.some((j) => j.prize?.slice.kind === 'coins');
  let committing = false;
  let rows: store.SpinRowResult[];
  try {
    rows = coinsWon
      ? await d.db.transaction().execute(async (tx) => {
        const r = await store.commitSpins(tx, items);
        await payCoins(d, tx, jobs, items, r);
        committing = true;
        return r;
      })
      : await store.commitSpins(d.db, items); // one statement: its own transaction
  } catch (err) {
    // An error PostgreSQL answered with (not a socket error), or one before COMMIT was sent, means
    // nothing was committed: the units are free again. A lost connection while committing leaves the outcome
    // unknown: those units are never handed out again (settling the lease counts only what was
    // committed).
    const certain = err instanceof DatabaseError || (coinsWon && !committing);
    for (const j of jobs) {
      const claim = j.prize?.claim;
      if (claim) certain ? d.pool.giveBack(claim) : d.pool.done(claim);
      j.prize = undefined;
    }
    throw err;
  }
  return settleRound(d, jobs, items, rows);
}

function settleRound(d: SpinBatchDeps, jobs: SpinJob[], items: store.SpinItem[], rows: store.SpinRowResult[]): RoundOutcome {
  const done = new Map<SpinJob, SpinResult>();
  const again: SpinJob[] = [];
  const refuse = (j: SpinJob, code: 'WHEEL_EXHAUSTED' | 'WHEEL_DAILY_LIMIT_REACHED') => {
    unclaim(d, j);
    done.set(j, fail(code));
  };
  for (const [k, j] of jobs.entries()) {
    const row = rows[k]!;
    switch (row.status) {
      case 'created':
        if (j.prize?.claim) d.pool.done(j.prize.claim);
        done.set(j, ok({ spin: { id: j.req.id, wheelId: j.wheel.id, memberId: j.req.memberId, spinDay: j.day, outcome: items[k]!.outcome!, createdAt: row.createdAt! }, created: true }));
        break;
      case 'replay':
        unclaim(d, j);
        done.set(j, replay(row.stored!, j.req));
        break;
      case 'exhausted':
        refuse(j, 'WHEEL_EXHAUSTED');
        break;
      case 'daily_limit':
        refuse(j, 'WHEEL_DAILY_LIMIT_REACHED');
        break;
      case 'member_limit':
        // The member holds its limit of this slice's coupons: draw again without the slice.
        unclaim(d, j);
        j.excluded.add(j.prize!.slice.position);
        j.prize = undefined;
        again.push(j);
        break;
      case 'lease_lost':
        d.pool.lost([j.prize!.claim!.leaseId]);
        d.pool.done(j.prize!.claim!);
        j.prize = undefined;
        again.push(j);
        break;
      case 'coins_refused':
        j.excluded.add(j.prize!.slice.position);
        j.prize = undefined;
        again.push(j);
        break;
    }
  }
  return { done, again };
}

/**
 * A refused spin may only be the symptom of the same spin id committed at the same moment by
 * another process (it used today's spin): answer with that spin instead.
 */
async function replayLateWinners(db: Db, jobs: SpinJob[], results: (SpinResult | Error)[]): Promise<(SpinResult | Error)[]> {
  const refused = jobs.filter((_, i) => { const r = results[i]!; return !(r instanceof Error) && !r.ok; }).map((j) => j.req.id);
  if (refused.length === 0) return results;
  const stored = await store.findSpins(db, refused);
  return results.map((r, i) => {
    const s = stored.get(jobs[i]!.req.id);
    return !(r instanceof Error) && !r.ok && s ? replay(s, jobs[i]!.req) : r;
  });
}

export function replay(spin: store.Spin, r: SpinRequest): SpinResult {
  return spin.wheelId === r.wheelId && spin.memberId === r.memberId ? ok({ spin, created: false }) : fail('SPIN_EXISTS_WITH_DIFFERENT_FIELDS');
}

function unclaim(d: SpinBatchDeps, j: SpinJob): void {
  if (j.prize?.claim) d.pool.giveBack(j.prize.claim);
  if (j.prize) j.prize.claim = null;
}

const couponIdOf = (j: SpinJob) => derivedUuid(`spin:${j.req.id}:coupon`);
const transferIdOf = (j: SpinJob) => derivedUuid(`spin:${j.req.id}:coins`);

function itemOf(j: SpinJob): store.SpinItem {
  const claim = j.prize?.claim ?? null;
  return {
    id: j.req.id, wheelId: j.wheel.id, memberId: j.req.memberId, day: j.day, dailyRule: j.wheel.spinsPerDay !== null, outcome: j.prize ? outcomeOf(j) : null,
    coupon: claim ? { id: couponIdOf(j), campaignId: claim.campaignId, leaseId: claim.leaseId, code: claim.code, unique: claim.unique } : null,
  };
}

/**
 * Pays the coin prizes of the spins just stored, in the same transaction and one wallet batch. A
 * member without a coin account gets one and is paid; a prize its budget can no longer pay is
 * taken back (the spin unstored and uncounted) and marked coins_refused, to be drawn again.
 */
async function payCoins(d: SpinBatchDeps, tx: Tx, jobs: SpinJob[], items: store.SpinItem[], rows: store.SpinRowResult[]): Promise<void> {
  const indexOf = new Map(jobs.map((j, k) => [j, k]));
  let paying = jobs.filter((j, k) => rows[k]!.status === 'created' && j.prize!.slice.kind === 'coins');
  for (let first = true; paying.length > 0; first = false) {
    const results = await d.wallet.transferBatch(tx, paying.map(transferOf), false);
    const noAccount: SpinJob[] = [];
    const refused: SpinJob[] = [];
    for (const [i, j] of paying.entries()) {
      const r = results[i]!.result;
      if (r === 'TRANSFER_CREDIT_ACCOUNT_NOT_FOUND' && first) noAccount.push(j);
      else if (r !== 'created' && r !== 'exists') refused.push(j);
    }
    for (const j of refused) {
      d.coinsRanOut(j.wheel.id, j.prize!.slice.position);
      rows[indexOf.get(j)!]!.status = 'coins_refused';
    }
    await store.unstoreSpins(tx, refused.map((j) => items[indexOf.get(j)!]!));
    for (const j of noAccount) await d.wallet.ensureMemberAccount(tx, j.req.memberId, 'COIN');
    paying = noAccount;
  }
}

function transferOf(j: SpinJob): TransferRequest {
  return {
    id: transferIdOf(j), kind: 'posted', debitAccountId: j.prize!.slice.coinSourceAccount!,
    creditAccountId: memberAccountId(j.req.memberId, 'COIN'), amount: j.prize!.slice.coinAmount!, reference: `wheel spin ${j.req.id}`,
  };
}

function outcomeOf(j: SpinJob): store.SpinOutcome {
  const { slice, claim } = j.prize!;
  const base = { position: slice.position, label: slice.label };
  if (slice.kind === 'coupon') return { kind: 'coupon', ...base, couponId: couponIdOf(j), code: claim!.code, campaignId: claim!.campaignId };
  if (slice.kind === 'coins') return { kind: 'coins', ...base, amount: slice.coinAmount!, transferId: transferIdOf(j) };
  return { kind: 'nothing', ...base };
}
