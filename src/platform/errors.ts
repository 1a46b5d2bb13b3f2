/**
 * The one catalog of error codes. Codes are stable API: clients switch on them, so never rename
 * one. docs/errors.md documents each (a test keeps the two in step).
 */
export const ERROR_CATALOG = {
  // Platform
  VALIDATION_FAILED: { status: 400, message: 'The request does not match the schema.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  BAD_REQUEST: { status: 400, message: 'The request cannot be processed.' },
  UNAUTHENTICATED: { status: 401, message: 'A valid API key (Authorization: Bearer <key>) or a signed-in session is required.' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'The email or the password is wrong.' },
  AUTH_CURRENT_PASSWORD_WRONG: { status: 422, message: 'The current password is wrong.' },
  AUTH_TOO_MANY_ATTEMPTS: { status: 429, message: 'Too many failed sign-ins for this email; wait and try again.' },
  CSRF_TOKEN_INVALID: { status: 403, message: 'A signed-in write needs the X-CSRF-Token header the sign-in gave.' },
  FORBIDDEN: { status: 403, message: 'The caller may not do this.' },
  MEMBER_NOT_VERIFIED: { status: 403, message: 'The member is not verified yet; only its own profile is reachable.' },
  NOT_FOUND: { status: 404, message: 'No such resource.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'The method is not allowed here.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, message: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.' },
  IDEMPOTENCY_KEY_NEEDS_AUTH: { status: 400, message: 'Idempotency-Key is honoured only on authenticated requests.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was used with a different request.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be application/json.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable; retry later.' },
  INTERNAL: { status: 500, message: 'An unexpected error occurred.' },
  // Members and access
  MEMBER_EMAIL_TAKEN: { status: 409, message: 'A member with this email already exists.' },
  MEMBER_ROLE_NOT_ALLOWED: { status: 403, message: 'This role cannot be given by this caller.' },
  INVALID_TIME_ZONE: { status: 400, message: 'The time zone is not a known IANA time zone.' },
  VERIFICATION_TRANSITION_INVALID: { status: 409, message: 'The verification state cannot change this way.' },
  API_KEY_SCOPE_INVALID: { status: 400, message: 'Unknown or not grantable API key scope.' },
  // Wallet: accounts
  ACCOUNT_EXISTS_WITH_DIFFERENT_FIELDS: { status: 409, message: 'An account with this id exists with other fields.' },
  ASSET_NOT_FOUND: { status: 422, message: 'No such asset.' },
  ACCOUNT_OWNER_NOT_FOUND: { status: 422, message: 'The account\'s owner is not a member.' },
  // Wallet: transfers (the ledger's refusals; TigerBeetle's result names, upper-cased)
  TRANSFER_EXISTS_WITH_DIFFERENT_KIND: { status: 409, message: 'A transfer with this id exists with another kind.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_AMOUNT: { status: 409, message: 'A transfer with this id exists with another amount.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_ACCOUNTS: { status: 409, message: 'A transfer with this id exists with other accounts.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_TARGET: { status: 409, message: 'A transfer with this id exists for another pending or reversed transfer.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_ASSET: { status: 409, message: 'A transfer with this id exists in another asset.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_TIMEOUT: { status: 409, message: 'A hold with this id exists with another timeout.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_REFERENCE: { status: 409, message: 'A transfer with this id exists with another reference.' },
  TRANSFER_EXISTS_WITH_DIFFERENT_METADATA: { status: 409, message: 'A transfer with this id exists with other metadata.' },
  TRANSFER_SAME_ACCOUNT: { status: 422, message: 'The debit and credit accounts are the same.' },
  TRANSFER_DEBIT_ACCOUNT_NOT_FOUND: { status: 422, message: 'The debit account does not exist.' },
  TRANSFER_CREDIT_ACCOUNT_NOT_FOUND: { status: 422, message: 'The credit account does not exist.' },
  TRANSFER_ASSET_MISMATCH: { status: 422, message: 'The accounts (or the given asset) are not all of one asset.' },
  TRANSFER_EXCEEDS_CREDITS: { status: 422, message: 'The debit account would spend more than it has (insufficient funds).' },
  TRANSFER_EXCEEDS_DEBITS: { status: 422, message: 'The credit account would receive more than its debits allow.' },
  TRANSFER_PENDING_NOT_FOUND: { status: 422, message: 'The pending transfer to post or void does not exist.' },
  TRANSFER_NOT_PENDING: { status: 422, message: 'The referenced transfer is not a pending transfer.' },
  TRANSFER_PENDING_EXPIRED: { status: 409, message: 'The hold expired before it was posted or voided.' },
  TRANSFER_PENDING_ALREADY_POSTED: { status: 409, message: 'The hold was already posted.' },
  TRANSFER_PENDING_ALREADY_VOIDED: { status: 409, message: 'The hold was already voided.' },
  TRANSFER_PENDING_ALREADY_EXPIRED: { status: 409, message: 'The hold already expired.' },
  TRANSFER_ACCOUNTS_MISMATCH: { status: 422, message: 'The accounts given differ from those of the referenced transfer.' },
  TRANSFER_EXCEEDS_PENDING_AMOUNT: { status: 422, message: 'The amount to post is larger than the hold.' },
  TRANSFER_VOID_AMOUNT_MISMATCH: { status: 422, message: 'A void releases the whole hold; give no amount or the hold\'s amount.' },
  TRANSFER_TO_REVERSE_NOT_FOUND: { status: 422, message: 'The transfer to reverse does not exist.' },
  TRANSFER_NOT_REVERSIBLE: { status: 422, message: 'Only posted transfers (and posted holds) can be reversed.' },
  TRANSFER_EXCEEDS_REVERSIBLE_AMOUNT: { status: 422, message: 'The reversal is larger than what is left to reverse.' },
  TRANSFER_BALANCE_LIMIT_REACHED: { status: 422, message: 'An account\'s running sums would pass 2^53 - 1, the largest integer a JSON number carries exactly.' },
  TRANSFER_BATCH_ITEM_FAILED: { status: 422, message: 'Another transfer in this atomic batch was refused, so this one was not applied.' },
  TRANSFER_METADATA_TOO_LARGE: { status: 400, message: 'Transfer metadata is larger than 4,096 bytes of JSON.' },
  // Coupons
  COUPON_CAMPAIGN_NOT_FOUND: { status: 404, message: 'No such coupon campaign.' },
  COUPON_CAMPAIGN_NOT_STARTED: { status: 409, message: 'The campaign has not started yet.' },
  COUPON_CAMPAIGN_ENDED: { status: 409, message: 'The campaign has ended.' },
  COUPON_SOLD_OUT: { status: 409, message: 'The campaign has issued all the coupons its limit allows.' },
  COUPON_MEMBER_LIMIT_REACHED: { status: 409, message: 'The member already holds as many coupons of this campaign as it may.' },
  COUPON_EXISTS_WITH_DIFFERENT_FIELDS: { status: 409, message: 'A coupon with this id was issued for another campaign, member or source.' },
  COUPON_CODE_TAKEN: { status: 409, message: 'This shared code belongs to another campaign.' },
  COUPON_CAMPAIGN_HAS_SHARED_CODE: { status: 409, message: 'The campaign uses one shared code; it has no generated codes.' },
  COUPON_CODES_EXCEED_LIMIT: { status: 422, message: 'A campaign cannot have more codes than its limit.' },
  COUPON_NOT_FOUND: { status: 404, message: 'No such coupon.' },
  COUPON_NOT_YOURS: { status: 404, message: 'The coupon belongs to another member.' },
  COUPON_EXPIRED: { status: 409, message: 'The coupon\'s campaign has ended.' },
  COUPON_NOT_YET_VALID: { status: 409, message: 'The coupon\'s campaign has not started.' },
  COUPON_RESERVED: { status: 409, message: 'The coupon is reserved for another cart.' },
  COUPON_ALREADY_REDEEMED: { status: 409, message: 'The coupon was redeemed with another order.' },
  COUPON_NOT_REDEEMED_BY_ORDER: { status: 409, message: 'The coupon is not redeemed by this order, so there is nothing to give back.' },
  WHEEL_NOT_FOUND: { status: 404, message: 'No such wheel.' },
  WHEEL_NOT_ACTIVE: { status: 409, message: 'The wheel is outside its validity window.' },
  WHEEL_DAILY_LIMIT_REACHED: { status: 409, message: 'The member has used today\'s spins (the day in the member\'s time zone).' },
  WHEEL_EXHAUSTED: { status: 409, message: 'Every prize on the wheel is gone.' },
  WHEEL_SLICE_INVALID: { status: 422, message: 'A slice names a campaign or account that does not exist, or does not fit its kind.' },
  SPIN_EXISTS_WITH_DIFFERENT_FIELDS: { status: 409, message: 'A spin with this id was made on another wheel or by another member.' },
  // Promotions
  PROMOTION_NOT_FOUND: { status: 404, message: 'No such promotion.' },
  PROMOTION_INACTIVE: { status: 409, message: 'The promotion is deactivated.' },
  PROMOTION_LIMIT_REACHED: { status: 409, message: 'The promotion has been used as many times as it may.' },
  PROMOTION_MEMBER_LIMIT_REACHED: { status: 409, message: 'The member has used the promotion as many times as it may.' },
  PROMOTION_BUDGET_EXHAUSTED: { status: 409, message: 'The promotion\'s budget cannot cover this discount.' },
  PROMOTION_REDEMPTION_NOT_FOUND: { status: 404, message: 'No such redemption.' },
  PROMOTION_REDEMPTION_EXISTS_WITH_DIFFERENT_FIELDS: { status: 409, message: 'A redemption with this id was made for another promotion, order, member or amount.' },
  // Marketplace
  LISTING_NOT_FOUND: { status: 404, message: 'No such listing (or not one you may see).' },
  LISTING_STATE_CONFLICT: { status: 409, message: 'The listing cannot move to that state from its current one (draft -> active -> sold | withdrawn).' },
  LISTING_AUDIENCE_INVALID: { status: 422, message: 'A restricted audience names a buyer list that is not yours or a member that does not exist.' },
  BUYER_LIST_NOT_FOUND: { status: 404, message: 'No such buyer list.' },
  SELLER_NOT_FOUND: { status: 404, message: 'No such seller (or not one you may see).' },
  ORDER_NOT_FOUND: { status: 404, message: 'No such order (or not one of yours).' },
  ORDER_OUT_OF_STOCK: { status: 409, message: 'The listing has fewer left than the quantity asked for.' },
  ORDER_OWN_LISTING: { status: 422, message: 'A seller cannot buy its own listing.' },
  ORDER_CART_MIXED: { status: 422, message: 'One order holds one seller\'s listings in one currency.' },
  ORDER_PRICE_CHANGED: { status: 409, message: 'The unit price is no longer the one expected (surge pricing or a new price).' },
  ORDER_TOTAL_TOO_LARGE: { status: 422, message: 'The order total is above 2^53 - 1 minor units.' },
  ORDER_PAYMENT_REFUSED: { status: 422, message: 'Your wallet cannot pay this order (insufficient funds, or no wallet in this currency).' },
  ORDER_ACTION_FORBIDDEN: { status: 403, message: 'That step of an order is not yours to take.' },
  ORDER_STATE_CONFLICT: { status: 409, message: 'The order cannot take that step from its current state.' },
  ORDER_REFUND_REFUSED: { status: 422, message: 'The seller\'s wallet cannot return the payment (it has spent it).' },
  ORDER_ALREADY_RATED: { status: 409, message: 'This order has been rated already.' },
  ORDER_PROMOTIONS_CHANGED: { status: 409, message: 'A promotion the price included can no longer be redeemed (its limit or budget ran out); price the cart again.' },
  ORDER_COUPON_NOT_APPLICABLE: { status: 422, message: 'The coupon does not apply to this purchase (another currency, seller or category, or below its minimum).' },
  PAYMENT_METHOD_UNAVAILABLE: { status: 422, message: 'That payment method is not available here.' },
  AUCTION_NOT_FOUND: { status: 404, message: 'No such auction (or not one you may see).' },
  WEBHOOK_SIGNATURE_INVALID: { status: 400, message: 'The webhook\'s Stripe-Signature does not verify.' },
  WEBHOOKS_NOT_CONFIGURED: { status: 404, message: 'No webhook secret is configured (STRIPE_WEBHOOK_SECRETS).' },
  NOTIFICATIONS_NOT_CONFIGURED: { status: 409, message: 'Webhook notifications need TROVE_SECRET_KEY, which signs them.' },
  ENDPOINT_LIMIT_REACHED: { status: 409, message: 'You have as many webhook endpoints as a member may.' },
  ENDPOINT_NOT_FOUND: { status: 404, message: 'No such webhook endpoint of yours.' },
  DELIVERY_NOT_FOUND: { status: 404, message: 'No such dead delivery of yours.' },
  AUCTION_ALREADY_OPEN: { status: 409, message: 'The listing has an open auction already.' },
  AUCTION_CLOSED: { status: 409, message: 'The auction has ended.' },
  AUCTION_OWN_LISTING: { status: 422, message: 'A seller cannot bid on or buy its own auction.' },
  AUCTION_BID_TOO_LOW: { status: 409, message: 'The bid is below the least you may bid now.' },
  AUCTION_BID_NOT_COVERED: { status: 422, message: 'Your wallet cannot hold your maximum bid.' },
  AUCTION_BUY_NOW_UNAVAILABLE: { status: 409, message: 'The auction has no buy-now price, or the bidding has reached it.' },
  BUYER_LIST_NAME_TAKEN: { status: 409, message: 'You already have a buyer list with this name.' },
  // Rewards
  REWARD_GAME_NOT_FOUND: { status: 404, message: 'No such game.' },
  REWARD_GAME_INVALID: { status: 422, message: 'The game definition is not consistent (duplicate keys, a target that does not fit its kind, a reward without a source).' },
  REWARD_BUDGET_BELOW_SPENT: { status: 409, message: 'A game\'s budget cannot go below what it has already paid, nor its end before its start.' },
  REWARD_FUNDING_ACCOUNT_INVALID: { status: 422, message: 'The funding account must be an existing COIN system account that cannot overdraw (a budget).' },
  REWARD_EVENT_MEMBER_NOT_FOUND: { status: 422, message: 'The event names no approved member.' },
  REWARD_EVENT_TOO_OLD: { status: 422, message: 'The event happened longer ago than events may be late (REWARDS_LATENESS_MS, 72 h by default).' },
  REWARD_EVENT_IN_FUTURE: { status: 422, message: 'The event is dated in the future (beyond 5 minutes of clock skew).' },
  REWARD_EVENT_ATTRIBUTES_TOO_LARGE: { status: 422, message: 'The event\'s attributes are larger than 4,096 bytes of JSON.' },
  REWARD_EVENT_DUPLICATE_IN_BATCH: { status: 409, message: 'Another event in the same request has this source and id.' },
  REWARD_EVENT_EXISTS_WITH_DIFFERENT_FIELDS: { status: 409, message: 'An event with this source and id was accepted with other fields.' },
  REWARD_COMPLETION_NOT_FOUND: { status: 404, message: 'No such completion.' },
  REWARD_COMPLETION_NOT_RETRYABLE: { status: 409, message: 'Only a completion waiting for verification can be verified again.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** An error a client caused or can act on. Anything else thrown is a bug and becomes INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CATALOG[code].message);
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Expected business outcomes are values, not exceptions: services return these, routes map them. */
export type Result<T, C extends ErrorCode = ErrorCode> = { ok: true; value: T } | { ok: false; code: C; message?: string; details?: unknown };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <C extends ErrorCode>(code: C, message?: string, details?: unknown) =>
  ({ ok: false, code, message, details }) as const;

/** Turns a failed Result into the AppError a route throws. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.code, result.message, result.details);
}
