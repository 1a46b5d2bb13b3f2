import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, mayManage, principalOf, type Principal } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { IDEMPOTENCY_POLICY } from '../../platform/idempotency.js';
import { ErrorResponses, IdParams, PageQuery, Strict } from '../../platform/schemas.js';
import { normaliseCode } from './codes.js';
import type { Campaign } from './model.js';
import * as S from './schemas.js';
import type { Coupons } from './service.js';

const tags = ['coupons'];

function manageable(p: Principal, campaign: Campaign | null): Campaign {
  if (campaign && mayManage(p, campaign.ownerSellerId)) return campaign;
  throw new AppError('COUPON_CAMPAIGN_NOT_FOUND');
}

export const couponRoutes: FastifyPluginAsyncTypebox<{ db: Db; coupons: Coupons }> = async (app, { db, coupons }) => {
  app.post('/v1/coupon-campaigns', {
    config: { access: { roles: ['admin', 'seller'], scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Create a coupon campaign (admins; sellers for their own items)',
      description: 'A seller\'s campaign is targeted at that seller\'s items whatever `targeting.sellers` says.',
      body: S.CreateCampaignBody, response: { 201: S.Campaign, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    const b = request.body;
    const seller = !isAdmin(p) && p.kind === 'member' ? p.memberId : null;
    const value = b.value.kind === 'fixed' ? b.value : { ...b.value, capMinor: b.value.capMinor ?? null };
    const campaign = unwrap(await coupons.createCampaign(db, {
      name: b.name, value, currency: b.currency, limitTotal: b.limitTotal, perMemberLimit: b.perMemberLimit ?? 1,
      validFrom: b.validFrom, validTo: b.validTo, minCartMinor: b.minCartMinor ?? 0,
      targeting: seller ? { ...b.targeting, sellers: [seller] } : (b.targeting ?? {}),
      codeMode: b.codeMode, sharedCode: b.sharedCode === undefined ? null : normaliseCode(b.sharedCode), ownerSellerId: seller,
    }, p.kind === 'member' ? p.memberId : null));
    return reply.code(201).send(campaign);
  });

  app.get('/v1/coupon-campaigns', {
    config: { access: { roles: ['admin', 'seller'], scope: 'coupons:read' } },
    schema: {
      tags, summary: 'Campaigns with their live stock, newest first: admins every one, sellers their own',
      querystring: Strict(PageQuery), response: { 200: Type.Object({ items: Type.Array(S.Campaign), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const owner = p.kind === 'service' || isAdmin(p) ? null : p.memberId;
    return coupons.listCampaigns(db, { ownerSellerId: owner, limit: request.query.limit ?? 50, cursor: request.query.cursor });
  });

  app.get('/v1/coupon-campaigns/:id', {
    config: { access: { roles: ['admin', 'seller'], scope: 'coupons:read' } },
    schema: { tags, summary: 'A campaign with its live stock', params: IdParams, response: { 200: S.Campaign, ...ErrorResponses } },
  }, async (request) => manageable(principalOf(request), await coupons.findCampaign(db, request.params.id)));

  app.post('/v1/coupon-campaigns/:id/codes', {
    config: { access: { roles: ['admin', 'seller'], scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Generate unique codes for a campaign (up to 100,000 a request, never more than its limit)',
      params: IdParams, body: S.AddCodesBody, response: { 201: Type.Object({ added: Type.Integer(), total: Type.Integer() }), ...ErrorResponses },
    },
  }, async (request, reply) => {
    const campaign = manageable(principalOf(request), await coupons.findCampaign(db, request.params.id));
    return reply.code(201).send(unwrap(await coupons.addCodes(campaign, request.body.count)));
  });

  app.post('/v1/coupon-campaigns/:id/coupons', {
    config: { access: { roles: ['admin'], scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Issue a coupon of the campaign to a member (the id is the idempotency key)',
      params: IdParams, body: S.IssueBody, response: { 201: S.Coupon, 200: S.Coupon, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const { coupon, created } = unwrap(await db.transaction().execute((tx) =>
      coupons.issue(tx, { id: request.body.id, campaignId: request.params.id, memberId: request.body.memberId, source: 'admin' })));
    if (!created) void reply.header(IDEMPOTENCY_POLICY.replayHeader, 'true');
    return reply.code(created ? 201 : 200).send(coupon);
  });

  app.get('/v1/coupons', {
    config: { access: { scope: 'coupons:read' } },
    schema: { tags, summary: 'The calling member\'s coupons, newest first, each with what its campaign gives', response: { 200: Type.Object({ items: Type.Array(S.MemberCoupon) }), ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('NOT_FOUND', 'A service key holds no coupons.');
    return { items: await coupons.listMemberCoupons(p.memberId) };
  });
};
