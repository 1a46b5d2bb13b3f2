import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { WalletService } from '../wallet/index.js';
import { couponLifecycleRoutes } from './lifecycle-routes.js';
import { couponRoutes } from './routes.js';
import type { Coupons } from './service.js';
import { couponStatsRoutes } from './stats-routes.js';
import { wheelRoutes } from './wheel-routes.js';
import type { Wheels } from './wheel.js';

export type { CouponsService, IssueRequest } from './service.js';
export { Coupons } from './service.js';
export { Wheels } from './wheel.js';
export type { Campaign, Coupon } from './model.js';
export { couponDiscount } from './model.js';

/** Coupon campaigns, codes, issued coupons and the prize wheel. */
export const couponsPlugin: FastifyPluginAsync<{ db: Db; coupons: Coupons; wheels: Wheels; wallet: WalletService }> = async (app, opts) => {
  await app.register(couponRoutes, opts);
  await app.register(couponLifecycleRoutes, opts);
  await app.register(wheelRoutes, opts);
  await app.register(couponStatsRoutes, opts);
};
export { dailyCoupons } from './daily.js';
