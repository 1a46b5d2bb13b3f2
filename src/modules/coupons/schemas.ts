import { Type } from 'typebox';
import { Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { COUPON_POLICY } from './model.js';

const Minor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Ids = Type.Array(Uuid, { maxItems: 1000, uniqueItems: true });

export const CreateCampaignBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  value: Type.Union([
    Strict({ kind: Type.Literal('fixed'), amountMinor: Minor }),
    Strict({ kind: Type.Literal('percent'), percent: Type.Integer({ minimum: 1, maximum: 100 }), capMinor: Type.Optional(Minor) }),
  ]),
  currency: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}$' }),
  limitTotal: Type.Integer({ minimum: 1, maximum: COUPON_POLICY.limitTotalMax }),
  perMemberLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
  validFrom: Timestamp,
  validTo: Timestamp,
  minCartMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  targeting: Type.Optional(Strict({ sellers: Type.Optional(Ids), categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 1000, uniqueItems: true })) })),
  codeMode: Type.Enum(['shared', 'unique']),
  sharedCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{4,32}$', description: 'The one code everybody uses (codeMode shared); case-insensitive.' })),
});

export const Campaign = Type.Object({
  id: Uuid,
  name: Type.String(),
  value: Type.Union([
    Type.Object({ kind: Type.Literal('fixed'), amountMinor: Type.Integer() }),
    Type.Object({ kind: Type.Literal('percent'), percent: Type.Integer(), capMinor: Type.Union([Type.Integer(), Type.Null()]) }),
  ]),
  currency: Type.String(),
  limitTotal: Type.Integer(),
  perMemberLimit: Type.Integer(),
  issued: Type.Integer(),
  leased: Type.Integer(),
  remaining: Type.Integer(),
  validFrom: Timestamp,
  validTo: Timestamp,
  minCartMinor: Type.Integer(),
  targeting: Type.Object({ sellers: Type.Optional(Type.Array(Type.String())), categories: Type.Optional(Type.Array(Type.String())) }),
  codeMode: Type.Enum(['shared', 'unique']),
  sharedCode: Type.Union([Type.String(), Type.Null()]),
  ownerSellerId: Type.Union([Uuid, Type.Null()]),
  createdAt: Timestamp,
});

export const Coupon = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  memberId: Uuid,
  code: Type.String(),
  state: Type.Enum(['issued', 'reserved', 'redeemed']),
  source: Type.Enum(['admin', 'spin', 'reward', 'import']),
  cartId: Type.Union([Type.String(), Type.Null()]),
  reservedUntil: Type.Union([Timestamp, Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
  issuedAt: Timestamp,
});

export const AddCodesBody = Strict({ count: Type.Integer({ minimum: 1, maximum: COUPON_POLICY.codesPerRequestMax }) });
export const IssueBody = Strict({ id: Type.String({ ...Uuid, description: 'Client-chosen coupon id: the idempotency key of this issue.' }), memberId: Uuid });

/** A member's own coupon, with what its campaign gives. */
export const MemberCoupon = Type.Object({
  ...Coupon.properties,
  campaign: Type.Object({ name: Type.String(), value: Campaign.properties.value, currency: Type.String(), minCartMinor: Type.Integer(), validTo: Timestamp }),
});
