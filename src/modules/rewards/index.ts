import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { MembersService } from '../members/index.js';
import { rewardRoutes } from './routes.js';
import type { Rewards } from './service.js';

export type { RewardsService } from './service.js';
export { Rewards } from './service.js';
export { createHotStore, type RewardsHotStore } from './hot-store.js';

/** Games, milestones and checkpoints fed by events; exactly-once rewards. */
export const rewardsPlugin: FastifyPluginAsync<{ db: Db; rewards: Rewards; members: MembersService }> = async (app, opts) => {
  await app.register(rewardRoutes, opts);
};
