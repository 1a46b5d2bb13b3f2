import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, principalOf, type Principal } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { ErrorResponses, IdParams, Strict, Uuid } from '../../platform/schemas.js';
import { LIFECYCLE_POLICY } from './lifecycle.js';
import * as S from './schemas.js';
import type { Coupons } from './service.js';

const tags = ['coupons'];
const Ref = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9:_.-]+$' });

/** A member acts on its own coupons; the orders engine (a service key) or an admin names the member. */
function actingMember(p: Principal, memberId: string | undefined): string {
  if (p.kind === 'member' && !isAdmin(p)) return p.memberId;
  if (!memberId) throw new AppError('VALIDATION_FAILED', 'body.memberId is required for a service key or an admin', [{ field: 'body.memberId', message: 'is required' }]);
  return memberId;
}

export const couponLifecycleRoutes: FastifyPluginAsyncTypebox<{ db: Db; coupons: Coupons }> = async (app, { db, coupons }) => {
  app.post('/v1/coupons/:id/reservation', {
    config: { access: { scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Reserve a coupon for a cart (it lapses after ttlSeconds)', params: IdParams,
      body: Strict({ cartId: Ref, ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: LIFECYCLE_POLICY.reservationTtlMaxSeconds, default: 900 })), memberId: Type.Optional(Uuid) }),
      response: { 200: S.Coupon, ...ErrorResponses },
    },
  }, async (request) => {
    const member = actingMember(principalOf(request), request.body.memberId);
    return unwrap(await coupons.reserve(db, request.params.id, member, request.body.cartId, request.body.ttlSeconds ?? 900));
  });

  app.delete('/v1/coupons/:id/reservation', {
    config: { access: { scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Release a cart\'s reservation', params: IdParams,
      querystring: Strict({ cartId: Ref, memberId: Type.Optional(Uuid) }), response: { 200: S.Coupon, ...ErrorResponses },
    },
  }, async (request) => {
    const member = actingMember(principalOf(request), request.query.memberId);
    return unwrap(await coupons.release(db, request.params.id, member, request.query.cartId));
  });

  app.post('/v1/coupons/:id/redemption', {
    config: { access: { scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Redeem a coupon with an order (from the cart that reserved it, if any)', params: IdParams,
      body: Strict({ orderId: Ref, cartId: Type.Optional(Ref), memberId: Type.Optional(Uuid) }), response: { 200: S.Coupon, ...ErrorResponses },
    },
  }, async (request) => {
    const member = actingMember(principalOf(request), request.body.memberId);
    return unwrap(await coupons.redeem(db, request.params.id, member, request.body.orderId, request.body.cartId ?? null));
  });

  app.post('/v1/coupons/:id/return', {
    config: { access: { roles: ['admin'], scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Give a coupon back after its order was cancelled or refunded (orders engine or admin)', params: IdParams,
      body: Strict({ orderId: Ref }), response: { 200: S.Coupon, ...ErrorResponses },
    },
  }, async (request) => unwrap(await coupons.giveBack(db, request.params.id, request.body.orderId)));
};
