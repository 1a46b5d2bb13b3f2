import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { fail, ok, type ErrorCode, type Result } from '../../platform/errors.js';
import { derivedUuid } from '../../platform/ids.js';
import type { WalletService } from '../wallet/index.js';
import { drawSlice } from './draw.js';
import type { Coupons } from './service.js';
import * as store from './wheel-store.js';

export const WHEEL_POLICY = { slicesMax: 24 } as const;

export interface SpinRequest {
  /** Client-chosen: the idempotency key of the spin. */
  id: string;
  wheelId: string;
  memberId: string;
}

type SpinResult = Result<{ spin: store.Spin; created: boolean }>;

/**
 * Spins: count the spin against the member's day, draw a slice by weight, take its prize
 * atomically (a coupon through the coupon rules, coins through the wallet), and if that slice ran
 * out meanwhile draw again without it. The outcome is stored in the same transaction as the prize,
 * before the answer leaves; a retried spin answers with the stored outcome.
 */
export class Wheels {
  constructor(
    private readonly db: Db,
    private readonly coupons: Coupons,
    private readonly wallet: WalletService,
    private readonly memberTimeZone: (memberId: string) => Promise<string | null>,
  ) {}

  /** The wheel and its slices in one transaction: never a wheel without its slices. */
  async create(w: Omit<store.Wheel, 'id'>): Promise<store.Wheel> {
    const wheel = { ...w, id: crypto.randomUUID() };
    await this.db.transaction().execute((tx) => store.insertWheel(tx, wheel));
    return wheel;
  }

  find(ex: Executor, id: string) {
    return store.findWheel(ex, id);
  }

  /**
   * Spins in a transaction of its own. The member's time zone is read first, outside it, so a
   * spin never holds one pool connection while waiting for another.
   */
  async spin(r: SpinRequest): Promise<SpinResult> {
    const timeZone = (await this.memberTimeZone(r.memberId)) ?? 'UTC';
    return this.db.transaction().execute((tx) => this.spinIn(tx, r, timeZone));
  }

  private async spinIn(tx: Tx, r: SpinRequest, timeZone: string): Promise<SpinResult> {
    const existing = await store.findSpin(tx, r.id);
    if (existing) return replay(existing, r);
    const wheel = await store.findWheel(tx, r.wheelId);
    if (!wheel) return fail('WHEEL_NOT_FOUND');
    const now = Date.now();
    if (now < Date.parse(wheel.validFrom) || now >= Date.parse(wheel.validTo)) return fail('WHEEL_NOT_ACTIVE');
    await sql`SAVEPOINT wheel_spin`.execute(tx);
    const refuse = async (code: ErrorCode): Promise<SpinResult> => {
      await sql`ROLLBACK TO SAVEPOINT wheel_spin`.execute(tx);
      // The same spin id may have committed concurrently (and used today's spin): answer with it.
      const winner = await store.findSpin(tx, r.id);
      return winner ? replay(winner, r) : fail(code);
    };
    const spinDay = await store.countSpin(tx, wheel.id, r.memberId, timeZone, wheel.spinsPerDay);
    if (!spinDay) return refuse('WHEEL_DAILY_LIMIT_REACHED');
    const outcome = await this.drawAndAward(tx, wheel, r);
    if (!outcome) return refuse('WHEEL_EXHAUSTED');
    const spin = await store.insertSpin(tx, { id: r.id, wheelId: wheel.id, memberId: r.memberId, spinDay, outcome });
    if (!spin) return refuse('SPIN_EXISTS_WITH_DIFFERENT_FIELDS');
    return ok({ spin, created: true });
  }

  /** Draws until a slice's prize is taken; a slice that ran out is left out of the next draw. */
  private async drawAndAward(tx: Tx, wheel: store.Wheel, r: SpinRequest): Promise<store.SpinOutcome | null> {
    const weights = await this.weights(tx, wheel);
    for (let attempt = 0; attempt <= wheel.slices.length; attempt++) {
      const position = drawSlice(wheel.slices.map((s) => ({ id: String(s.position), weight: weights.get(s.position) ?? 0 })));
      if (position === null) return null;
      const slice = wheel.slices.find((s) => s.position === Number(position))!;
      const outcome = await this.award(tx, slice, r);
      if (outcome) return outcome;
      weights.set(slice.position, 0);
    }
    return null;
  }

  private async weights(ex: Executor, wheel: store.Wheel): Promise<Map<number, number>> {
    const stock = await store.campaignStock(ex, wheel.slices.flatMap((s) => (s.campaignId ? [s.campaignId] : [])));
    const weights = new Map<number, number>();
    for (const s of wheel.slices) {
      let left = Infinity;
      if (s.kind === 'coupon') left = stock.get(s.campaignId!) ?? 0;
      if (s.kind === 'coins') {
        const account = await this.wallet.findAccount(ex, s.coinSourceAccount!);
        left = account ? Math.max(0, Math.floor(account.balance.available / s.coinAmount!)) : 0;
      }
      const weight = wheel.weightMode === 'stock' && s.kind !== 'nothing' ? left : left > 0 ? s.weight : 0;
      weights.set(s.position, Math.min(weight, 2 ** 40));
    }
    return weights;
  }

  /** Takes the slice's prize in this transaction, or returns null when it has none left for this member. */
  private async award(tx: Tx, s: store.Slice, r: SpinRequest): Promise<store.SpinOutcome | null> {
    if (s.kind === 'nothing') return { kind: 'nothing', position: s.position, label: s.label };
    if (s.kind === 'coupon') {
      const issued = await this.coupons.issue(tx, { id: derivedUuid(`spin:${r.id}:coupon`), campaignId: s.campaignId!, memberId: r.memberId, source: 'spin' });
      if (!issued.ok) return null;
      const c = issued.value.coupon;
      return { kind: 'coupon', position: s.position, label: s.label, couponId: c.id, code: c.code, campaignId: c.campaignId };
    }
    const account = await this.wallet.ensureMemberAccount(tx, r.memberId, 'COIN');
    const transferId = derivedUuid(`spin:${r.id}:coins`);
    const [paid] = await this.wallet.transferBatch(tx, [{
      id: transferId, kind: 'posted', debitAccountId: s.coinSourceAccount!, creditAccountId: account.id, amount: s.coinAmount!, reference: `wheel spin ${r.id}`,
    }], true);
    if (paid?.result !== 'created') return null;
    return { kind: 'coins', position: s.position, label: s.label, amount: s.coinAmount!, transferId };
  }
}

function replay(spin: store.Spin, r: SpinRequest): SpinResult {
  return spin.wheelId === r.wheelId && spin.memberId === r.memberId ? ok({ spin, created: false }) : fail('SPIN_EXISTS_WITH_DIFFERENT_FIELDS');
}
