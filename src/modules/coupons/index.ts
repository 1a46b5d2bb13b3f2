import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { couponRoutes } from './routes.js';
import type { Coupons } from './service.js';

export type { CouponsService, IssueRequest } from './service.js';
export { Coupons } from './service.js';
export type { Campaign, Coupon } from './model.js';

/** Coupon campaigns, codes and issued coupons. (The prize wheel and reservations come next.) */
export const couponsPlugin: FastifyPluginAsync<{ db: Db; coupons: Coupons }> = async (app, opts) => {
  await app.register(couponRoutes, opts);
};
