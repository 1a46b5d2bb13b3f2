/**
 * The service's error codes (docs/errors.md) as sentences for people. A code not listed here shows
 * the service's own message, which is written for people too.
 */
export const MESSAGES: Record<string, string | ((details: Record<string, unknown>) => string)> = {
  UNAUTHENTICATED: 'Please sign in.',
  AUTH_INVALID_CREDENTIALS: 'That email and password do not match an account.',
  AUTH_TOO_MANY_ATTEMPTS: 'Too many failed sign-ins. Wait a few minutes and try again.',
  CSRF_TOKEN_INVALID: 'Your session has expired. Please sign in again.',
  MEMBER_NOT_VERIFIED: 'Your account is waiting for verification by the Trove team.',
  MEMBER_EMAIL_TAKEN: 'An account with this email already exists. Sign in instead.',
  FORBIDDEN: 'You are not allowed to do this.',
  LISTING_NOT_FOUND: 'This listing is not available.',
  ORDER_OUT_OF_STOCK: (d) => `Not enough in stock${typeof d.available === 'number' ? `: only ${d.available} left` : ''}.`,
  ORDER_PRICE_CHANGED: 'The price changed since you looked. Check the new price and try again.',
  ORDER_PROMOTIONS_CHANGED: 'A promotion in your cart just ran out. Review the cart and try again.',
  ORDER_PAYMENT_REFUSED: 'Your wallet does not have enough coins for this order.',
  ORDER_CART_MIXED: 'A cart can only hold one seller\'s items in one currency. Check out each seller separately.',
  ORDER_OWN_LISTING: 'You cannot buy your own listing.',
  ORDER_COUPON_NOT_APPLICABLE: 'This coupon does not apply to these items.',
  PAYMENT_METHOD_UNAVAILABLE: 'Card payments are not available here. Pay with coins instead.',
  COUPON_ALREADY_REDEEMED: 'This coupon has already been used.',
  COUPON_EXPIRED: 'This coupon has expired.',
  COUPON_NOT_YOURS: 'This coupon belongs to someone else.',
  AUCTION_BID_TOO_LOW: 'Your bid is below the minimum. Raise it and try again.',
  AUCTION_CLOSED: 'This auction has ended.',
  WHEEL_DAILY_LIMIT_REACHED: 'You have used today\'s spins. Come back tomorrow.',
  AUCTION_BID_NOT_COVERED: 'Your wallet cannot cover that maximum bid.',
  WHEEL_EXHAUSTED: 'Every prize on this wheel has been won.',
  AUCTION_NOT_FOUND: 'This auction does not exist, or it is not open to you.',
  AUCTION_OWN_LISTING: 'You cannot bid on or buy your own auction.',
  AUCTION_BUY_NOW_UNAVAILABLE: 'Buy now is no longer available: the bidding has reached its price, or the auction has ended.',
  WHEEL_NOT_FOUND: 'This prize wheel does not exist.',
  WHEEL_NOT_ACTIVE: 'This prize wheel is not open right now.',
  LISTING_STATE_CONFLICT: 'This listing cannot change to that state: a draft can be published or withdrawn, an active listing withdrawn, and a sold or withdrawn listing stays as it is.',
  LISTING_AUDIENCE_INVALID: 'That audience names a buyer list that is not yours or a buyer that does not exist.',
  BUYER_LIST_NOT_FOUND: 'This buyer list no longer exists.',
  BUYER_LIST_NAME_TAKEN: 'You already have a buyer list with this name.',
  AUCTION_ALREADY_OPEN: 'This listing already has an open auction.',
  ORDER_STATE_CONFLICT: 'This order cannot take that step in its current state. Reload to see where it is.',
  ORDER_ACTION_FORBIDDEN: 'That step of this order is not yours to take.',
  ORDER_REFUND_REFUSED: 'Your wallet no longer holds this payment, so it cannot be refunded.',
  ORDER_ALREADY_RATED: 'You have rated this order already.',
  ORDER_NOT_FOUND: 'This order does not exist, or it is not one of yours.',
  ORDER_TOTAL_TOO_LARGE: 'This order is too large to pay in one go. Buy fewer items.',
  COUPON_NOT_FOUND: 'This coupon does not exist.',
  COUPON_RESERVED: 'This coupon is set aside for another cart right now. Try again in a few minutes or pick another.',
  COUPON_NOT_YET_VALID: 'This coupon cannot be used yet.',
  SELLER_NOT_FOUND: 'This seller is not available.',
  VERIFICATION_TRANSITION_INVALID: 'This decision is not possible from the member\'s current state (someone may have decided meanwhile). Reload and try again.',
  COUPON_CODE_TAKEN: 'Another campaign already uses this shared code. Choose another code.',
  COUPON_CODES_EXCEED_LIMIT: 'That many codes would pass the campaign\'s total limit. Generate fewer.',
  COUPON_CAMPAIGN_HAS_SHARED_CODE: 'This campaign uses one shared code, so it has no codes to generate.',
  REWARD_COMPLETION_NOT_RETRYABLE: 'This completion is no longer waiting for verification.',
  NETWORK: 'Trove could not be reached. Check your connection and try again.',
};

export function humanMessage(code: string, serverMessage?: string, details?: unknown): string {
  const known = MESSAGES[code];
  if (typeof known === 'function') return known((details ?? {}) as Record<string, unknown>);
  return known ?? serverMessage ?? 'Something went wrong. Please try again.';
}
