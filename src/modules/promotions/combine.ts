import { cartFacts, targetsOrFailures, type CartFacts } from './conditions.js';
import type { Cart, Failure, Promotion } from './model.js';
import { candidate, CartPricer, sortInApplicationOrder, type AppliedPromotion, type Candidate } from './pricing.js';
import { PromotionIndex, type NotApplied } from './search-index.js';
import { bestCombination } from './search.js';
import { flagsOf, GroupNumbers, orderKey, stacks, TRAIT } from './traits.js';

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

const isSideBenefit = (c: Candidate) => (c.flags & TRAIT.side) !== 0;

/** Judges every one of `promotions` (a scan: the index judges its own, PromotionIndex.gather). */
function judgeEach(promotions: readonly Promotion[], cart: Cart, facts: CartFacts, applicable: Candidate[], notApplied: NotApplied[]): void {
  const groups = new GroupNumbers();
  for (const promotion of promotions) {
    const verdict = targetsOrFailures(promotion, cart, facts);
    if (Array.isArray(verdict)) notApplied.push({ promotionId: promotion.id, failures: verdict });
    else applicable.push(candidate(promotion, promotion.id, promotion.action, verdict, flagsOf(promotion), groups.of(promotion.exclusivityGroup), orderKey(promotion)));
  }
}

/** The applicable promotions (every one given, or the index's for this cart) as candidates, in application order, each valued alone. */
function candidatesOf(pricer: CartPricer, source: readonly Promotion[] | PromotionIndex, notApplied: NotApplied[], explain = true): Candidate[] {
  const applicable: Candidate[] = [];
  const facts = cartFacts(pricer.cart);
  if (source instanceof PromotionIndex) source.gather(pricer.cart, facts, applicable, notApplied, explain);
  else judgeEach(source, pricer.cart, facts, applicable, notApplied);
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
  const groups = new Set(chosen.map((c) => c.group).filter((g) => g >= 0));
  const alone = chosen.length === 1 && !stacks(chosen[0]!);
  for (const c of side) {
    if (alone || (set.length > 0 && !stacks(c))) continue;
    if (c.group >= 0 && groups.has(c.group)) continue;
    set.push(c);
    if (c.group >= 0) groups.add(c.group);
    if (!stacks(c)) break;
  }
  return set;
}

/**
 * Prices a cart with every promotion given (a scan), or with those the index finds for it. With
 * `explain: false` (the index only), `notApplied` may leave out promotions that are no near miss,
 * and a near miss on the minimum amount has one failure, the largest: what nearMisses() reads.
 */
export function evaluateCart(cart: Cart, source: readonly Promotion[] | PromotionIndex, options: { explain?: boolean } = {}): Evaluation {
  const pricer = new CartPricer(cart);
  const notApplied: Evaluation['notApplied'] = [];
  const candidates = candidatesOf(pricer, source, notApplied, options.explain);
  // A price-changing candidate worth nothing alone adds nothing to any combination.
  const best = bestCombination(pricer, candidates.filter((c) => !isSideBenefit(c) && c.alone > 0));
  // A price-changing promotion that took nothing in the end (a search cut short by its budget can
  // keep one) is dropped: it would count against its uses and budget for nothing. Taking nothing
  // left every line as it was, so the others price the same without it.
  const chosen = withSideBenefits(pricer.taking(best.set), candidates.filter(isSideBenefit));
  const { total, applied, left } = pricer.applyInOrder(chosen);
  const isChosen = new Uint8Array(candidates.length);
  for (const c of chosen) isChosen[c.rank] = 1;
  return {
    applied,
    totalDiscountMinor: total,
    // By index, from what is left of each line: right even if two lines shared an id.
    lines: cart.lines.map((l, i) => ({ lineId: l.lineId, originalMinor: pricer.original[i]!, discountMinor: pricer.original[i]! - left[i]!, finalMinor: left[i]! })),
    notApplied,
    outranked: candidates.filter((c) => !isChosen[c.rank]).map((c) => c.id),
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
