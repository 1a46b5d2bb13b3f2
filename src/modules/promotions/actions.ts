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
  const parts = new Array<number>(weights.length).fill(0);
  distributeInto(total, weights, weights.length, parts);
  return parts;
}

/** Up to this many lines, remainders and unit prices are ordered by hand (no sort, no allocation). */
const SELECT_PARTS_MAX = 16;
const fractions: number[] = [];

/**
 * `distribute` into `parts[0..n)`, allocating nothing for up to SELECT_PARTS_MAX parts (the search
 * prices promotions thousands of times a cart). The same arithmetic and order as a sort by
 * fractional part, largest first, then by index.
 */
export function distributeInto(total: number, weights: ArrayLike<number>, n: number, parts: number[]): void {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  if (sum === 0 || total <= 0) {
    for (let i = 0; i < n; i++) parts[i] = 0;
    return;
  }
  const amount = Math.min(total, sum);
  let left = amount;
  for (let i = 0; i < n; i++) {
    const exact = (amount * weights[i]!) / sum;
    parts[i] = Math.floor(exact);
    fractions[i] = exact - parts[i]!;
    left -= parts[i]!;
  }
  if (left === 0) return;
  if (n > SELECT_PARTS_MAX) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => fractions[b]! - fractions[a]! || a - b);
    for (const i of order) {
      if (left === 0) break;
      if (parts[i]! < weights[i]!) (parts[i]! += 1), (left -= 1);
    }
    return;
  }
  // Each part is visited once, largest fraction first (ties: lower index), as the sort would.
  for (let visited = 0; visited < n && left > 0; visited++) {
    let pick = -1;
    for (let i = 0; i < n; i++) if (fractions[i]! >= 0 && (pick < 0 || fractions[i]! > fractions[pick]!)) pick = i;
    fractions[pick] = -1;
    if (parts[pick]! < weights[pick]!) (parts[pick]! += 1), (left -= 1);
  }
}

const percentOf = (amount: number, percent: number) => Math.floor((amount * percent) / 100);

/**
 * Applies an action to its target lines, whose prices are `amounts` (their line totals: the
 * original ones, or what earlier promotions left, as the promotion's `base` says; in the order of
 * the targets). The whole effect, newly allocated; pricing itself uses the parts below.
 */
export function applyAction(action: Action, targets: readonly CartLine[], amounts: readonly number[], cart: Pick<Cart, 'shippingMinor'>): Effect {
  const discounts = new Array<number>(targets.length).fill(0);
  const shippingOffMinor = discountsInto(action, targets, amounts, targets.length, cart.shippingMinor, discounts);
  return { discounts, shippingOffMinor, cashbackCoins: cashbackOf(action, amounts, targets.length), giftProductId: giftOf(action) };
}

/** The coins an action pays back on its targets' first `n` amounts (0 unless it is coin cashback). */
export function cashbackOf(action: Action, amounts: ArrayLike<number>, n: number): number {
  if (action.kind !== 'coin_cashback') return 0;
  let spend = 0;
  for (let i = 0; i < n; i++) spend += amounts[i]!;
  return Math.min(percentOf(spend, action.percent), action.capCoins ?? Number.MAX_SAFE_INTEGER);
}

export const giftOf = (action: Action): string | null => (action.kind === 'gift_item' ? action.productId : null);

/**
 * What an action takes off: the discount of each of the first `n` targets into `discounts`, and
 * the shipping taken off as the result. Allocates nothing for the common actions: the search asks
 * it for every step it prices.
 */
export function discountsInto(action: Action, targets: readonly CartLine[], amounts: ArrayLike<number>, n: number, shippingMinor: number, discounts: number[]): number {
  for (let i = 0; i < n; i++) discounts[i] = 0;
  switch (action.kind) {
    case 'percent_off': {
      let total = 0;
      for (let i = 0; i < n; i++) total += discounts[i] = percentOf(amounts[i]!, action.percent);
      if (action.capMinor !== undefined && total > action.capMinor) distributeInto(action.capMinor, amounts, n, discounts);
      return 0;
    }
    case 'amount_off':
      distributeInto(action.amountMinor, amounts, n, discounts);
      return 0;
    case 'fixed_unit_price':
      for (let i = 0; i < n; i++) discounts[i] = Math.max(0, amounts[i]! - action.unitPriceMinor * targets[i]!.quantity);
      return 0;
    case 'buy_x_get_y':
      buyXGetY(action, targets, amounts, n, discounts);
      return 0;
    case 'tiered_spend': {
      // The best tier the spend reaches (not merely the highest threshold): so less spend never
      // gives more off, which the combination search relies on.
      let spend = 0;
      for (let i = 0; i < n; i++) spend += amounts[i]!;
      let off = 0;
      for (const t of action.tiers) if (spend >= t.minSpendMinor && t.offMinor > off) off = t.offMinor;
      if (off > 0) distributeInto(off, amounts, n, discounts);
      return 0;
    }
    case 'free_shipping':
      return shippingMinor;
    case 'gift_item':
    case 'coin_cashback':
      return 0;
  }
}

/**
 * Of every buy + get units, the `get` cheapest are discounted by percentOff (100: free). A unit's
 * price is its line's amount divided by the quantity, rounded down; equal prices go by line id.
 * Units of one line cost the same, so the cheapest units are taken line by line, cheapest first.
 */
function buyXGetY(action: Extract<Action, { kind: 'buy_x_get_y' }>, targets: readonly CartLine[], amounts: ArrayLike<number>, n: number, discounts: number[]): void {
  let units = 0;
  for (let i = 0; i < n; i++) units += targets[i]!.quantity;
  let rewarded = Math.floor(units / (action.buy + action.get)) * action.get;
  if (rewarded === 0) return;
  // Target positions by unit price, then line id, into scratch: an insertion sort for a few lines.
  for (let i = 0; i < n; i++) {
    unitPrices[i] = Math.floor(Math.max(0, amounts[i]!) / targets[i]!.quantity);
    let j = i;
    if (n <= SELECT_PARTS_MAX) for (; j > 0 && cheaper(targets, i, byPrice[j - 1]!); j--) byPrice[j] = byPrice[j - 1]!;
    byPrice[j] = i;
  }
  if (n > SELECT_PARTS_MAX) {
    byPrice.length = n;
    byPrice.sort((a, b) => (cheaper(targets, a, b) ? -1 : cheaper(targets, b, a) ? 1 : 0));
  }
  for (let k = 0; k < n && rewarded > 0; k++) {
    const i = byPrice[k]!;
    const take = Math.min(rewarded, targets[i]!.quantity);
    discounts[i] = take * percentOf(unitPrices[i]!, action.percentOff);
    rewarded -= take;
  }
}

const unitPrices: number[] = [];
const byPrice: number[] = [];
const cheaper = (targets: readonly CartLine[], a: number, b: number) =>
  unitPrices[a]! < unitPrices[b]! || (unitPrices[a] === unitPrices[b] && targets[a]!.lineId < targets[b]!.lineId);
