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
  VALIDATION_FAILED: 'Some of the information is not valid. Check the form and try again.',
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
  NETWORK: 'Trove could not be reached. Check your connection and try again.',
};

export function humanMessage(code: string, serverMessage?: string, details?: unknown): string {
  const known = MESSAGES[code];
  if (typeof known === 'function') return known((details ?? {}) as Record<string, unknown>);
  return known ?? serverMessage ?? 'Something went wrong. Please try again.';
}
