import { Type } from 'typebox';
import { Strict, Timestamp, Uuid } from '../../platform/schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Ids = Type.Array(Id, { minItems: 1, maxItems: 1000, uniqueItems: true });
const Minor = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Percent = Type.Integer({ minimum: 1, maximum: 100 });

export const Condition = Type.Union([
  Strict({ kind: Type.Literal('sellers'), ids: Ids }),
  Strict({ kind: Type.Literal('campaigns'), ids: Ids }),
  Strict({ kind: Type.Literal('categories'), ids: Ids }),
  Strict({ kind: Type.Literal('brands'), ids: Ids }),
  Strict({ kind: Type.Literal('products'), ids: Ids }),
  Strict({ kind: Type.Literal('min_cart_amount'), amountMinor: Minor }),
  Strict({ kind: Type.Literal('min_quantity'), quantity: Type.Integer({ minimum: 1, maximum: 100_000 }) }),
  Strict({ kind: Type.Literal('member_groups'), groups: Ids }),
  Strict({ kind: Type.Literal('first_order') }),
  Strict({ kind: Type.Literal('new_member'), withinDays: Type.Integer({ minimum: 1, maximum: 3650 }) }),
  Strict({ kind: Type.Literal('channel'), channels: Type.Array(Type.Enum(['web', 'ios', 'android']), { minItems: 1, uniqueItems: true }) }),
  Strict({ kind: Type.Literal('payment_method'), methods: Ids }),
  Strict({ kind: Type.Literal('region'), regions: Type.Optional(Ids), cities: Type.Optional(Ids) }),
  Strict({ kind: Type.Literal('window'), from: Timestamp, to: Timestamp }),
  Strict({ kind: Type.Literal('schedule'), timeZone: Type.String({ minLength: 1, maxLength: 64 }), isoWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }), fromMinute: Type.Integer({ minimum: 0, maximum: 1440 }), toMinute: Type.Integer({ minimum: 0, maximum: 1440 }) }),
  Strict({ kind: Type.Literal('coupon_code'), code: Type.String({ pattern: '^[A-Za-z0-9-]{4,32}$' }) }),
]);

export const Action = Type.Union([
  Strict({ kind: Type.Literal('percent_off'), percent: Percent, capMinor: Type.Optional(Minor) }),
  Strict({ kind: Type.Literal('amount_off'), amountMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
  Strict({ kind: Type.Literal('fixed_unit_price'), unitPriceMinor: Minor }),
  Strict({ kind: Type.Literal('buy_x_get_y'), buy: Type.Integer({ minimum: 1, maximum: 100 }), get: Type.Integer({ minimum: 1, maximum: 100 }), percentOff: Percent }),
  Strict({ kind: Type.Literal('tiered_spend'), tiers: Type.Array(Strict({ minSpendMinor: Minor, offMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }), { minItems: 1, maxItems: 20 }) }),
  Strict({ kind: Type.Literal('free_shipping') }),
  Strict({ kind: Type.Literal('gift_item'), productId: Id }),
  Strict({ kind: Type.Literal('coin_cashback'), percent: Percent, capCoins: Type.Optional(Minor) }),
]);

export const CreatePromotionBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  conditions: Type.Array(Condition, { maxItems: 30 }),
  action: Action,
  priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000, default: 0 })),
  exclusivityGroup: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  stackable: Type.Optional(Type.Boolean({ default: true })),
  base: Type.Optional(Type.Enum(['original', 'discounted'])),
  usesLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  usesPerMember: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  budgetMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});

export const PatchPromotionBody = Strict({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
  active: Type.Optional(Type.Boolean()),
});

