import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import type { Cart, Promotion } from '../../src/modules/promotions/model.js';
import type { Running } from '../../src/server.js';
import { startLoadGenerator, type LoadGenerator, type Measurement } from './load.js';
import { profiled } from './profile.js';
import { startBenchServer } from './server.js';
import { BENCH_WORKERS, measureOnWorkers } from './workers.js';

/**
 * The HTTP half of the promotions benchmark: the promotions go into PostgreSQL, the server builds
 * its index from there (the change feed, page by page: the one full build it does at start), and
 * autocannon posts carts to POST /v1/carts/evaluate.
 */
export interface HttpSettings {
  embeddedPgPort: number;
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface HttpFigures {
  measurement: Measurement;
  /** The same requests to a bare Fastify route that parses the body and sends a ready answer of the same size: what no pricing can beat here. */
  floor: Measurement;
  /** The same load against `trove serve` with BENCH_WORKERS processes, each with its own index built at its start; null with BENCH_WORKERS=0. */
  workers: (Measurement & { startS: number }) | null;
  insertS: number;
  buildFromPostgresMs: number;
  /** The index laid out bucket by bucket after the build (PromotionIndex.compact). */
  layoutMs: number;
  bytesPerPromotionInServer: number;
  indexed: number;
  responseBytes: number;
  postgresVersion: string;
}

const INSERT_BATCH = 5_000;
/**
 * The servers serve the promotions engine on its own (TROVE_MODULES), as the original's promotion
 * search ran as its own service: the other engines' background passes (the marketplace's cache
 * watch polls every 25 ms in each process) stay off the two cores, the bench's own server's too
 * while the workers run.
 */
export const SERVED_MODULES = 'promotions';

/** A bare Fastify in this process answering every cart with `answer` (already serialized), measured with the same load. */
async function bareFloor(load: LoadGenerator, job: Parameters<LoadGenerator['measure']>[0], answer: string): Promise<Measurement> {
  const bare = Fastify({ logger: false });
  bare.post('/', async (_request, reply) => reply.type('application/json').send(answer));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await load.measure({ ...job, url: `${bare.listeningOrigin}/` });
  } finally {
    await bare.close();
  }
}

async function insertAll(running: Running, promotions: readonly Promotion[]): Promise<void> {
  for (let i = 0; i < promotions.length; i += INSERT_BATCH) {
    const rows = promotions.slice(i, i + INSERT_BATCH).map(({ id, name, ...definition }) => ({ id, name, definition }));
    await running.database.pool.query(
      `INSERT INTO promotions.promotions (id, name, definition)
       SELECT (r->>'id')::uuid, r->>'name', r->'definition' FROM jsonb_array_elements($1::jsonb) AS r`,
      [JSON.stringify(rows)],
    );
  }
}

const bodyOf = (cart: Cart) => JSON.stringify({
  currency: cart.currency, shippingMinor: cart.shippingMinor, channel: cart.channel,
  lines: cart.lines.map(({ lineId, productId, sellerId, categoryId, brandId, campaignIds, unitPriceMinor, quantity }) => ({ lineId, productId, sellerId, categoryId, brandId, campaignIds, unitPriceMinor, quantity })),
});

export async function overHttp(promotions: readonly Promotion[], carts: readonly Cart[], settings: HttpSettings): Promise<HttpFigures> {
  const server = await startBenchServer('promotions', settings.embeddedPgPort, { DATABASE_URL: undefined, TROVE_MODULES: SERVED_MODULES });
  const load = startLoadGenerator();
  try {
    const { running, adminKey } = server;
    // The feed would pick the rows up while they are inserted; the build is timed on its own below.
    const service = running.app.services.promotions;
    service.stop();
    let t = performance.now();
    await insertAll(running, promotions);
    const insertS = (performance.now() - t) / 1000;
    const heapBefore = (global.gc?.(), process.memoryUsage().heapUsed);
    t = performance.now();
    const indexed = await service.catchUp();
    const buildFromPostgresMs = performance.now() - t;
    const heapAfter = (global.gc?.(), process.memoryUsage().heapUsed);
    // Starting again lays the index out bucket by bucket (what a starting server does after its build).
    t = performance.now();
    await service.start();
    const layoutMs = performance.now() - t;
    const bodies = carts.slice(0, 2_000).map(bodyOf);
    const url = `${running.url}/v1/carts/evaluate`;
    const sample = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body: bodies[0] });
    if (sample.status !== 200) throw new Error(`evaluate answered ${sample.status}: ${await sample.text()}`);
    const answer = await sample.text();
    const responseBytes = Buffer.byteLength(answer);
    const job = { headers: { authorization: `Bearer ${adminKey}` }, connections: settings.connections, bodies, durationS: settings.durationS };
    if (settings.warmupS > 0) await load.measure({ ...job, url, durationS: settings.warmupS });
    const measurement = await profiled('HTTP pricing (the server in this process)', () => load.measure({ ...job, url }));
    const floor = await bareFloor(load, { ...job, url }, answer);
    // Its own index now leaves the cores and the memory to the workers'.
    service.stop();
    const workers = BENCH_WORKERS > 0 ? await measureOnWorkers(load, running.databaseUrl, job, settings.warmupS, '/v1/carts/evaluate', SERVED_MODULES) : null;
    return {
      measurement, floor, workers, insertS, buildFromPostgresMs, layoutMs, indexed, responseBytes, postgresVersion: server.postgresVersion,
      bytesPerPromotionInServer: (heapAfter - heapBefore) / Math.max(1, indexed),
    };
  } finally {
    await load.close();
    await server.stop();
  }
}
