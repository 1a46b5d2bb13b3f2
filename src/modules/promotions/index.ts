import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { MembersService } from '../members/index.js';
import { promotionRoutes } from './routes.js';
import type { Promotions } from './service.js';

export type { PromotionsService } from './service.js';
export { Promotions } from './service.js';

/** Promotions for carts: definitions, the in-memory index, cart evaluation. */
export const promotionsPlugin: FastifyPluginAsync<{ db: Db; promotions: Promotions; members: MembersService }> = async (app, opts) => {
  await app.register(promotionRoutes, opts);
};
