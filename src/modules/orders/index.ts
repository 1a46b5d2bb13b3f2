import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { orderRoutes } from './routes.js';
import type { Orders } from './service.js';

export { Orders } from './service.js';
/** What other modules (auctions) may ask of orders, in their own transaction. */
export type OrdersService = Pick<Orders, 'createPaid'>;
export type { Order, OrderState } from './model.js';

/** Orders: buy-now from the marketplace, paid by a wallet hold, shipped, completed, cancelled or refunded; ratings. */
export const ordersPlugin: FastifyPluginAsync<{ db: Db; orders: Orders; marketplace: MarketplaceService }> = async (app, opts) => {
  await app.register(orderRoutes, opts);
};
export { dailyOrders } from './store.js';
