import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { ChangeFollower } from '../../platform/db/change-feed.js';
import { isValidTimeZone } from '../../platform/time.js';
import { evaluateCart, nearMisses, type Evaluation } from './combine.js';
import { lineTotal } from './conditions.js';
import type { Cart, Promotion } from './model.js';
import { PromotionIndex } from './search-index.js';
import * as redemptions from './redemptions.js';
import * as store from './store.js';

export const PROMOTIONS_POLICY = {
  /** How often the index reads the change feed: a change is live everywhere within this (and the query). */
  feedIntervalMs: 250,
  /** Rows per read of the feed: the full build at start reads every promotion, page by page. */
  feedPageRows: 5_000,
} as const;

export type NewPromotionInput = Omit<Promotion, 'id'> & { limits: store.PromotionRecord['limits'] };

/** What other modules (orders, at checkout) may ask of promotions. */
export interface PromotionsService {
  /** `explain: false` leaves out of `notApplied` what no answer shows unless asked (see evaluateCart); the default explains. */
  evaluate(cart: Cart, options?: { explain?: boolean }): Evaluation & { nearMisses: ReturnType<typeof nearMisses> };
  /** A live promotion's name (what a cart shows the buyer); null: none live with that id. */
  nameOf(id: string): string | null;
  /** In the order's transaction: consume the promotion's limits, or refuse with a code. */
  redeem: typeof redemptions.redeem;
  /** In the refund's transaction: give the uses and budget back. */
  reverse: typeof redemptions.reverse;
}

/**
 * Promotions: definitions in PostgreSQL, an in-memory index in every process, fed by the change
 * feed (platform/db/change-feed.ts): a full load at start, then only the rows that changed.
 */
export class Promotions implements PromotionsService {
  readonly index = new PromotionIndex();
  readonly redeem = redemptions.redeem;
  readonly reverse = redemptions.reverse;
  private readonly feed: ChangeFollower<store.Row>;

  /** Shadow mode (PROMOTIONS_SHADOW): carts priced through the index and by a full scan, and how often they differed. */
  readonly shadow = { carts: 0, differences: 0 };

  constructor(db: Db, private readonly log: Logger | null = null, private readonly shadowMode = false) {
    const feed = { table: 'promotions.promotions', pageRows: PROMOTIONS_POLICY.feedPageRows, intervalMs: PROMOTIONS_POLICY.feedIntervalMs, log };
    this.feed = new ChangeFollower(db, feed, (row) => this.apply(store.toRecord(row)));
  }

  get shadowEnabled(): boolean {
    return this.shadowMode;
  }

  /** Loads every promotion (the only full build), lays the index out bucket by bucket, then follows the change feed. */
  async start(): Promise<void> {
    await this.feed.catchUp();
    await this.index.compact();
    await this.feed.follow();
  }

  stop(): void {
    this.feed.stop();
  }

  /** Applies the changes committed since the last read. */
  catchUp(): Promise<number> {
    return this.feed.catchUp();
  }

  private apply(r: store.PromotionRecord): void {
    if (r.active) this.index.upsert(r.promotion);
    else this.index.remove(r.promotion.id);
  }

  findPromotion(ex: Executor, id: string) {
    return store.findPromotion(ex, id);
  }

  listPromotions(ex: Executor, q: Parameters<typeof store.listPromotions>[1]) {
    return store.listPromotions(ex, q);
  }

  /** A seller's promotion is bound to its own items: its sellers condition is exactly the seller. */
  async createPromotion(ex: Executor, input: NewPromotionInput, ownerSellerId: string | null, createdBy: string | null): Promise<Result<store.PromotionRecord>> {
    const { limits, ...rest } = input;
    const conditions = ownerSellerId
      ? [...rest.conditions.filter((c) => c.kind !== 'sellers'), { kind: 'sellers' as const, ids: [ownerSellerId] }]
      : rest.conditions;
    const invalid = checkConditions(conditions);
    if (invalid) return fail('VALIDATION_FAILED', invalid, [{ field: 'body.conditions', message: invalid }]);
    const record = await store.insertPromotion(ex, { promotion: { ...rest, conditions, id: crypto.randomUUID() }, ownerSellerId, limits, createdBy });
    // This process sees its own change at once; others within the feed interval.
    this.apply(record);
    return ok(record);
  }

  async updatePromotion(ex: Executor, id: string, patch: { name?: string; active?: boolean }): Promise<store.PromotionRecord | null> {
    const record = await store.updatePromotion(ex, id, patch);
    if (record) this.apply(record);
    return record;
  }

  nameOf(id: string): string | null {
    return this.index.get(id)?.name ?? null;
  }

  evaluate(cart: Cart, options: { explain?: boolean } = {}) {
    const evaluation = evaluateCart(cart, this.index, options);
    if (this.shadowMode) this.compareWithScan(cart, evaluation);
    return { ...evaluation, nearMisses: nearMisses(evaluation) };
  }

  /**
   * The original's migration technique: price the cart again by scanning every promotion, and
   * count and log any difference in what was applied. Tests use it as an oracle; in production it
   * checks the index on live traffic (at the cost of a full scan per cart).
   */
  private compareWithScan(cart: Cart, indexed: Evaluation): void {
    const scanned = evaluateCart(cart, this.index.all());
    this.shadow.carts += 1;
    const a = JSON.stringify([indexed.applied, indexed.totalDiscountMinor]);
    const b = JSON.stringify([scanned.applied, scanned.totalDiscountMinor]);
    if (a === b) return;
    this.shadow.differences += 1;
    this.log?.error({ indexed: indexed.applied, scanned: scanned.applied, lines: cart.lines.length }, 'promotion index and scan disagree');
  }

  /** The totals a checkout shows. */
  static totals(cart: Cart, e: Evaluation) {
    const subtotalMinor = lineTotal(cart.lines);
    const shippingOff = e.applied.reduce((s, a) => s + a.shippingOffMinor, 0);
    return { subtotalMinor, shippingMinor: cart.shippingMinor - shippingOff, totalMinor: subtotalMinor + cart.shippingMinor - e.totalDiscountMinor };
  }
}

function checkConditions(conditions: Promotion['conditions']): string | null {
  for (const c of conditions) {
    if (c.kind === 'window' && Date.parse(c.from) >= Date.parse(c.to)) return 'a window\'s to must be after its from';
    if (c.kind === 'schedule') {
      if (c.fromMinute >= c.toMinute) return 'a schedule\'s toMinute must be after its fromMinute';
      if (!isValidTimeZone(c.timeZone)) return `unknown time zone ${c.timeZone}`;
    }
  }
  return null;
}
