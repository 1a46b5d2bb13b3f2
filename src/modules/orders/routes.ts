import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actingMember, type Principal, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { decodeCursor, encodeCursor, ErrorResponses, IdParams, isPgTimestamp, UUID_PATTERN } from '../../platform/schemas.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { ORDER_POLICY, type Actor } from './model.js';
import * as S from './schemas.js';
import type { Orders } from './service.js';

const tags = ['orders'];

/** Orders are between members: a service key has no identity to buy or sell as. */
const actorOf = (p: Principal): Actor => actingMember(p, 'Orders are for members.');

export const orderRoutes: FastifyPluginAsyncTypebox<{ db: Db; orders: Orders; marketplace: MarketplaceService }> = async (app, { db, orders, marketplace }) => {
  app.post('/v1/orders', {
    config: { access: { roles: ['buyer'] } },
    schema: {
      tags, summary: 'Buy a listing now: from your wallet in its currency (held until you complete the order), or by card (the order waits for the payment). Idempotency-Key supported.',
      body: S.BuyNowBody, response: { 201: S.OrderSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const buyer = actorOf(principalOf(request));
    const body = request.body;
    const order = await idempotent(db, request, reply, async (tx) => ({
      status: 201, body: unwrap(await orders.buyNow(tx, buyer.memberId, { ...body, quantity: body.quantity ?? 1, payment: body.payment ?? 'wallet' })),
    }));
    if (reply.statusCode !== 201) return order;
    marketplace.recordDemand(body.listingId, 'orders');
    // A card order's payment is made after the order commits (never a provider call inside a transaction).
    if (order.payment.method !== 'card' || order.payment.providerPaymentId) return order;
    const payment = await orders.startCardPayment(order);
    return { ...order, payment: { ...order.payment, ...payment } };
  });

  app.get('/v1/orders/:id', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: { tags, summary: 'An order you bought or sold (else 404)', params: IdParams, response: { 200: S.OrderSchema, ...ErrorResponses } },
  }, async (request) => {
    const order = await orders.find(db, request.params.id, actorOf(principalOf(request)));
    if (!order) throw new AppError('ORDER_NOT_FOUND');
    return order;
  });

  app.get('/v1/orders', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'Your orders as buyer or seller, newest first', querystring: S.OrderListQuery,
      response: { 200: Type.Object({ items: Type.Array(S.OrderSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const q = request.query;
    const after = decodeCursor(q.cursor, { createdAt: isPgTimestamp, id: UUID_PATTERN });
    const { items, last } = await orders.list(db, actorOf(principalOf(request)).memberId, { as: q.as ?? 'buyer', state: q.state, after, limit: q.limit ?? ORDER_POLICY.pageSizeDefault });
    return { items, nextCursor: last ? encodeCursor(last) : null };
  });

  app.post('/v1/orders/:id/:action', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'Take a step: ship, deliver (seller); complete (buyer: pays the seller); cancel (either, before shipping); refund (seller, after). Idempotency-Key supported.',
      params: S.ActionParams, response: { 200: S.OrderSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const actor = actorOf(principalOf(request));
    const { id, action } = request.params;
    return idempotent(db, request, reply, async (tx) => ({ status: 200, body: unwrap(await orders.act(tx, id, actor, action)) }));
  });

  app.post('/v1/orders/:id/rating', {
    config: { access: { roles: ['buyer'] } },
    schema: { tags, summary: 'Rate the seller of your completed order, once (1-5 stars); feeds its rating and search ranking', params: IdParams, body: S.RatingBody, response: { 201: S.RatingSchema, ...ErrorResponses } },
  }, async (request, reply) => {
    const buyer = actorOf(principalOf(request));
    const { stars, comment } = request.body;
    return idempotent(db, request, reply, async (tx) => ({ status: 201, body: unwrap(await orders.rate(tx, request.params.id, buyer.memberId, stars, comment ?? '')) }));
  });
};