export const PromotionSchema = Type.Object({
  id: Uuid, name: Type.String(), conditions: Type.Array(Type.Unknown()), action: Type.Unknown(), priority: Type.Integer(),
  exclusivityGroup: Type.Union([Type.String(), Type.Null()]), stackable: Type.Boolean(), base: Type.String(),
  active: Type.Boolean(), ownerSellerId: Type.Union([Uuid, Type.Null()]),
  usesLimit: Type.Union([Type.Integer(), Type.Null()]), usesPerMember: Type.Union([Type.Integer(), Type.Null()]), budgetMinor: Type.Union([Type.Integer(), Type.Null()]),
  uses: Type.Integer(), spentMinor: Type.Integer(), createdAt: Timestamp, updatedAt: Timestamp,
});

const CartLineBody = Strict({
  lineId: Type.Optional(Id), productId: Id, sellerId: Id, categoryId: Id, brandId: Id,
  campaignIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  unitPriceMinor: Minor, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
});

export const EvaluateBody = Strict({
  currency: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}$' }),
  lines: Type.Array(CartLineBody, { minItems: 1, maxItems: 200 }),
  shippingMinor: Type.Optional(Minor),
  channel: Type.Optional(Type.Enum(['web', 'ios', 'android'])),
  paymentMethod: Type.Optional(Id),
  region: Type.Optional(Id),
  city: Type.Optional(Id),
  couponCodes: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
  memberId: Type.Optional({ ...Uuid, description: 'For a service key (a checkout): price the cart for this member (its groups, join date). A member key prices its own cart and may only name itself.' }),
  explain: Type.Optional(Type.Boolean({ description: 'Also return why each other candidate did not apply (notApplied) and which applied but lost (outranked). Off by default: a cart page prices on every change and rarely needs them.' })),
});

// Every field typed: the OpenAPI document's answer, and the bytes answer-json.ts writes by hand
// (its test holds it to this schema's generated serializer).
const AppliedSchema = Type.Object({
  promotionId: Uuid,
  discountMinor: Type.Integer({ description: 'Taken off the lines' }),
  shippingOffMinor: Type.Integer(),
  cashbackCoins: Type.Integer({ description: 'Paid through the wallet when the order completes' }),
  giftProductId: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(Type.Object({ lineId: Type.String(), discountMinor: Type.Integer() }), { description: 'What it took from each line' }),
});

const Missing = {
  missingMinor: Type.Optional(Type.Integer({ description: 'How much more spend would meet it' })),
  missingQuantity: Type.Optional(Type.Integer({ description: 'How many more of the promoted items would meet it' })),
};

export const EvaluationSchema = Type.Object({
  currency: Type.String(),
  subtotalMinor: Type.Integer(),
  totalDiscountMinor: Type.Integer(),
  shippingMinor: Type.Integer(),
  totalMinor: Type.Integer(),
  applied: Type.Array(AppliedSchema),
  lines: Type.Array(Type.Object({ lineId: Type.String(), originalMinor: Type.Integer(), discountMinor: Type.Integer(), finalMinor: Type.Integer() })),
  nearMisses: Type.Array(Type.Object({ promotionId: Uuid, ...Missing }), { description: 'Promotions that failed only on spend or quantity: "add 42.50 more for 10% off"' }),
  notApplied: Type.Optional(Type.Array(Type.Object({
    promotionId: Uuid,
    failures: Type.Array(Type.Object({ condition: Type.String(), message: Type.String(), ...Missing })),
  }))),
  outranked: Type.Optional(Type.Array(Uuid)),
});

export const RedeemBody = Strict({
  id: Uuid,
  promotionId: Uuid,
  orderId: Type.String({ minLength: 1, maxLength: 200 }),
  memberId: Type.Optional(Uuid),
  discountMinor: Minor,
});

export const RedemptionSchema = Type.Object({
  id: Uuid, promotionId: Uuid, orderId: Type.String(), memberId: Type.Union([Uuid, Type.Null()]), discountMinor: Type.Integer(),
  status: Type.Enum(['redeemed', 'reversed']), createdAt: Timestamp, reversedAt: Type.Union([Timestamp, Type.Null()]),
});
