import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { ErrorResponses, Strict } from '../../platform/schemas.js';
import { ANALYTICS_POLICY, daily, daysBetween } from './service.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A UTC day, YYYY-MM-DD' });
const Amounts = Type.Array(Type.Object({ currency: Type.String(), amountMinor: Type.Integer() }));
const DaySchema = Type.Object({
  day: Day, gmv: Amounts, orders: Type.Integer(), cancelledOrders: Type.Integer(), bids: Type.Integer(), spins: Type.Integer(),
  coinsPaidOut: Type.Integer(), promotionDiscount: Amounts, cashbackCoins: Type.Integer(), couponsRedeemed: Type.Integer(),
  couponFixedDiscount: Amounts,
});

/** Daily figures for admins. */
export const analyticsPlugin: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/v1/analytics/daily', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['analytics'], summary: 'Per UTC day: GMV and orders (by currency), bids, spins, coins paid out, discounts given by promotions and coupons',
      querystring: Strict({ from: Day, to: Day }), response: { 200: Type.Object({ days: Type.Array(DaySchema) }), ...ErrorResponses },
    },
  }, async (request) => {
    const { from, to } = request.query;
    const days = daysBetween(from, to);
    const valid = !Number.isNaN(Date.parse(`${from}T00:00:00Z`)) && !Number.isNaN(Date.parse(`${to}T00:00:00Z`)) && days[0] === from && days.at(-1) === to;
    if (!valid || days.length > ANALYTICS_POLICY.daysMax) {
      throw new AppError('VALIDATION_FAILED', `from and to are real days, from not after to, at most ${ANALYTICS_POLICY.daysMax} days apart`, [{ field: 'querystring', message: 'is not a valid range' }]);
    }
    return { days: await daily(db, from, to) };
  });
};
