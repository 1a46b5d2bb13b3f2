import { applyAction, type Effect } from './actions.js';
import { eligibility, lineTotal } from './conditions.js';
import { PROMOTION_POLICY, type Cart, type CartLine, type Failure, type Promotion } from './model.js';

/**
 * The best combination of a cart's applicable promotions: the largest total discount (line
 * discounts plus shipping taken off) that respects the rules:
 *  - promotions apply in priority order (higher first, then by id), each on the original line
 *    prices or on what earlier ones left (its `base`); no line goes below zero;
 *  - at most one promotion per exclusivity group; a promotion that does not stack applies alone.
 * Branch and bound over up to exactCandidatesMax candidates (those worth most on their own),
 * pruned by each candidate's value alone and by the cart's total; exact whenever it finishes within
 * searchNodesMax priced combinations (always with up to 13 stacking candidates), else the best
 * found within that budget. Ties: the fewer promotions, then the smaller ids: deterministic.
 */

export interface AppliedPromotion {
  promotionId: string;
  discountMinor: number;
  shippingOffMinor: number;
  cashbackCoins: number;
  giftProductId: string | null;
  lines: { lineId: string; discountMinor: number }[];
}

export interface Evaluation {
  applied: AppliedPromotion[];
  totalDiscountMinor: number;
  lines: { lineId: string; originalMinor: number; discountMinor: number; finalMinor: number }[];
  notApplied: { promotionId: string; failures: Failure[] }[];
  /** Candidates that applied but lost to a better combination. */
  outranked: string[];
}

const applicationOrder = (a: Promotion, b: Promotion) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Candidate {
  promotion: Promotion;
  targets: CartLine[];
  /** Its value alone, on original prices: an upper bound of what it adds to any combination. */
  alone: number;
}

/** What is left of each line and of the shipping after the promotions applied so far. */
interface Pricing {
  original: ReadonlyMap<string, number>;
  left: Map<string, number>;
  shippingLeft: number;
  total: number;
}

const startPricing = (cart: Cart): Pricing => {
  const original = new Map(cart.lines.map((l) => [l.lineId, l.unitPriceMinor * l.quantity]));
  return { original, left: new Map(original), shippingLeft: cart.shippingMinor, total: 0 };
};

/**
 * Applies one more promotion (it must come after the earlier ones in application order) to a copy
 * of the pricing: the search extends a combination by one promotion without re-pricing the others.
 */
function applyOne(cart: Cart, before: Pricing, c: Candidate): { pricing: Pricing; applied: AppliedPromotion } {
  const left = new Map(before.left);
  const effect: Effect = applyAction(c.promotion.action, c.targets, c.promotion.base === 'original' ? before.original : left, cart);
  const lines: AppliedPromotion['lines'] = [];
  for (const [lineId, wanted] of effect.discounts) {
    const d = Math.min(wanted, left.get(lineId)!);
    if (d <= 0) continue;
    left.set(lineId, left.get(lineId)! - d);
    lines.push({ lineId, discountMinor: d });
  }
  const shippingOff = Math.min(effect.shippingOffMinor, before.shippingLeft);
  const discount = lines.reduce((s, l) => s + l.discountMinor, 0);
  return {
    pricing: { original: before.original, left, shippingLeft: before.shippingLeft - shippingOff, total: before.total + discount + shippingOff },
    applied: { promotionId: c.promotion.id, discountMinor: discount, shippingOffMinor: shippingOff, cashbackCoins: effect.cashbackCoins, giftProductId: effect.giftProductId, lines },
  };
}

/** Applies promotions in application order; returns each one's effect after capping, and the total. */
function applyInOrder(cart: Cart, chosen: readonly Candidate[]): { total: number; applied: AppliedPromotion[] } {
  let pricing = startPricing(cart);
  const applied: AppliedPromotion[] = [];
  for (const c of [...chosen].sort((a, b) => applicationOrder(a.promotion, b.promotion))) {
    const next = applyOne(cart, pricing, c);
    pricing = next.pricing;
    applied.push(next.applied);
  }
  return { total: pricing.total, applied };
}

