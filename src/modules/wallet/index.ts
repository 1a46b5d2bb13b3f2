import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { walletRoutes } from './routes.js';
import type { Wallet } from './service.js';

export type { WalletService, Account } from './service.js';
export { Wallet } from './service.js';
export { memberAccountId, type TransferRequest, type TransferResult } from './model.js';

/** The coin ledger: accounts, transfers, holds, reversals, entries. */
export const walletPlugin: FastifyPluginAsync<{ db: Db; wallet: Wallet }> = async (app, opts) => {
  await app.register(walletRoutes, opts);
};
export { dailyPayouts } from './store.js';
