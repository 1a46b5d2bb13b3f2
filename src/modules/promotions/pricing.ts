import { cashbackOf, discountsInto, giftOf } from './actions.js';
import type { Lines } from './conditions.js';
import type { Action, Cart, CartLine, Promotion } from './model.js';
import { TRAIT, type Traits } from './traits.js';

/**
 * Pricing a set of promotions on a cart: they apply in application order (priority, higher first,
 * then id), each on the original line prices or on what earlier ones left (its `base`), and no
 * line or the shipping ever goes below zero. Lines are addressed by their index in the cart, so a
 * pricing is a short array of what is left of each line: the combination search keeps one per
 * depth and overwrites it at every step it tries.
 */

export interface Candidate extends Traits {
  promotion: Promotion;
  /** The promotion's id and action (the index hands them over without reading the promotion). */
  id: string;
  action: Action;
  /** Shared with other candidates (conditions.ts): never changed. */
  targets: readonly CartLine[];
  /** The targets' indexes in the cart's lines, in the same order. */
  lineIndexes: readonly number[];
  /** Its place in application order among the cart's candidates. */
  rank: number;
  /** Its value alone, on original prices: an upper bound of what it adds to any combination. */
  alone: number;
  /** Its effect on the original prices (base 'original' only), once worked out: it never changes within a cart. */
  onOriginal: { discounts: readonly number[]; shipping: number } | null;
}

export interface Pricing {
  left: number[];
  shippingLeft: number;
  total: number;
}

export interface AppliedPromotion {
  promotionId: string;
  discountMinor: number;
  shippingOffMinor: number;
  cashbackCoins: number;
  giftProductId: string | null;
  lines: { lineId: string; discountMinor: number }[];
}

export const applicationOrder = (a: Promotion, b: Promotion) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const byApplication = (a: Candidate, b: Candidate) => applicationOrder(a.promotion, b.promotion);

/** A candidate, built whole in one place: candidates then share one shape, which the hot loops need. */
export function candidate(promotion: Promotion, id: string, action: Action, targets: Lines, flags: number, group: number, order: number): Candidate {
  return { promotion, id, action, targets: targets.lines, lineIndexes: targets.indexes, rank: 0, alone: 0, onOriginal: null, flags, group, order };
}

/** The radix sort's buffers, grown as needed: pricing is synchronous, so one cart uses them at a time. */
let positions = new Int32Array(256);
let spare = new Int32Array(256);
let keysLow = new Int32Array(256);
let keysHigh = new Int32Array(256);
const counts = new Int32Array(256);
const LOW_SPAN = 2 ** 24;

/**
 * Sorts candidates into application order. Each has one number for it, its order key (traits.ts,
 * 35 bits), and a stable radix sort by those keys (8 bits a pass, a pass skipped where all share
 * the digit) orders them without a comparison: a comparator sort of a cart's two hundred candidates
 * was an eighth of pricing's time, and a typed array's native sort still a sixteenth, most of it
 * mispredicted comparisons. Only runs that share priority and id prefix are then ordered by the
 * whole id. Ids that are not lower-case hex (the service makes UUIDs; tests use names) take the
 * comparator sort.
 */
export function sortInApplicationOrder(candidates: Candidate[]): void {
  const n = candidates.length;
  if (n < 2) return;
  if (positions.length < n) {
    const size = 2 ** Math.ceil(Math.log2(n));
    [positions, spare, keysLow, keysHigh] = [new Int32Array(size), new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  for (let i = 0; i < n; i++) {
    const order = candidates[i]!.order;
    if (order < 0) {
      candidates.sort(byApplication);
      return;
    }
    positions[i] = i;
    keysLow[i] = order % LOW_SPAN;
    keysHigh[i] = Math.floor(order / LOW_SPAN);
  }
  radixPass(keysLow, 0, n);
  radixPass(keysLow, 8, n);
  radixPass(keysLow, 16, n);
  radixPass(keysHigh, 0, n);
  radixPass(keysHigh, 8, n);
  const original = candidates.slice();
  for (let k = 0; k < n; k++) candidates[k] = original[positions[k]!]!;
  for (let start = 0; start < n; ) {
    const run = candidates[start]!.order;
    let end = start + 1;
    while (end < n && candidates[end]!.order === run) end++;
    if (end - start > 1) candidates.splice(start, end - start, ...candidates.slice(start, end).sort(byApplication));
    start = end;
  }
}

/** One stable counting pass of `positions` by the byte of `keys` at `shift`. */
function radixPass(keys: Int32Array, shift: number, n: number): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 255]! += 1;
  if (counts[(keys[0]! >>> shift) & 255] === n) return; // one digit for all: nothing moves
  for (let d = 0, sum = 0; d < 256; d++) {
    const count = counts[d]!;
    counts[d] = sum;
    sum += count;
  }
  for (let i = 0; i < n; i++) {
    const p = positions[i]!;
    spare[counts[(keys[p]! >>> shift) & 255]!++] = p;
  }
  [positions, spare] = [spare, positions];
}

/**
 * A copy of `set` in rank order. Ranks are distinct small numbers (places among the cart's
 * candidates), so each goes straight to its place: a comparator sort of a hundred chosen
 * promotions, twice per cart, mispredicted most of its comparisons.
 */
export function inRankOrder(set: readonly Candidate[]): Candidate[] {
  let ranks = 0;
  for (const c of set) ranks = Math.max(ranks, c.rank + 1);
  const byRank = new Array<Candidate | undefined>(ranks);
  for (const c of set) byRank[c.rank] = c;
  const sorted: Candidate[] = [];
  for (const c of byRank) if (c !== undefined) sorted.push(c);
  return sorted;
}

