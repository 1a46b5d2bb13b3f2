import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isAdmin, mayManage, principalOf, type Principal } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { Type } from 'typebox';
import { IDEMPOTENCY_POLICY } from '../../platform/idempotency.js';
import { ErrorResponses, IdParams, PageQuery, Strict } from '../../platform/schemas.js';
import type { MembersService } from '../members/index.js';
import type { Cart, Condition } from './model.js';
import { evaluationJson } from './answer-json.js';
import * as S from './schemas.js';
import { Promotions } from './service.js';
import type { PromotionRecord } from './store.js';

const tags = ['promotions'];

function view(r: PromotionRecord) {
  const { limits, promotion, ...rest } = r;
  return { ...promotion, ...rest, ...limits };
}

/** Admins and service keys see every promotion, a seller its own; another's does not exist for it. */
function visible(p: Principal, r: PromotionRecord | null): PromotionRecord {
  if (r && mayManage(p, r.ownerSellerId)) return r;
  throw new AppError('NOT_FOUND', 'No such promotion.');
}

function notFoundMember(): never {
  throw new AppError('NOT_FOUND', 'No such member.');
}

/**
 * Line ids name lines in the answer, so they must be unique (a missing one is its index); and the
 * cart's total must stay an exact integer in a JSON number.
 */
function checkLines(lines: readonly { lineId?: string; unitPriceMinor: number; quantity: number }[]): void {
  const ids = lines.map((l, i) => l.lineId ?? String(i));
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION_FAILED', 'Line ids must be unique (a line without one is named by its index).', [{ field: 'body.lines', message: 'duplicate lineId' }]);
  const total = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  if (!Number.isSafeInteger(total)) throw new AppError('VALIDATION_FAILED', 'The cart\'s total is larger than 2^53 - 1 minor units.', [{ field: 'body.lines', message: 'total too large' }]);
}

