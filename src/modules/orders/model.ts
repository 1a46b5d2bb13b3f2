import type { CartEvaluation } from './promotions.js';

/** Orders: states, who may move an order from which state, and the order as the API shows it. */
export const ORDER_STATES = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_POLICY = {
  quantityMax: 1_000,
  /** Lines in one cart checkout (one seller's listings). */
  linesMax: 50,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  ratingCommentMax: 2_000,
  /** A card order whose payment has not succeeded by then is cancelled and its stock given back. */
  pendingPaymentTtlMs: 30 * 60_000,
  pendingSweepIntervalMs: 60_000,
  /** Unpaid orders one sweep cancels at most (the next sweep takes the rest). */
  pendingSweepBatchMax: 100,
} as const;

/**
 * (pending_payment ->) paid -> shipped -> delivered -> completed, or cancelled (before shipping) or
 * refunded (after). A card order waits in pending_payment for its provider's webhook. Completion
 * pays the seller (a wallet hold is posted); cancelling gives the stock and the money back; a
 * refund voids the hold or reverses the payment (a card's: through the provider). Admins may do any.
 */
export const ORDER_ACTIONS = {
  ship: { from: ['paid'], to: 'shipped', by: 'seller' },
  deliver: { from: ['shipped'], to: 'delivered', by: 'seller' },
  complete: { from: ['shipped', 'delivered'], to: 'completed', by: 'buyer' },
  cancel: { from: ['pending_payment', 'paid'], to: 'cancelled', by: 'either' },
  refund: { from: ['shipped', 'delivered', 'completed'], to: 'refunded', by: 'seller' },
} as const satisfies Record<string, { from: readonly OrderState[]; to: OrderState; by: 'buyer' | 'seller' | 'either' }>;
export type OrderAction = keyof typeof ORDER_ACTIONS;

export interface Order {
  id: string;
  buyerId: string;
  sellerId: string;
  /** The two parties' display names (an order's parties see each other's). */
  buyerName: string;
  sellerName: string;
  /** The buyer's rating of the seller for this order, once given. */
  rating: { stars: number; comment: string } | null;
  /** What was bought: one line per listing (buy-now and auctions: one). */
  lines: OrderLine[];
  /** The lines' unit price x quantity, summed. */
  subtotalMinor: number;
  /** Taken off by promotions; and the coins they pay back when the order completes. */
  discountMinor: number;
  cashbackCoins: number;
  /** The coupon redeemed with the order, and its part of discountMinor. */
  coupon: { id: string; discountMinor: number } | null;
  totalMinor: number;
  currency: string;
  payment: { method: 'wallet' | 'card'; holdTransferId: string | null; providerPaymentId: string | null };
  state: OrderState;
  /** `by` null: Trove itself (a provider's webhook, the unpaid-order job). */
  history: { from: OrderState | null; to: OrderState; by: string | null; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderLine {
  listingId: string;
  title: string;
  quantity: number;
  /** The listing's stored price a unit, the surge multiplier the buyer was shown, and what it paid a unit. */
  listPriceMinor: number;
  surgeBp: number;
  unitPriceMinor: number;
}

/** What a checkout would cost now (nothing taken): `POST /v1/orders/quote`. */
export interface Quote {
  sellerId: string;
  currency: string;
  lines: OrderLine[];
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  cashbackCoins: number;
  coupon: { id: string; discountMinor: number } | null;
  /** The promotion engine's answer for this cart, with names: what applies, why the others do not, and how close they are. */
  promotions: { [K in 'applied' | 'notApplied' | 'nearMisses']: (CartEvaluation[K][number] & { name: string })[] };
}

/** Who acts: an order exists only for its buyer, its seller and admins. */
export interface Actor {
  memberId: string;
  admin: boolean;
}
