import { cartFacts, targetsOrFailures } from './conditions.js';
import type { Cart, Failure, Promotion } from './model.js';
import { CartPricer, sortInApplicationOrder, type AppliedPromotion, type Candidate } from './pricing.js';
import { bestCombination } from './search.js';

/**
 * Pricing a cart: which promotions apply (conditions.ts), the best combination of those that change
 * prices (search.ts: the largest total discount, line discounts plus shipping taken off, that
 * respects priority, exclusivity groups and stacking; deterministic on ties), the side benefits
 * that join it, and explanations for the rest.
 */

export type { AppliedPromotion } from './pricing.js';

export interface Evaluation {
  applied: AppliedPromotion[];
  totalDiscountMinor: number;
  lines: { lineId: string; originalMinor: number; discountMinor: number; finalMinor: number }[];
  notApplied: { promotionId: string; failures: Failure[] }[];
  /** Candidates that applied but lost to a better combination, in application order. */
  outranked: string[];
}

/** Gift items and coin cashback change no price: they join the chosen combination rather than compete in it. */
const isSideBenefit = (p: Promotion) => p.action.kind === 'gift_item' || p.action.kind === 'coin_cashback';

/** Where touchAhead's reads go: exported, so that no compiler drops them as unused. */
export let touchedAhead = 0;

/**
 * Reads each promotion's parts that pricing reads first (the object, its id, its conditions, the
 * ids of its first condition, its action), one level at a time across all the candidates. At a
 * million promotions each is a cache miss; in these short loops the processor has many of them in
 * flight at once, where the checks below would wait for each in turn. Measured in one process on
 * alternate carts: 11-14 % off a cart's mean, 7-8 % off its p99.
 */
function touchAhead(promotions: readonly Promotion[]): void {
  let sum = 0;
  for (const p of promotions) sum += p.priority;
  for (const p of promotions) sum += p.conditions.length + p.id.length + (p.action.kind === 'free_shipping' ? 1 : 0);
  for (const p of promotions) {
    const c = p.conditions[0];
    if (c !== undefined && 'ids' in c) sum += c.ids.length;
  }
  for (const p of promotions) {
    const c = p.conditions[0];
    if (c !== undefined && 'ids' in c && c.ids.length > 0) sum += c.ids[0]!.length;
  }
  touchedAhead = sum;
}

/** The applicable promotions as candidates, in application order, each valued alone. */
function candidatesOf(pricer: CartPricer, promotions: readonly Promotion[], notApplied: Evaluation['notApplied']): Candidate[] {
  const applicable: Candidate[] = [];
  const facts = cartFacts(pricer.cart);
  touchAhead(promotions);
  for (const promotion of promotions) {
    const verdict = targetsOrFailures(promotion, pricer.cart, facts);
    // Built whole, not spread from another object: candidates then share one shape, which the hot loops need.
    if (Array.isArray(verdict)) notApplied.push({ promotionId: promotion.id, failures: verdict });
    else applicable.push({ promotion, targets: verdict.lines, lineIndexes: verdict.indexes, rank: 0, alone: 0, onOriginal: null });
  }
  sortInApplicationOrder(applicable);
  const start = pricer.start();
  applicable.forEach((c, rank) => {
    c.rank = rank;
    c.alone = pricer.gain(start, c);
  });
  return applicable;
}

/**
 * Side benefits join the chosen combination in application order when they stack and their
 * exclusivity group is free; one that does not stack applies only when nothing else does.
 */
function withSideBenefits(chosen: readonly Candidate[], side: readonly Candidate[]): Candidate[] {
  const set = [...chosen];
  const groups = new Set(chosen.map((c) => c.promotion.exclusivityGroup).filter((g) => g !== null));
  const alone = chosen.length === 1 && !chosen[0]!.promotion.stackable;
  for (const c of side) {
    if (alone || (set.length > 0 && !c.promotion.stackable)) continue;
    const group = c.promotion.exclusivityGroup;
    if (group !== null && groups.has(group)) continue;
    set.push(c);
    if (group !== null) groups.add(group);
    if (!c.promotion.stackable) break;
  }
  return set;
}

export function evaluateCart(cart: Cart, promotions: readonly Promotion[]): Evaluation {
  const pricer = new CartPricer(cart);
  const notApplied: Evaluation['notApplied'] = [];
  const candidates = candidatesOf(pricer, promotions, notApplied);
  // A price-changing candidate worth nothing alone adds nothing to any combination.
  const best = bestCombination(pricer, candidates.filter((c) => !isSideBenefit(c.promotion) && c.alone > 0));
  // A price-changing promotion that took nothing in the end (a search cut short by its budget can
  // keep one) is dropped: it would count against its uses and budget for nothing. Taking nothing
  // left every line as it was, so the others price the same without it.
  const chosen = withSideBenefits(pricer.taking(best.set), candidates.filter((c) => isSideBenefit(c.promotion)));
  const { total, applied, left } = pricer.applyInOrder(chosen);
  const isChosen = new Uint8Array(candidates.length);
  for (const c of chosen) isChosen[c.rank] = 1;
  return {
    applied,
    totalDiscountMinor: total,
    // By index, from what is left of each line: right even if two lines shared an id.
    lines: cart.lines.map((l, i) => ({ lineId: l.lineId, originalMinor: pricer.original[i]!, discountMinor: pricer.original[i]! - left[i]!, finalMinor: left[i]! })),
    notApplied,
    outranked: candidates.filter((c) => !isChosen[c.rank]).map((c) => c.promotion.id),
  };
}

/** The total discount of exactly these promotions applied together (each must be applicable). */
export function priceSet(cart: Cart, promotions: readonly Promotion[]): number {
  const pricer = new CartPricer(cart);
  const notApplied: Evaluation['notApplied'] = [];
  const set = candidatesOf(pricer, promotions, notApplied);
  if (notApplied.length > 0) throw new Error(`promotion ${notApplied[0]!.promotionId} does not apply`);
  return pricer.applyInOrder(set).total;
}

/** Promotions that failed only on spend or quantity: "add 42.50 more for 10% off". */
export function nearMisses(e: Evaluation): { promotionId: string; missingMinor?: number; missingQuantity?: number }[] {
  return e.notApplied
    .filter((n) => n.failures.every((f) => f.missingMinor !== undefined || f.missingQuantity !== undefined))
    .map((n) => ({
      promotionId: n.promotionId,
      ...(n.failures.some((f) => f.missingMinor !== undefined) ? { missingMinor: Math.max(...n.failures.map((f) => f.missingMinor ?? 0)) } : {}),
      ...(n.failures.some((f) => f.missingQuantity !== undefined) ? { missingQuantity: Math.max(...n.failures.map((f) => f.missingQuantity ?? 0)) } : {}),
    }));
}
