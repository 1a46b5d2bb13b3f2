import { Type } from 'typebox';
import { PageQuery, Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { ORDER_ACTIONS, ORDER_POLICY, ORDER_STATES } from './model.js';

export const BuyNowBody = Strict({
  listingId: Uuid,
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: ORDER_POLICY.quantityMax, default: 1 })),
  payment: Type.Optional(Type.Enum(['wallet', 'card'] as const, { default: 'wallet', description: 'wallet (the default): held in your wallet at once; card: the order waits for the payment provider (answer: payment.clientSecret)' })),
  couponId: Type.Optional(Type.String({ format: 'uuid', description: 'A coupon you hold, redeemed with the order' })),
  couponCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 5, uniqueItems: true, description: 'For promotions that ask for a coupon code' })),
  expectedUnitPriceMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'The unit price shown to the buyer (with any surge); a different price now refuses the order' })),
});

const State = Type.Enum(ORDER_STATES);

export const OrderSchema = Type.Object({
  id: Uuid, buyerId: Uuid, sellerId: Uuid, listingId: Uuid, title: Type.String(), quantity: Type.Integer(),
  listPriceMinor: Type.Integer({ description: 'The listing\'s stored price a unit' }),
  surgeBp: Type.Integer({ description: 'The surge multiplier paid, in basis points (10000: none)' }),
  unitPriceMinor: Type.Integer(),
  discountMinor: Type.Integer({ description: 'Taken off by the promotions and the coupon the order redeemed' }),
  cashbackCoins: Type.Integer({ description: 'Coins the promotions pay the buyer when the order completes' }),
  coupon: Type.Union([Type.Object({ id: Uuid, discountMinor: Type.Integer() }), Type.Null()], { description: 'The coupon redeemed with the order, and its part of discountMinor' }),
  totalMinor: Type.Integer({ description: 'unitPriceMinor x quantity - discountMinor' }), currency: Type.String(),
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
