import { applyAction } from './actions.js';
import type { Cart, CartLine, Promotion } from './model.js';

/**
 * Pricing a set of promotions on a cart: they apply in application order (priority, higher first,
 * then id), each on the original line prices or on what earlier ones left (its `base`), and no
 * line or the shipping ever goes below zero. Lines are addressed by their index in the cart, so a
 * pricing is a short array of what is left of each line: the combination search copies it at
 * every step it tries.
 */

export interface Candidate {
  promotion: Promotion;
  targets: CartLine[];
  /** The targets' indexes in the cart's lines, in the same order. */
  lineIndexes: number[];
  /** Its place in application order among the cart's candidates. */
  rank: number;
  /** Its value alone, on original prices: an upper bound of what it adds to any combination. */
  alone: number;
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

  /** What one more promotion would take after `before`, without building the new pricing (the search asks this most). */
  gain(before: Pricing, c: Candidate): number {
    const source = c.promotion.base === 'original' ? this.original : before.left;
    const effect = applyAction(c.promotion.action, c.targets, c.lineIndexes.map((i) => source[i]!), this.cart);
    let taken = Math.min(effect.shippingOffMinor, before.shippingLeft);
    for (let k = 0; k < c.lineIndexes.length; k++) taken += Math.max(0, Math.min(effect.discounts[k]!, before.left[c.lineIndexes[k]!]!));
    return taken;
  }

  /**
   * Applies one more promotion (after every one priced in `before`, in application order) to a
   * copy of the pricing; `applied`, when given, receives what it took from each line.
   */
  apply(before: Pricing, c: Candidate, applied?: AppliedPromotion): Pricing {
    const source = c.promotion.base === 'original' ? this.original : before.left;
    const amounts = c.lineIndexes.map((i) => source[i]!);
    const effect = applyAction(c.promotion.action, c.targets, amounts, this.cart);
    const left = before.left.slice();
    let taken = 0;
    for (let k = 0; k < c.lineIndexes.length; k++) {
      const i = c.lineIndexes[k]!;
      const d = Math.min(effect.discounts[k]!, left[i]!);
      if (d <= 0) continue;
      left[i] = left[i]! - d;
      taken += d;
      applied?.lines.push({ lineId: c.targets[k]!.lineId, discountMinor: d });
    }
    const shippingOff = Math.min(effect.shippingOffMinor, before.shippingLeft);
    if (applied) Object.assign(applied, { discountMinor: taken, shippingOffMinor: shippingOff, cashbackCoins: effect.cashbackCoins, giftProductId: effect.giftProductId });
    return { left, shippingLeft: before.shippingLeft - shippingOff, total: before.total + taken + shippingOff };
  }

  /** Prices a set in application order; returns each promotion's effect after capping, the total and what is left of each line. */
  applyInOrder(chosen: readonly Candidate[]): { total: number; applied: AppliedPromotion[]; left: readonly number[] } {
    let pricing = this.start();
    const applied: AppliedPromotion[] = [];
    for (const c of [...chosen].sort((a, b) => a.rank - b.rank)) {
      const detail: AppliedPromotion = { promotionId: c.promotion.id, discountMinor: 0, shippingOffMinor: 0, cashbackCoins: 0, giftProductId: null, lines: [] };
      pricing = this.apply(pricing, c, detail);
      applied.push(detail);
    }
    return { total: pricing.total, applied, left: pricing.left };
  }
}
