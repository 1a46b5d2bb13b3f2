import cluster from 'node:cluster';
import pino, { type Logger } from 'pino';
import { buildApp, type App } from './app.js';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from './platform/db/embedded.js';
import { migrate } from './platform/db/migrate.js';
import { createEventBus } from './platform/events/index.js';
import { OutboxDispatcher } from './platform/events/dispatcher.js';
import type { EventBus } from './platform/events/types.js';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.js';
import { purgeEndedSessions } from './modules/members/index.js';
import { seed, type SeedResult } from './seed.js';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface Running {
  app: App;
  url: string;
  logger: Logger;
  database: Database;
  /** What the service connected to: DATABASE_URL, or the embedded PostgreSQL's. */
  databaseUrl: string;
  bus: EventBus;
  dispatcher: OutboxDispatcher;
  createdKeys: SeedResult['createdKeys'];
  createdPasswords: SeedResult['createdPasswords'];
  /** Drains in-flight requests, stops the dispatcher, closes pools, stops embedded PostgreSQL. */
  shutdown(reason: string): Promise<void>;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'trove', ...(cluster.worker ? { worker: cluster.worker.id } : {}) } });
}

/** The database URL to use: DATABASE_URL, or an embedded PostgreSQL started now. */
async function resolveDatabase(config: Config, logger: Logger): Promise<{ url: string; embedded: EmbeddedHandle | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir, port: config.embeddedPgPort, database: 'trove', log: (msg) => logger.info(msg),
  });
  return { url: embedded.url, embedded };
}

/** resolveDatabase, then its migrations (the names applied now); an embedded PostgreSQL is stopped again if they fail. */
export async function migratedDatabase(config: Config, logger: Logger): Promise<{ url: string; embedded: EmbeddedHandle | null; ran: string[] }> {
  const { url, embedded } = await resolveDatabase(config, logger);
  try {
    return { url, embedded, ran: await migrate(url, (msg) => logger.info(msg)) };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

/** `fn` on a pool of two, closed after: for the one-off commands and a cluster's primary. */
export async function withSmallPool<T>(url: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(url, { poolMax: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function startServer(config: Config, logger = createLogger(config)): Promise<Running> {
  const { url: databaseUrl, embedded } = await migratedDatabase(config, logger);
  const database = openDatabase(databaseUrl, { poolMax: config.dbPoolMax });
  const bus = await createEventBus(config, logger);
  const dispatcher = new OutboxDispatcher(database.db, databaseUrl, bus, logger.child({ component: 'outbox' }));
  const app = await buildApp({ config, database, bus, logger });
  const { createdKeys, createdPasswords } = await seed(database, { adminKey: config.adminKey, demo: config.seedDemo });
  await bus.start();
  dispatcher.start();
  app.services.wallet.startExpiry();
  // Lease renewals and reaping run where the wheel is served.
  if (config.modules?.includes('coupons') ?? true) app.services.wheels.start();
  if (config.modules?.includes('rewards') ?? true) app.services.rewards.verifier.start();
  if (config.modules?.includes('promotions') ?? true) await app.services.promotions.start();
  if (config.modules?.includes('marketplace') ?? true) await app.services.marketplace.start();
  if (config.modules?.includes('auctions') ?? true) app.services.auctions.start();
  if (config.modules?.includes('orders') ?? true) app.services.orders.start();
  app.services.notifications.start();
  const purge = setInterval(() => {
    void purgeExpiredIdempotencyKeys(database.db).catch((err) => logger.warn({ err }, 'idempotency purge failed'));
    void purgeEndedSessions(database.db).catch((err) => logger.warn({ err }, 'session purge failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  const address = await app.http.listen({ host: config.host, port: config.port });

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down: draining in-flight requests');
      app.setReady(false);
      clearInterval(purge);
      // Keep accepting for a moment after /readyz turns 503: connections already queued in the
      // listen backlog (and those a load balancer sends before it notices) are served, not reset.
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      await app.http.close();
      // After the last request: spins in flight finish, then the stock leases go back.
      await app.services.wheels.stop();
      await app.services.rewards.stop();
      app.services.promotions.stop();
      await app.services.auctions.stop();
      app.services.orders.stop();
      await app.services.notifications.stop();
      await app.services.marketplace.stop();
      app.services.wallet.stopExpiry();
      await dispatcher.stop();
      await bus.close();
      await database.close();
      await embedded?.stop();
      logger.info('shutdown complete');
    })();
    return stopping;
  };
  return { app, url: address, logger, database, databaseUrl, bus, dispatcher, createdKeys, createdPasswords, shutdown };
}