export class CartPricer {
  readonly original: number[];
  /** No combination takes more than the whole cart and its shipping. */
  readonly capacity: number;

  constructor(readonly cart: Cart) {
    this.original = cart.lines.map((l) => l.unitPriceMinor * l.quantity);
    this.capacity = this.original.reduce((a, b) => a + b, 0) + cart.shippingMinor;
  }

  start(): Pricing {
    return { left: this.original.slice(), shippingLeft: this.cart.shippingMinor, total: 0 };
  }

  /** A pricing of this cart's back at the start, in place. */
  reset(p: Pricing): void {
    for (let i = 0; i < p.left.length; i++) p.left[i] = this.original[i]!;
    p.shippingLeft = this.cart.shippingMinor;
    p.total = 0;
  }

  /** Scratch space: a candidate's target amounts and discounts, reused at every step (nothing allocated). */
  private readonly amounts: number[] = [];
  private readonly discounts: number[] = [];
  /** The shipping the last effectOf took off, uncapped. */
  private shippingOff = 0;

  /**
   * What `c` would take, uncapped, after `before`: its discount per target (in scratch, or the
   * candidate's own array: read it before the next call, never change it), the shipping in
   * this.shippingOff. On the original prices a promotion's effect never changes, so it is worked
   * out once per cart; half the candidates are so, and the search asks for them thousands of times.
   */
  private effectOf(before: Pricing, c: Candidate): readonly number[] {
    if (c.flags & TRAIT.onOriginal) {
      if (c.onOriginal === null) {
        const discounts: number[] = [];
        const shipping = discountsInto(c.action, c.targets, this.gather(this.original, c), c.lineIndexes.length, this.cart.shippingMinor, discounts);
        c.onOriginal = { discounts, shipping };
      }
      this.shippingOff = c.onOriginal.shipping;
      return c.onOriginal.discounts;
    }
    this.shippingOff = discountsInto(c.action, c.targets, this.gather(before.left, c), c.lineIndexes.length, this.cart.shippingMinor, this.discounts);
    return this.discounts;
  }

  /** The amounts of c's targets in `source`, into scratch. */
  private gather(source: readonly number[], c: Candidate): number[] {
    const lines = c.lineIndexes;
    for (let k = 0; k < lines.length; k++) this.amounts[k] = source[lines[k]!]!;
    return this.amounts;
  }

  /** What one more promotion would take after `before`, without building the new pricing (the search asks this most). */
  gain(before: Pricing, c: Candidate): number {
    const lines = c.lineIndexes;
    const discounts = this.effectOf(before, c);
    let taken = Math.min(this.shippingOff, before.shippingLeft);
    for (let k = 0; k < lines.length; k++) taken += Math.max(0, Math.min(discounts[k]!, before.left[lines[k]!]!));
    return taken;
  }

  /**
   * Applies one more promotion (after every one priced in `before`, in application order) into
   * `after`: `before` itself, or a pricing the search keeps per depth (nothing is allocated).
   * `applied`, when given, receives what it took from each line.
   */
  applyInto(before: Pricing, c: Candidate, after: Pricing, applied?: AppliedPromotion): void {
    const discounts = this.effectOf(before, c);
    const shippingOff = Math.min(this.shippingOff, before.shippingLeft);
    // Cashback is a percent of the amounts the promotion applies to, read before it changes them.
    const cashbackCoins = applied ? cashbackOf(c.action, this.gather(c.flags & TRAIT.onOriginal ? this.original : before.left, c), c.lineIndexes.length) : 0;
    const left = after.left;
    if (after !== before) for (let i = 0; i < left.length; i++) left[i] = before.left[i]!;
    let taken = 0;
    for (let k = 0; k < c.lineIndexes.length; k++) {
      const i = c.lineIndexes[k]!;
      const d = Math.min(discounts[k]!, left[i]!);
      if (d <= 0) continue;
      left[i] = left[i]! - d;
      taken += d;
      applied?.lines.push({ lineId: c.targets[k]!.lineId, discountMinor: d });
    }
    after.shippingLeft = before.shippingLeft - shippingOff;
    after.total = before.total + taken + shippingOff;
    if (!applied) return;
    applied.discountMinor = taken;
    applied.shippingOffMinor = shippingOff;
    applied.cashbackCoins = cashbackCoins;
    applied.giftProductId = giftOf(c.action);
  }

  /** Of `set`, in application order, the promotions that take something when the set is priced together. */
  taking(set: readonly Candidate[]): Candidate[] {
    const pricing = this.start();
    const took: Candidate[] = [];
    for (const c of inRankOrder(set)) {
      const before = pricing.total;
      this.applyInto(pricing, c, pricing);
      if (pricing.total > before) took.push(c);
    }
    return took;
  }

  /** Prices a set in application order; returns each promotion's effect after capping, the total and what is left of each line. */
  applyInOrder(chosen: readonly Candidate[]): { total: number; applied: AppliedPromotion[]; left: readonly number[] } {
    const pricing = this.start();
    const applied: AppliedPromotion[] = [];
    for (const c of inRankOrder(chosen)) {
      const detail: AppliedPromotion = { promotionId: c.id, discountMinor: 0, shippingOffMinor: 0, cashbackCoins: 0, giftProductId: null, lines: [] };
      this.applyInto(pricing, c, pricing, detail);
      applied.push(detail);
    }
    return { total: pricing.total, applied, left: pricing.left };
  }
}
