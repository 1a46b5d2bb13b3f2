import type { Action, Cart, CartLine } from './model.js';

/**
 * What an action gives, in integer minor units. Rounding rule: a percent of an amount is rounded
 * down (floor), so a discount is never more than the percent promised; an amount spread over lines
 * is split in proportion to their prices by the largest-remainder method, so the parts add up to
 * exactly the amount. No line is ever discounted below zero: every discount is capped by what is
 * left of its line.
 */
export interface Effect {
  /** Discount per line id. */
  discounts: Map<string, number>;
  shippingOffMinor: number;
  cashbackCoins: number;
  giftProductId: string | null;
}

/** Splits `total` over `weights` in proportion, parts summing to `total` and none above its weight. */
export function distribute(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total <= 0) return weights.map(() => 0);
  const amount = Math.min(total, sum);
  const exact = weights.map((w) => (amount * w) / sum);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (parts[i]! < weights[i]!) {
      parts[i]! += 1;
      left -= 1;
    }
  }
  return parts;
}

const percentOf = (amount: number, percent: number) => Math.floor((amount * percent) / 100);

/**
 * Applies an action to its target lines, whose prices are `base` (line totals: the original ones,
 * or what earlier promotions left, as the promotion's `base` says).
 */
export function applyAction(action: Action, targets: readonly CartLine[], base: ReadonlyMap<string, number>, cart: Pick<Cart, 'shippingMinor'>): Effect {
  const effect: Effect = { discounts: new Map(), shippingOffMinor: 0, cashbackCoins: 0, giftProductId: null };
  const amounts = targets.map((l) => Math.max(0, base.get(l.lineId) ?? 0));
  const spend = amounts.reduce((a, b) => a + b, 0);
  const spread = (total: number) => distribute(total, amounts).forEach((d, i) => d > 0 && effect.discounts.set(targets[i]!.lineId, d));
  switch (action.kind) {
    case 'percent_off': {
      const off = amounts.map((a) => percentOf(a, action.percent));
      const total = off.reduce((a, b) => a + b, 0);
      if (action.capMinor !== undefined && total > action.capMinor) spread(action.capMinor);
      else off.forEach((d, i) => d > 0 && effect.discounts.set(targets[i]!.lineId, d));
      break;
    }
    case 'amount_off':
      spread(action.amountMinor);
      break;
    case 'fixed_unit_price':
      targets.forEach((l, i) => {
        const d = amounts[i]! - action.unitPriceMinor * l.quantity;
        if (d > 0) effect.discounts.set(l.lineId, d);
      });
      break;
    case 'buy_x_get_y':
      buyXGetY(action, targets, amounts, effect);
      break;
    case 'tiered_spend': {
      // The best tier the spend reaches (not merely the highest threshold): so less spend never
      // gives more off, which the combination search relies on.
      const off = Math.max(0, ...action.tiers.filter((t) => spend >= t.minSpendMinor).map((t) => t.offMinor));
      if (off > 0) spread(off);
      break;
    }
    case 'free_shipping':
      effect.shippingOffMinor = cart.shippingMinor;
      break;
    case 'gift_item':
      effect.giftProductId = action.productId;
      break;
    case 'coin_cashback':
      effect.cashbackCoins = Math.min(percentOf(spend, action.percent), action.capCoins ?? Number.MAX_SAFE_INTEGER);
      break;
  }
  return effect;
}

/**
 * Of every buy + get units, the `get` cheapest are discounted by percentOff (100: free). A unit's
 * price is its line's base divided by the quantity, rounded down.
 */
function buyXGetY(action: Extract<Action, { kind: 'buy_x_get_y' }>, targets: readonly CartLine[], amounts: readonly number[], effect: Effect): void {
  const units = targets.flatMap((l, i) => Array.from({ length: l.quantity }, () => ({ lineId: l.lineId, price: Math.floor(amounts[i]! / l.quantity) })));
  const rewarded = Math.floor(units.length / (action.buy + action.get)) * action.get;
  units.sort((a, b) => a.price - b.price || (a.lineId < b.lineId ? -1 : 1));
  for (const unit of units.slice(0, rewarded)) {
    const d = percentOf(unit.price, action.percentOff);
    if (d > 0) effect.discounts.set(unit.lineId, (effect.discounts.get(unit.lineId) ?? 0) + d);
  }
}
