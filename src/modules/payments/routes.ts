import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { ErrorResponses, Strict } from '../../platform/schemas.js';
import type { SandboxProvider } from './provider.js';
import type { CardOrders, Payments } from './service.js';
import type { WebhookVerifier } from './webhook.js';

const tags = ['payments'];
const Received = Type.Object({ received: Type.Literal(true), duplicate: Type.Boolean(), result: Type.String() });

export const paymentRoutes: FastifyPluginAsyncTypebox<{ db: Db; payments: Payments; orders: CardOrders; verifier: WebhookVerifier; sandbox: SandboxProvider | null }> = async (app, { db, payments, orders, verifier, sandbox }) => {
  // The signature is over the exact bytes sent: this route keeps the body raw (in this scope only).
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post('/v1/payments/webhooks/stripe', {
      config: { access: { public: true } },
      schema: {
        tags, summary: 'The payment provider\'s webhook (Stripe format): verified by its Stripe-Signature, applied once per event id', security: [],
        response: { 200: Received, ...ErrorResponses },
      },
    }, async (request) => {
      if (!verifier.enabled) throw new AppError('WEBHOOKS_NOT_CONFIGURED');
      const signature = request.headers['stripe-signature'];
      const event = verifier.verify(request.body as Buffer, typeof signature === 'string' ? signature : undefined);
      return { received: true as const, ...(await payments.receive(event)) };
    });
  });

  if (!sandbox) return;
  app.post('/v1/payments/sandbox/:paymentId/:outcome', {
    config: { access: { roles: ['buyer'] } },
    schema: {
      tags, summary: 'Sandbox provider only: settle your card order\'s payment as a card form would (succeeded or canceled); the provider\'s event is applied as its webhook would be',
      params: Strict({ paymentId: Type.String({ pattern: '^pi_sandbox_[0-9a-f]{32}$' }), outcome: Type.Enum(['succeeded', 'canceled'] as const) }),
      response: { 200: Received, ...ErrorResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const { paymentId, outcome } = request.params;
    // Only the order's buyer (or an admin) may pay it; anyone else finds no such payment.
    const orderId = await sandbox.orderOf(paymentId);
    const order = orderId && p.kind === 'member' ? await orders.find(db, orderId, { memberId: p.memberId, admin: p.roles.includes('admin') }) : null;
    if (!order || (p.kind === 'member' && order.buyerId !== p.memberId && !p.roles.includes('admin'))) throw new AppError('NOT_FOUND', 'No such payment of yours.');
    const event = await sandbox.simulate(paymentId, outcome);
    if (!event) throw new AppError('CONFLICT', 'The payment is settled already.');
    return { received: true as const, ...(await payments.receive(event)) };
  });
};
