import type { Action, Cart, CartLine } from './model.js';

/**
 * What an action gives, in integer minor units. Rounding rule: a percent of an amount is rounded
 * down (floor), so a discount is never more than the percent promised; an amount spread over lines
 * is split in proportion to their prices by the largest-remainder method, so the parts add up to
 * exactly the amount. No line is ever discounted below zero: every discount is capped by what is
 * left of its line.
 */
export interface Effect {
  /** Discount per target line, in the order of the targets. */
  discounts: number[];
  shippingOffMinor: number;
  cashbackCoins: number;
  giftProductId: string | null;
}

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
 * Applies an action to its target lines, whose prices are `amounts` (their line totals: the
 * original ones, or what earlier promotions left, as the promotion's `base` says; in the order of
 * the targets).
 */
export function applyAction(action: Action, targets: readonly CartLine[], amounts: readonly number[], cart: Pick<Cart, 'shippingMinor'>): Effect {
  const effect: Effect = { discounts: new Array<number>(targets.length).fill(0), shippingOffMinor: 0, cashbackCoins: 0, giftProductId: null };
  switch (action.kind) {
    case 'percent_off': {
      let total = 0;
      for (let i = 0; i < amounts.length; i++) total += effect.discounts[i] = percentOf(amounts[i]!, action.percent);
      if (action.capMinor !== undefined && total > action.capMinor) effect.discounts = distribute(action.capMinor, amounts);
      break;
    }
    case 'amount_off':
      effect.discounts = distribute(action.amountMinor, amounts);
      break;
    case 'fixed_unit_price':
      for (let i = 0; i < targets.length; i++) effect.discounts[i] = Math.max(0, amounts[i]! - action.unitPriceMinor * targets[i]!.quantity);
      break;
    case 'buy_x_get_y':
      buyXGetY(action, targets, amounts, effect.discounts);
      break;
    case 'tiered_spend': {
      // The best tier the spend reaches (not merely the highest threshold): so less spend never
      // gives more off, which the combination search relies on.
      const spend = sum(amounts);
      let off = 0;
      for (const t of action.tiers) if (spend >= t.minSpendMinor && t.offMinor > off) off = t.offMinor;
      if (off > 0) effect.discounts = distribute(off, amounts);
      break;
    }
    case 'free_shipping':
      effect.shippingOffMinor = cart.shippingMinor;
      break;
    case 'gift_item':
      effect.giftProductId = action.productId;
      break;
    case 'coin_cashback':
      effect.cashbackCoins = Math.min(percentOf(sum(amounts), action.percent), action.capCoins ?? Number.MAX_SAFE_INTEGER);
      break;
  }
  return effect;
}

const sum = (xs: readonly number[]) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/**
 * Of every buy + get units, the `get` cheapest are discounted by percentOff (100: free). A unit's
 * price is its line's amount divided by the quantity, rounded down; equal prices go by line id.
 * Units of one line cost the same, so the cheapest units are taken line by line, cheapest first.
 */
function buyXGetY(action: Extract<Action, { kind: 'buy_x_get_y' }>, targets: readonly CartLine[], amounts: readonly number[], discounts: number[]): void {
  let units = 0;
  for (const l of targets) units += l.quantity;
  let rewarded = Math.floor(units / (action.buy + action.get)) * action.get;
  if (rewarded === 0) return;
  const byPrice = targets.map((l, i) => ({ i, lineId: l.lineId, price: Math.floor(Math.max(0, amounts[i]!) / l.quantity) }));
  byPrice.sort((a, b) => a.price - b.price || (a.lineId < b.lineId ? -1 : 1));
  for (const { i, price } of byPrice) {
    const take = Math.min(rewarded, targets[i]!.quantity);
    discounts[i] = take * percentOf(price, action.percentOff);
    rewarded -= take;
    if (rewarded === 0) break;
  }
}
