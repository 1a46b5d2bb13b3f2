/**
 * Promotion types: the cart, conditions, actions. Money is integer minor units of the cart's
 * currency. This file and conditions.ts, actions.ts and combine.ts are the engine's pure core:
 * no I/O, unit-tested; the index, the API and the limits build on them.
 */
export const PROMOTION_POLICY = {
  /** Candidates the best combination is searched exactly over; beyond it, the best by value alone. */
  exactCandidatesMax: 20,
  /**
   * Promotions priced per cart by the search at most: with many stacking candidates the subsets
   * grow as 2^n, and a cart must never cost seconds (a request anyone can send). Past the budget
   * the search returns the best found.
   */
  searchNodesMax: 8_192,
  /** Of those, what a component past exactCandidatesMax may use (its answer is the best found anyway). */
  beyondExactNodesMax: 512,
  linesMax: 200,
} as const;

export interface CartLine {
  lineId: string;
  productId: string;
  sellerId: string;
  categoryId: string;
  brandId: string;
  /** Marketing campaigns the product is enrolled in. */
  campaignIds?: string[];
  unitPriceMinor: number;
  quantity: number;
}

export interface Cart {
  currency: string;
  lines: CartLine[];
  shippingMinor: number;
  memberId: string | null;
  memberGroups: string[];
  /** The member has no completed order yet. */
  firstOrder: boolean;
  memberJoinedAt: string | null;
  channel: 'web' | 'ios' | 'android';
  paymentMethod: string | null;
  region: string | null;
  city: string | null;
  couponCodes: string[];
  /** When the cart is priced (ISO 8601). */
  at: string;
}

/** Line conditions choose the promotion's target lines; cart conditions must hold for the cart. */
export type Condition =
  | { kind: 'sellers'; ids: string[] }
  | { kind: 'campaigns'; ids: string[] }
  | { kind: 'categories'; ids: string[] }
  | { kind: 'brands'; ids: string[] }
  | { kind: 'products'; ids: string[] }
  | { kind: 'min_cart_amount'; amountMinor: number }
  | { kind: 'min_quantity'; quantity: number }
  | { kind: 'member_groups'; groups: string[] }
  | { kind: 'first_order' }
  | { kind: 'new_member'; withinDays: number }
  | { kind: 'channel'; channels: Cart['channel'][] }
  | { kind: 'payment_method'; methods: string[] }
  | { kind: 'region'; regions?: string[]; cities?: string[] }
  | { kind: 'window'; from: string; to: string }
  | { kind: 'schedule'; timeZone: string; isoWeekdays: number[]; fromMinute: number; toMinute: number }
  | { kind: 'coupon_code'; code: string };

export const LINE_CONDITIONS = ['sellers', 'campaigns', 'categories', 'brands', 'products'] as const;

export type Action =
  | { kind: 'percent_off'; percent: number; capMinor?: number }
  | { kind: 'amount_off'; amountMinor: number }
  | { kind: 'fixed_unit_price'; unitPriceMinor: number }
  | { kind: 'buy_x_get_y'; buy: number; get: number; percentOff: number }
  | { kind: 'tiered_spend'; tiers: { minSpendMinor: number; offMinor: number }[] }
  | { kind: 'free_shipping' }
  | { kind: 'gift_item'; productId: string }
  | { kind: 'coin_cashback'; percent: number; capCoins?: number };

export interface Promotion {
  id: string;
  name: string;
  conditions: Condition[];
  action: Action;
  /** Higher first; applied in this order (then by id). */
  priority: number;
  /** At most one promotion of a group applies. */
  exclusivityGroup: string | null;
  /** A promotion that does not stack applies alone. */
  stackable: boolean;
  /** Whether a percent or price applies to the original line price or to what earlier promotions left. */
  base: 'original' | 'discounted';
}

/** Why a condition failed, and how close the cart came (for "add 42.50 more for 10% off"). */
export interface Failure {
  condition: Condition['kind'];
  message: string;
  /** How much more spend (minor units) or quantity would meet it. */
  missingMinor?: number;
  missingQuantity?: number;
}
