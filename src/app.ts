import crypto from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import { authPlugin } from './platform/auth.js';
import { serveWebApp } from './platform/web.js';
import { LEASE_TTL_DEFAULT_MS, type Config } from './platform/config.js';
import type { Database, Executor } from './platform/db/database.js';
import { installErrorHandlers, installValidation } from './platform/http-errors.js';
import { metricsPlugin } from './platform/metrics.js';
import { ErrorResponse, UUID_PATTERN } from './platform/schemas.js';
import type { EventBus } from './platform/events/types.js';
import { createMembers, csrfTokenOf, membersPlugin, Sessions, SESSION_TOKEN_PATTERN, type Members } from './modules/members/index.js';
import { Coupons, couponsPlugin, Wheels } from './modules/coupons/index.js';
import { Wallet, walletPlugin } from './modules/wallet/index.js';
import { createHotStore, Rewards, rewardsPlugin, type RewardsHotStore } from './modules/rewards/index.js';
import { Marketplace, marketplacePlugin } from './modules/marketplace/index.js';
import { Orders, ordersPlugin } from './modules/orders/index.js';
import { Payments, paymentsPlugin, SandboxProvider, WebhookVerifier } from './modules/payments/index.js';
import { Auctions, auctionsPlugin } from './modules/auctions/index.js';
import { NatsSink, Notifications, notificationsPlugin, SmtpSink } from './modules/notifications/index.js';
import { analyticsPlugin } from './modules/analytics/index.js';
import type { NotifyPolicy } from './modules/notifications/service.js';
import { Promotions, promotionsPlugin } from './modules/promotions/index.js';

export const ALL_MODULES = ['members', 'wallet', 'coupons', 'rewards', 'promotions', 'marketplace', 'orders', 'payments', 'auctions', 'notifications', 'analytics'] as const;

export interface AppDeps {
  config: Pick<Config, 'bodyLimitBytes' | 'modules'> & Partial<Pick<Config, 'authCacheTtlMs' | 'couponLeaseTtlMs' | 'redisUrl' | 'rewardsLatenessMs' | 'promotionsShadow' | 'marketplaceNearbyIndex' | 'auctionBidBatchMax' | 'stripeWebhookSecrets' | 'stripeWebhookToleranceS' | 'secretKey' | 'natsUrl' | 'paymentsSandbox' | 'notifyAllowPrivateUrls' | 'smtpUrl' | 'smtpFrom' | 'sessionCookieSecure'>> & { notifyPolicy?: Partial<NotifyPolicy> };
  /** Where the rewards engine keeps its hot keys; by default Redis when redisUrl is set, else in process. */
  rewardsHotStore?: RewardsHotStore;
  database: Database;
  bus: EventBus;
  logger: Logger | false;
}

