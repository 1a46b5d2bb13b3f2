import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './platform/config.js';
import { seed, type SeedResult } from './seed.js';
import { migratedDatabase, withSmallPool, type Running } from './server.js';

/** What `trove serve` needs of a started service, one process or several. */
export type Served = Pick<Running, 'url' | 'logger' | 'shutdown'> & SeedResult;

/** A replacement for a worker that died is forked after this, so a crash loop does not spin. */
const REFORK_DELAY_MS = 1_000;

/**
 * `trove serve` with TROVE_WORKERS above 1: this process, the primary, starts the embedded
 * PostgreSQL if there is one, migrates and seeds once, then forks the workers. They share the port
 * (node:cluster hands each new connection to one of them in turn) and otherwise run as separate
 * `trove serve` processes on one database already do: each keeps its own caches and indexes, kept
 * true by the change feeds, and one of them at a time holds the outbox dispatcher's lock. One
 * Node process prices or walks on one core; this is how a machine's other cores serve too.
 *
 * A worker that dies after it was listening is replaced; one that dies before (a bad setting, an
 * unreachable database) stops the start, since its replacement would fail alike. SIGTERM stops the
 * workers, each draining its requests as a single process does, then the embedded PostgreSQL.
 */
export async function startPrimary(config: Config, logger: Logger): Promise<Served> {
  const { url: databaseUrl, embedded } = await migratedDatabase(config, logger);
  let seeded: SeedResult;
  try {
    seeded = await withSmallPool(databaseUrl, (database) => seed(database, { adminKey: config.adminKey, demo: config.seedDemo }));
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  // The demo and the sandbox default on only without DATABASE_URL, which the workers are given.
  const env = { DATABASE_URL: databaseUrl, TROVE_SEED_DEMO: String(config.seedDemo), PAYMENTS_SANDBOX: String(config.paymentsSandbox) };
  let stopping: Promise<void> | null = null;
  const listened = new WeakSet<Worker>();

  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down: stopping the workers');
      await Promise.all(Object.values(cluster.workers ?? {}).map((w) => w && stopWorker(w)));
      await embedded?.stop();
      logger.info('shutdown complete');
    })();
    return stopping;
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let ready = 0;
      cluster.on('listening', (worker, address) => {
        listened.add(worker);
        if (++ready === config.workers) resolve(`http://${address.address}:${address.port}`);
      });
      cluster.on('exit', (worker, code, signal) => {
        if (stopping) return;
        if (!listened.has(worker)) {
          // At the start this fails it; later, a replacement that cannot start is not tried again.
          reject(new Error(`a worker exited before it was serving (code ${code}, signal ${signal})`));
          logger.error({ pid: worker.process.pid, code, signal }, 'a worker exited before it was serving');
          return;
        }
        logger.error({ pid: worker.process.pid, code, signal }, 'a worker died; starting another');
        setTimeout(() => stopping ?? cluster.fork(env), REFORK_DELAY_MS).unref();
      });
      for (let i = 0; i < config.workers; i++) cluster.fork(env);
    });
  } catch (err) {
    await shutdown('a worker failed to start');
    throw err;
  }
  return { url, logger, shutdown, ...seeded };
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.process.kill('SIGTERM');
  });
}
