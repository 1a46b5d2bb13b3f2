import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { actingMember, type Principal, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { decodeCursor, encodeCursor, ErrorResponses, IdParams, isPgTimestamp, UUID_PATTERN } from '../../platform/schemas.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { ORDER_POLICY, type Actor } from './model.js';
import * as S from './schemas.js';
import type { Orders } from './service.js';
import type { CheckoutLine } from './checkout.js';

const tags = ['orders'];

/** Orders are between members: a service key has no identity to buy or sell as. */
const actorOf = (p: Principal): Actor => actingMember(p, 'Orders are for members.');

/** One listing (listingId, quantity, expectedUnitPriceMinor) or a cart (lines): one of the two. */
function linesOf(body: Static<typeof S.CheckoutBody>): CheckoutLine[] {
  const { listingId, quantity, expectedUnitPriceMinor, lines } = body;
  if (lines && (listingId !== undefined || quantity !== undefined || expectedUnitPriceMinor !== undefined)) {
    throw new AppError('VALIDATION_FAILED', 'Give either listingId (with quantity and expectedUnitPriceMinor) or lines, not both.');
  }
  if (lines) return lines.map((l) => ({ ...l, quantity: l.quantity ?? 1 }));
  if (listingId === undefined) throw new AppError('VALIDATION_FAILED', 'Give listingId or lines.');
  return [{ listingId, quantity: quantity ?? 1, expectedUnitPriceMinor }];
}

export const orderRoutes: FastifyPluginAsyncTypebox<{ db: Db; orders: Orders; marketplace: MarketplaceService }> = async (app, { db, orders, marketplace }) => {
  app.post('/v1/orders', {
    config: { access: { roles: ['buyer'] } },
    schema: {
      tags, summary: 'Check out: buy one listing now (listingId) or a cart of one seller\'s listings (lines), from your wallet in its currency (held until you complete the order) or by card (the order waits for the payment). Idempotency-Key supported.',
      body: S.CheckoutBody, response: { 201: S.OrderSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const buyer = actorOf(principalOf(request));
    const body = request.body;
    const checkout = { ...body, lines: linesOf(body), payment: body.payment ?? 'wallet' };
    const order = await idempotent(db, request, reply, async (tx) => ({ status: 201, body: unwrap(await orders.checkout(tx, buyer.memberId, checkout)) }));
    if (reply.statusCode !== 201) return order;
    for (const line of order.lines) marketplace.recordDemand(line.listingId, 'orders');
    // A card order's payment is made after the order commits (never a provider call inside a transaction).
    if (order.payment.method !== 'card' || order.payment.providerPaymentId) return order;
    const payment = await orders.startCardPayment(order);
    return { ...order, payment: { ...order.payment, ...payment } };
  });

  app.post('/v1/orders/quote', {
    config: { access: { roles: ['buyer'] } },
    schema: {
      tags, summary: 'What checking out would cost now, taking nothing: lines at today\'s prices, the promotions that apply, why others do not and how close they are, the coupon\'s value, the totals',
      description: 'The same body as `POST /v1/orders`, refused for the same reasons.',
      body: S.CheckoutBody, response: { 200: S.QuoteSchema, ...ErrorResponses },
    },
  }, async (request) => {
    const body = request.body;
    return unwrap(await orders.quote(db, actorOf(principalOf(request)).memberId, { ...body, lines: linesOf(body) }));
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
