import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { auctionRoutes } from './routes.js';
import type { Auctions } from './service.js';

export { Auctions } from './service.js';

/** Auctions on marketplace listings: bids held in the wallet, one winner, closed exactly once. */
export const auctionsPlugin: FastifyPluginAsync<{ db: Db; auctions: Auctions; marketplace: MarketplaceService }> = async (app, opts) => {
  await app.register(auctionRoutes, opts);
};
export { dailyBids } from './store.js';