export const promotionRoutes: FastifyPluginAsyncTypebox<{ db: Db; promotions: Promotions; members: MembersService }> = async (app, { db, promotions, members }) => {
  /** Whose cart it is: a member's own; for a service key (a checkout), the member it names, if any. */
  // A member prices its own cart; an admin or a service key may price any member's (a cart tester).
  const memberOf = async (p: Principal, named: string | undefined) => {
    const mayName = p.kind === 'service' || isAdmin(p);
    if (!mayName && named !== undefined && named.toLowerCase() !== p.memberId) throw new AppError('FORBIDDEN', 'A member prices its own cart.');
    const id = mayName ? named : p.memberId;
    if (id === undefined) return null;
    return (await members.findMember(db, id)) ?? notFoundMember();
  };

  app.post('/v1/promotions', {
    config: { access: { roles: ['admin', 'seller'], scope: 'promotions:write' } },
    schema: {
      tags, summary: 'Create a promotion (admins; sellers for their own items only)',
      description: 'A seller\'s promotion always carries a sellers condition naming only that seller, whatever the body says.',
      body: S.CreatePromotionBody, response: { 201: S.PromotionSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    const b = request.body;
    const seller = !isAdmin(p) && p.kind === 'member' ? p.memberId : null;
    const record = unwrap(await promotions.createPromotion(db, {
      name: b.name, conditions: b.conditions as Condition[], action: b.action, priority: b.priority ?? 0, exclusivityGroup: b.exclusivityGroup ?? null,
      stackable: b.stackable ?? true, base: b.base ?? 'original',
      limits: { usesLimit: b.usesLimit ?? null, usesPerMember: b.usesPerMember ?? null, budgetMinor: b.budgetMinor ?? null },
    }, seller, p.kind === 'member' ? p.memberId : null));
    return reply.code(201).send(view(record));
  });

  app.get('/v1/promotions', {
    config: { access: { roles: ['admin', 'seller'], scope: 'promotions:read' } },
    schema: {
      tags, summary: 'Promotions with their uses, newest first: admins every one, sellers their own',
      querystring: Strict(PageQuery), response: { 200: Type.Object({ items: Type.Array(S.PromotionSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const page = await promotions.listPromotions(db, { ownerSellerId: p.kind === 'service' || isAdmin(p) ? null : p.memberId, limit: request.query.limit ?? 50, cursor: request.query.cursor });
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  });

  app.get('/v1/promotions/:id', {
    config: { access: { roles: ['admin', 'seller'], scope: 'promotions:read' } },
    schema: { tags, summary: 'A promotion with its uses', params: IdParams, response: { 200: S.PromotionSchema, ...ErrorResponses } },
  }, async (request) => view(visible(principalOf(request), await promotions.findPromotion(db, request.params.id))));

  app.patch('/v1/promotions/:id', {
    config: { access: { roles: ['admin', 'seller'], scope: 'promotions:write' } },
    schema: { tags, summary: 'Rename, deactivate or reactivate a promotion', params: IdParams, body: S.PatchPromotionBody, response: { 200: S.PromotionSchema, ...ErrorResponses } },
  }, async (request) => {
    visible(principalOf(request), await promotions.findPromotion(db, request.params.id));
    return view((await promotions.updatePromotion(db, request.params.id, request.body))!);
  });

  app.post('/v1/promotion-redemptions', {
    config: { access: { roles: ['admin'], scope: 'promotions:write' } },
    schema: {
      tags, summary: 'Redeem a promotion for an order: one use, the discount from its budget, one of the member\'s uses (the orders engine; admins)',
      description: 'The id is the idempotency key: a retry answers 200 with the same redemption.',
      body: S.RedeemBody, response: { 201: S.RedemptionSchema, 200: S.RedemptionSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const b = request.body;
    const { redemption, created } = unwrap(await db.transaction().execute((tx) => promotions.redeem(tx, {
      id: b.id.toLowerCase(), promotionId: b.promotionId.toLowerCase(), orderId: b.orderId, memberId: b.memberId?.toLowerCase() ?? null, discountMinor: b.discountMinor,
    })));
    if (!created) void reply.header(IDEMPOTENCY_POLICY.replayHeader, 'true');
    return reply.code(created ? 201 : 200).send(redemption);
  });

  app.post('/v1/promotion-redemptions/:id/reversal', {
    config: { access: { roles: ['admin'], scope: 'promotions:write' } },
    schema: { tags, summary: 'Give a redemption back (a cancelled or refunded order); repeating it changes nothing', params: IdParams, response: { 200: S.RedemptionSchema, ...ErrorResponses } },
  }, async (request) => unwrap(await db.transaction().execute((tx) => promotions.reverse(tx, request.params.id.toLowerCase()))));

  app.get('/v1/promotions/shadow', {
    config: { access: { roles: ['admin'], scope: 'promotions:read' } },
    schema: {
      tags, summary: 'Shadow mode: carts priced both through the index and by a full scan, and how many differed',
      response: { 200: Type.Object({ enabled: Type.Boolean(), carts: Type.Integer(), differences: Type.Integer() }), ...ErrorResponses },
    },
  }, async () => ({ enabled: promotions.shadowEnabled, ...promotions.shadow }));

  app.post('/v1/carts/evaluate', {
    config: { access: { scope: 'promotions:read' } },
    schema: {
      tags, summary: 'Price a cart: the best combination of promotions, per-line adjustments, totals, and why the others did not apply',
      description: 'A member prices its own cart (its groups, join date and first order count); a service key prices an anonymous one.',
      body: S.EvaluateBody, response: { 200: S.EvaluationSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    const b = request.body;
    checkLines(b.lines);
    const member = await memberOf(p, b.memberId);
    const cart: Cart = {
      currency: b.currency, shippingMinor: b.shippingMinor ?? 0,
      lines: b.lines.map((l, i) => ({ ...l, lineId: l.lineId ?? String(i) })),
      memberId: member?.id ?? null, memberGroups: member?.groups ?? [],
      // Order history is the orders engine's: here a member counts as a first-time buyer; a buyer's
      // `POST /v1/orders/quote` prices its real cart with its real history.
      firstOrder: member !== null, memberJoinedAt: member?.createdAt ?? null,
      channel: b.channel ?? 'web', paymentMethod: b.paymentMethod ?? null, region: b.region ?? null, city: b.city ?? null,
      couponCodes: b.couponCodes ?? [], at: new Date().toISOString(),
    };
    const e = promotions.evaluate(cart, { explain: b.explain ?? false });
    const priced = { currency: cart.currency, ...Promotions.totals(cart, e), totalDiscountMinor: e.totalDiscountMinor, applied: e.applied, lines: e.lines, nearMisses: e.nearMisses };
    // Written by hand (answer-json.ts): the schema's serializer's bytes, faster. A custom serializer sets no content type.
    void reply.type('application/json; charset=utf-8').serializer(evaluationJson);
    return b.explain ? { ...priced, notApplied: e.notApplied, outranked: e.outranked } : priced;
  });
};
