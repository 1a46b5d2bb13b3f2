import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mayManage, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { ErrorResponses, IdParams, Uuid } from '../../platform/schemas.js';
import type { WalletService } from '../wallet/index.js';
import { campaignStats, wheelState } from './stats.js';

const Count = Type.Integer({ minimum: 0 });

const CampaignStatsSchema = Type.Object({
  campaignId: Uuid,
  ownerSellerId: Type.Union([Uuid, Type.Null()]),
  limitTotal: Count,
  issued: Type.Integer({ description: 'Coupons issued: settled on the campaign row, plus those used under live leases.' }),
  leased: Type.Integer({ description: 'Units leased to server processes and not handed out yet.' }),
  remaining: Type.Integer({ description: 'limitTotal - issued - leased: what can still be issued or leased.' }),
  unused: Type.Integer({ description: 'Coupons held and not in use: issued, or reserved with the reservation lapsed.' }),
  reserved: Type.Integer({ description: 'Coupons reserved for a cart; a lapsed reservation counts as none.' }),
  redeemed: Count,
  returned: Type.Integer({ description: 'Times a coupon was given back after its order was cancelled or refunded; one coupon may count more than once.' }),
  perMember: Type.Object({
    limit: Count,
    holders: Type.Integer({ description: 'Members who hold at least one coupon of the campaign.' }),
    atLimit: Type.Integer({ description: 'Members who hold as many as the per-member limit allows.' }),
  }),
});

const SliceLeftSchema = Type.Union([
  Type.Object({ kind: Type.Literal('coupon'), campaignId: Uuid, campaignActive: Type.Boolean(), remaining: Type.Integer(), leased: Type.Integer() }),
  Type.Object({
    kind: Type.Literal('coins'), accountId: Type.String(), coinAmount: Type.Integer(), available: Type.Integer(),
    prizes: Type.Integer({ description: 'Prizes the account can still pay: floor(available / coinAmount).' }),
  }),
  Type.Null(),
], { description: 'What the slice has left to give; null for a nothing slice.' });

const WheelStateSchema = Type.Object({
  wheelId: Uuid,
  active: Type.Boolean({ description: 'The wheel is within its validity window now.' }),
  totalSpins: Count,
  spinsByKind: Type.Object({ coupon: Count, coins: Count, nothing: Count }),
  slices: Type.Array(Type.Object({
    position: Type.Integer(), kind: Type.Enum(['coupon', 'coins', 'nothing']), label: Type.String(),
    hits: Type.Integer({ description: 'Spins that landed on this slice.' }), left: SliceLeftSchema,
  })),
  exhausted: Type.Boolean({ description: 'No prize slice has anything left (true too for a wheel without prize slices).' }),
});

export const couponStatsRoutes: FastifyPluginAsyncTypebox<{ db: Db; wallet: WalletService }> = async (app, { db, wallet }) => {
  app.get('/v1/coupon-campaigns/:id/stats', {
    config: { access: { roles: ['admin', 'seller'], scope: 'coupons:read' } },
    schema: {
      tags: ['coupons'], summary: 'A campaign\'s numbers: stock, coupons by state, returns, members (admins; a seller its own)',
      params: IdParams, response: { 200: CampaignStatsSchema, ...ErrorResponses },
    },
  }, async (request) => {
    const stats = await campaignStats(db, request.params.id);
    // Another seller's campaign is answered as if it did not exist.
    if (!stats || !mayManage(principalOf(request), stats.ownerSellerId)) throw new AppError('COUPON_CAMPAIGN_NOT_FOUND');
    return stats;
  });

  app.get('/v1/wheels/:id/state', {
    config: { access: { roles: ['admin'], scope: 'coupons:read' } },
    schema: {
      tags: ['prize wheel'], summary: 'A wheel\'s live state: spins, hits and what each slice has left (admins)',
      params: IdParams, response: { 200: WheelStateSchema, ...ErrorResponses },
    },
  }, async (request) => (await wheelState(db, wallet, request.params.id)) ?? Promise.reject(new AppError('WHEEL_NOT_FOUND')));
};
