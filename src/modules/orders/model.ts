/** Orders: states, who may move an order from which state, and the order as the API shows it. */
export const ORDER_STATES = ['paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_POLICY = {
  quantityMax: 1_000,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  ratingCommentMax: 2_000,
} as const;

/**
 * paid -> shipped -> delivered -> completed, or cancelled (before shipping) or refunded (after).
 * Completion pays the seller (the hold is posted); cancelling gives the stock and the hold back;
 * a refund voids the hold or, once completed, reverses the payment. Admins may do any of these.
 */
export const ORDER_ACTIONS = {
  ship: { from: ['paid'], to: 'shipped', by: 'seller' },
  deliver: { from: ['shipped'], to: 'delivered', by: 'seller' },
  complete: { from: ['shipped', 'delivered'], to: 'completed', by: 'buyer' },
  cancel: { from: ['paid'], to: 'cancelled', by: 'either' },
  refund: { from: ['shipped', 'delivered', 'completed'], to: 'refunded', by: 'seller' },
} as const satisfies Record<string, { from: readonly OrderState[]; to: OrderState; by: 'buyer' | 'seller' | 'either' }>;
export type OrderAction = keyof typeof ORDER_ACTIONS;

export interface Order {
  id: string;
  buyerId: string;
  sellerId: string;
  listingId: string;
  title: string;
  quantity: number;
  listPriceMinor: number;
  surgeBp: number;
  unitPriceMinor: number;
  totalMinor: number;
  currency: string;
  payment: { method: 'wallet'; holdTransferId: string | null };
  state: OrderState;
  history: { from: OrderState | null; to: OrderState; by: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Who acts: an order exists only for its buyer, its seller and admins. */
export interface Actor {
  memberId: string;
  admin: boolean;
}
