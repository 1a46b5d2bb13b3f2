import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { SandboxProvider } from './provider.js';
import { paymentRoutes } from './routes.js';
import type { CardOrders, Payments } from './service.js';
import type { WebhookVerifier } from './webhook.js';

export { SandboxProvider, type PaymentProvider } from './provider.js';
export { Payments, type CardOrders } from './service.js';
export { WebhookVerifier } from './webhook.js';

/** Card payments: a provider interface with a built-in sandbox, and the provider's verified webhook. */
export const paymentsPlugin: FastifyPluginAsync<{ db: Db; payments: Payments; orders: CardOrders; verifier: WebhookVerifier; sandbox: SandboxProvider | null }> = async (app, opts) => {
  await app.register(paymentRoutes, opts);
};