/** The total discount of exactly these promotions applied together (each must be applicable). */
export function priceSet(cart: Cart, promotions: readonly Promotion[]): number {
  const set = promotions.map((promotion) => {
    const e = eligibility(promotion, cart);
    if (!e.ok) throw new Error(`promotion ${promotion.id} does not apply`);
    return { promotion, targets: e.targets, alone: 0 };
  });
  return applyInOrder(cart, set).total;
}

const idsKey = (set: readonly Candidate[]) => set.map((c) => c.promotion.id).sort().join(',');

/** Whether `a` beats `b`: more discount, then fewer promotions, then smaller ids. */
function better(a: { total: number; set: Candidate[] }, b: { total: number; set: Candidate[] }): boolean {
  if (a.total !== b.total) return a.total > b.total;
  if (a.set.length !== b.set.length) return a.set.length < b.set.length;
  return idsKey(a.set) < idsKey(b.set);
}

function search(cart: Cart, candidates: readonly Candidate[]): { total: number; set: Candidate[] } {
  let best: { total: number; set: Candidate[] } = { total: 0, set: [] };
  let nodes = 0;
  const offer = (total: number, set: Candidate[]) => {
    nodes += 1;
    const option = { total, set };
    if (better(option, best)) best = option;
  };
  // No combination takes more than the whole cart and its shipping.
  const capacity = lineTotal(cart.lines) + cart.shippingMinor;
  const empty = startPricing(cart);
  // Non-stacking promotions alone.
  for (const c of candidates) if (!c.promotion.stackable) offer(applyOne(cart, empty, c).pricing.total, [c]);
  // Stacking ones in application order: including one extends the pricing of those before it, and
  // the bound (what is priced so far plus each remaining one alone, at most the cart) prunes.
  const stacking = candidates.filter((c) => c.promotion.stackable).sort((a, b) => applicationOrder(a.promotion, b.promotion));
  const suffix = [...stacking.map((_, i) => stacking.slice(i).reduce((s, c) => s + c.alone, 0)), 0];
  const walk = (i: number, chosen: Candidate[], pricing: Pricing, groups: Set<string>) => {
    if (i === stacking.length || nodes >= PROMOTION_POLICY.searchNodesMax) return;
    if (Math.min(pricing.total + suffix[i]!, capacity) < best.total) return;
    const c = stacking[i]!;
    const group = c.promotion.exclusivityGroup;
    if (group === null || !groups.has(group)) {
      const next = applyOne(cart, pricing, c).pricing;
      const set = [...chosen, c];
      offer(next.total, set);
      walk(i + 1, set, next, group === null ? groups : new Set([...groups, group]));
    }
    walk(i + 1, chosen, pricing, groups);
  };
  walk(0, [], empty, new Set());
  return best;
}

export function evaluateCart(cart: Cart, promotions: readonly Promotion[]): Evaluation {
  const notApplied: Evaluation['notApplied'] = [];
  const candidates: Candidate[] = [];
  for (const p of promotions) {
    const e = eligibility(p, cart);
    if (!e.ok) {
      notApplied.push({ promotionId: p.id, failures: e.failures });
      continue;
    }
    candidates.push({ promotion: p, targets: e.targets, alone: 0 });
  }
  const empty = startPricing(cart);
  for (const c of candidates) c.alone = applyOne(cart, empty, c).pricing.total;
  const searched = [...candidates].sort((a, b) => b.alone - a.alone || applicationOrder(a.promotion, b.promotion)).slice(0, PROMOTION_POLICY.exactCandidatesMax);
  const best = search(cart, searched);
  const { applied } = applyInOrder(cart, best.set);
  const discountOf = new Map<string, number>();
  for (const a of applied) for (const l of a.lines) discountOf.set(l.lineId, (discountOf.get(l.lineId) ?? 0) + l.discountMinor);
  const chosenIds = new Set(best.set.map((c) => c.promotion.id));
  return {
    applied,
    totalDiscountMinor: best.total,
    lines: cart.lines.map((l) => {
      const originalMinor = lineTotal([l]);
      const discountMinor = discountOf.get(l.lineId) ?? 0;
      return { lineId: l.lineId, originalMinor, discountMinor, finalMinor: originalMinor - discountMinor };
    }),
    notApplied,
    outranked: candidates.filter((c) => !chosenIds.has(c.promotion.id)).map((c) => c.promotion.id).sort(),
  };
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
