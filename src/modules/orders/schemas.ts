import { Type } from 'typebox';
import { PageQuery, Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { ORDER_ACTIONS, ORDER_POLICY, ORDER_STATES } from './model.js';

// No defaults here: with listingId absent, a defaulted quantity would look given (quantity 1 is applied in the route).
const Quantity = Type.Optional(Type.Integer({ minimum: 1, maximum: ORDER_POLICY.quantityMax, description: '1 if not given' }));
const ExpectedUnitPrice = Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'The unit price shown to the buyer (with any surge); a different price now refuses the order' }));
const LineBody = Strict({ listingId: Uuid, quantity: Quantity, expectedUnitPriceMinor: ExpectedUnitPrice });

export const CheckoutBody = Strict({
  quantity: Quantity,
  expectedUnitPriceMinor: ExpectedUnitPrice,
  listingId: Type.Optional(Type.String({ ...Uuid, description: 'Buy one listing now (with quantity and expectedUnitPriceMinor); or give lines' })),
  lines: Type.Optional(Type.Array(LineBody, { minItems: 1, maxItems: ORDER_POLICY.linesMax, description: 'A cart: one seller\'s listings in one currency, each once' })),
  payment: Type.Optional(Type.Enum(['wallet', 'card'] as const, { default: 'wallet', description: 'wallet (the default): held in your wallet at once; card: the order waits for the payment provider (answer: payment.clientSecret)' })),
  couponId: Type.Optional(Type.String({ ...Uuid, description: 'A coupon you hold, redeemed with the order' })),
  couponCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 5, uniqueItems: true, description: 'For promotions that ask for a coupon code' })),
});

const LineSchema = Type.Object({
  listingId: Uuid, title: Type.String(), quantity: Type.Integer(),
  listPriceMinor: Type.Integer({ description: 'The listing\'s stored price a unit' }),
  surgeBp: Type.Integer({ description: 'The surge multiplier paid, in basis points (10000: none)' }),
  unitPriceMinor: Type.Integer(),
});

const Named = { promotionId: Uuid, name: Type.String() };
export const QuoteSchema = Type.Object({
  sellerId: Uuid, currency: Type.String(), lines: Type.Array(LineSchema),
  subtotalMinor: Type.Integer(), discountMinor: Type.Integer({ description: 'Promotions and coupon' }), totalMinor: Type.Integer(),
  cashbackCoins: Type.Integer({ description: 'Coins the promotions would pay back when the order completes' }),
  coupon: Type.Union([Type.Object({ id: Uuid, discountMinor: Type.Integer() }), Type.Null()]),
  promotions: Type.Object({
    applied: Type.Array(Type.Object({ ...Named, discountMinor: Type.Integer(), shippingOffMinor: Type.Integer(), cashbackCoins: Type.Integer(), giftProductId: Type.Union([Type.String(), Type.Null()]) })),
    notApplied: Type.Array(Type.Object({
      ...Named,
      failures: Type.Array(Type.Object({ condition: Type.String(), message: Type.String(), missingMinor: Type.Optional(Type.Integer()), missingQuantity: Type.Optional(Type.Integer()) })),
    }), { description: 'Candidates that did not apply, and which of their conditions failed' }),
    nearMisses: Type.Array(Type.Object({ ...Named, missingMinor: Type.Optional(Type.Integer()), missingQuantity: Type.Optional(Type.Integer()) }), {
      description: 'Promotions a little more spend or quantity would unlock: "add 42.50 more for 10% off"',
    }),
  }),
});

const State = Type.Enum(ORDER_STATES);

export const OrderSchema = Type.Object({
  id: Uuid, buyerId: Uuid, sellerId: Uuid, buyerName: Type.String(), sellerName: Type.String(),
  rating: Type.Union([Type.Object({ stars: Type.Integer(), comment: Type.String() }), Type.Null()], { description: 'The buyer\'s rating of the seller for this order, once given' }),
  lines: Type.Array(LineSchema, { description: 'What was bought: one line per listing' }),
  subtotalMinor: Type.Integer({ description: 'The lines\' unitPriceMinor x quantity, summed' }),
  discountMinor: Type.Integer({ description: 'Taken off by the promotions and the coupon the order redeemed' }),
  cashbackCoins: Type.Integer({ description: 'Coins the promotions pay the buyer when the order completes' }),
  coupon: Type.Union([Type.Object({ id: Uuid, discountMinor: Type.Integer() }), Type.Null()], { description: 'The coupon redeemed with the order, and its part of discountMinor' }),
  totalMinor: Type.Integer({ description: 'subtotalMinor - discountMinor' }), currency: Type.String(),
  payment: Type.Object({
    method: Type.Enum(['wallet', 'card'] as const), holdTransferId: Type.Union([Uuid, Type.Null()]), providerPaymentId: Type.Union([Type.String(), Type.Null()]),
    clientSecret: Type.Optional(Type.String({ description: 'A new card order only: what the buyer\'s client confirms the payment with' })),
  }),
  state: State,
  history: Type.Array(Type.Object({ from: Type.Union([State, Type.Null()]), to: State, by: Type.Union([Uuid, Type.Null()], { description: 'null: Trove itself (a payment webhook, the unpaid-order job)' }), at: Timestamp })),
  createdAt: Timestamp, updatedAt: Timestamp,
});

export const ActionParams = Strict({ id: Uuid, action: Type.Enum(Object.keys(ORDER_ACTIONS) as (keyof typeof ORDER_ACTIONS)[]) });

export const OrderListQuery = Strict({
  as: Type.Optional(Type.Enum(['buyer', 'seller'] as const, { default: 'buyer', description: 'Your orders as a buyer (the default) or as a seller' })),
  state: Type.Optional(State),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ORDER_POLICY.pageSizeMax, default: ORDER_POLICY.pageSizeDefault })),
  cursor: PageQuery.cursor,
});

export const RatingBody = Strict({
  stars: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: ORDER_POLICY.ratingCommentMax })),
});
export const RatingSchema = Type.Object({ orderId: Uuid, stars: Type.Integer(), comment: Type.String() });
