import type { FastifyPluginAsync } from 'fastify';
import { marketplaceRoutes } from './routes.js';
import type { Marketplace } from './service.js';

export type { MarketplaceService, Nearby } from './service.js';
export { Marketplace } from './service.js';
export type { Listing, Viewer } from './model.js';
export type { Surge } from './surge.js';
export type { TakenStock } from './stock.js';

/** The private marketplace: listings visible only to the audience their seller chooses. */
export const marketplacePlugin: FastifyPluginAsync<{ marketplace: Marketplace }> = async (app, opts) => {
  await app.register(marketplaceRoutes, opts);
};