export interface App {
  http: FastifyInstance;
  /** False while shutting down, so /readyz tells the load balancer to stop sending traffic. */
  setReady(ready: boolean): void;
  services: { members: Members; wallet: Wallet; coupons: Coupons; wheels: Wheels; rewards: Rewards; promotions: Promotions; marketplace: Marketplace; orders: Orders; payments: Payments; auctions: Auctions; notifications: Notifications };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { database } = deps;
  const http = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: deps.config.bodyLimitBytes,
    // A caller's own request id is kept (for tracing across services) when it looks like one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    // A request already received when SIGTERM arrives is served, not answered 503: draining means
    // finishing what was sent. New connections are refused once the listener closes.
    return503OnClosing: false,
  }) as FastifyInstance;

  let ready = true;
  http.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // While draining, a keep-alive connection closes after its response: close() waits for every
    // connection, and a client would otherwise hold a busy one open past the shutdown grace.
    if (!ready) void reply.header('connection', 'close');
  });
  installValidation(http);
  installErrorHandlers(http);
  http.addSchema(ErrorResponse);
  await http.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Trove', version: '0.1.0', description: 'Engagement-commerce engine. Authenticate with `Authorization: Bearer <api key>`.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  // The docs UI is public, like the document it shows.
  http.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config as object), access: { public: true } };
  });
  await http.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: false } });
  http.get('/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => http.swagger());

  await http.register(metricsPlugin, { pool: database.pool });
  const members = createMembers(database, deps.config.authCacheTtlMs ?? 0);
  const sessions = new Sessions(database.pool);
  await http.register(cookie);
  await http.register(authPlugin, { resolveKey: (hash) => members.resolveKey(hash), sessions: { resolve: (hash) => sessions.resolve(hash), csrfTokenOf, tokenPattern: SESSION_TOKEN_PATTERN } });

  http.get('/healthz', { config: { access: { public: true } }, schema: { tags: ['ops'], summary: 'Liveness', security: [] } }, async () => ({ status: 'ok' }));
  http.get('/readyz', { config: { access: { public: true } }, schema: { tags: ['ops'], summary: 'Readiness: the database answers and the process is not draining', security: [] } }, async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: 'draining' });
    try {
      await database.pool.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });

  const memberExists = async (ex: Executor, id: string) => UUID_PATTERN.test(id) && (await members.findMember(ex, id)) !== null;
  const wallet = new Wallet(database, deps.logger || null, memberExists);
  wallet.subscribe(deps.bus);
  const enabled = new Set(deps.config.modules ?? ALL_MODULES);
  if (enabled.has('members')) await http.register(membersPlugin, { db: database.db, members, sessions, cookieSecure: deps.config.sessionCookieSecure ?? true });
  if (enabled.has('wallet')) await http.register(walletPlugin, { db: database.db, wallet });
  const coupons = new Coupons(database.db);
  const wheels = new Wheels(database.db, wallet, { leaseTtlMs: deps.config.couponLeaseTtlMs ?? LEASE_TTL_DEFAULT_MS, log: deps.logger || null });
  if (enabled.has('coupons')) await http.register(couponsPlugin, { db: database.db, coupons, wheels, wallet });
  const log = deps.logger || null;
  const rewards = new Rewards(database.db, { members, wallet, coupons, log, latenessMs: deps.config.rewardsLatenessMs, hot: deps.rewardsHotStore ?? createHotStore(deps.config.redisUrl, log) });
  if (enabled.has('rewards')) await http.register(rewardsPlugin, { db: database.db, rewards, members });
  const promotions = new Promotions(database.db, log, deps.config.promotionsShadow ?? false);
  if (enabled.has('promotions')) {
    // The index's one full build; the server then follows the change feed (promotions.start()).
    await promotions.catchUp();
    await http.register(promotionsPlugin, { db: database.db, promotions, members });
  }
  const marketplace = new Marketplace(database.db, { nearbyIndex: deps.config.marketplaceNearbyIndex ?? true, log, pool: database.pool });
  // A seller's approval is part of who sees its listings: the cached sellers (in every process,
  // also when this one mounts no marketplace routes) hear of a decision before its answer.
  members.onMemberChanged((id) => marketplace.memberChanged(id));
  http.countMetric('trove_marketplace_cache_reads_total', 'Hot marketplace reads answered from the caches, or from PostgreSQL because the change watch was not fresh.', 'answer',
    () => ({ cache: marketplace.view.stats.cached, postgres: marketplace.view.stats.distrusted }));
  if (enabled.has('marketplace')) {
    // The nearby index's one full build; the server then follows the change feed (marketplace.start()).
    await marketplace.catchUp();
    await http.register(marketplacePlugin, { marketplace });
  }
  // Card payments: only the sandbox exists yet, and only where it is asked for (it lets buyers mark payments paid).
  const sandbox = deps.config.paymentsSandbox ? new SandboxProvider(database.db) : null;
  const memberFacts = async (ex: Executor, id: string) => {
    const m = await members.findMember(ex, id);
    return { groups: m?.groups ?? [], joinedAt: m?.createdAt ?? null };
  };
  const orders = new Orders(database.db, { wallet, marketplace, provider: sandbox, promotions, memberFacts, coupons, log });
  if (enabled.has('orders')) await http.register(ordersPlugin, { db: database.db, orders, marketplace });
  const payments = new Payments(database.db, orders);
  const verifier = new WebhookVerifier(deps.config.stripeWebhookSecrets ?? [], deps.config.stripeWebhookToleranceS ?? 300);
  if (enabled.has('payments')) await http.register(paymentsPlugin, { db: database.db, payments, orders, verifier, sandbox });
  const auctions = new Auctions(database.db, { wallet, marketplace, orders, log, batchMax: deps.config.auctionBidBatchMax });
  if (enabled.has('auctions')) await http.register(auctionsPlugin, { db: database.db, auctions, marketplace });
  const sink = deps.config.natsUrl ? new NatsSink(deps.config.natsUrl) : null;
  const notifications = new Notifications(database.db, {
    secretKey: deps.config.secretKey ?? null, log, policy: deps.config.notifyPolicy, sink, allowPrivateUrls: deps.config.notifyAllowPrivateUrls ?? false,
    email: deps.config.smtpUrl ? {
      sink: new SmtpSink(deps.config.smtpUrl, deps.config.smtpFrom ?? 'Trove <notifications@trove.local>'),
      addressOf: async (id) => (await members.findMember(database.db, id))?.email ?? null,
    } : null,
  });
  notifications.subscribe(deps.bus);
  if (enabled.has('notifications')) await http.register(notificationsPlugin, { db: database.db, notifications });
  if (enabled.has('analytics')) await http.register(analyticsPlugin, { db: database.db });
  await serveWebApp(http);
  return { http, setReady: (value) => void (ready = value), services: { members, wallet, coupons, wheels, rewards, promotions, marketplace, orders, payments, auctions, notifications } };
}
