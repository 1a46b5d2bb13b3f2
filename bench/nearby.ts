import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { Marketplace } from '../src/modules/marketplace/index.js';
import type { Viewer } from '../src/modules/marketplace/model.js';
import type { Running } from '../src/server.js';
import { envInt } from './lib/env.js';
import { percentile, rng } from './lib/random.js';
import { startLoadGenerator } from './lib/load.js';
import { profiled } from './lib/profile.js';
import { startBenchServer } from './lib/server.js';
import { BENCH_WORKERS, measureOnWorkers, workersSummary } from './lib/workers.js';
import type { BenchResult, Row } from './lib/types.js';

export const description = 'Nearby listings (radius 10 km, top 20) for a buyer on three lists: the in-memory index vs PostgreSQL alone vs Redis GEOSEARCH, 1 million listings';

const SETTINGS = {
  listings: envInt('BENCH_LISTINGS', 1_000_000, 1_000, 10_000_000),
  queries: envInt('BENCH_QUERIES', 2_000, 10, 1_000_000),
  radiusKm: envInt('BENCH_RADIUS_KM', 10, 1, 1_000),
  limit: envInt('BENCH_LIMIT', 20, 1, 100),
  durationS: envInt('BENCH_DURATION_S', 15, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54343, 1024, 65535),
};
/** A country-sized area (Turkey's bounding box, about 1,600 x 670 km). */
const AREA = { minLat: 36, maxLat: 42, minLng: 26, maxLng: 45 };
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const REDIS_KEY = 'trove-bench:nearby';

/**
 * One seller; 90 % of listings for all buyers, 10 % restricted to one of six lists, three of which
 * hold the benchmark's buyer. Inserted by PostgreSQL itself (generate_series), seeded for repeatability.
 */
async function seedListings(running: Running, sellerId: string, buyerId: string): Promise<void> {
  const db = running.database.db;
  const lists: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = crypto.randomUUID();
    await sql`INSERT INTO marketplace.buyer_lists (id, seller_id, name) VALUES (${id}, ${sellerId}, ${`list ${i}`})`.execute(db);
    if (i < 3) await sql`INSERT INTO marketplace.buyer_list_members (list_id, buyer_id) VALUES (${id}, ${buyerId})`.execute(db);
    lists.push(id);
  }
  await sql`SELECT setseed(0.42)`.execute(db);
  await sql`INSERT INTO marketplace.listings (id, seller_id, title, category, price_minor, currency, quantity, condition, lat, lng, state, visibility)
    SELECT gen_random_uuid(), ${sellerId}, 'listing ' || g, 'bench', 1000 + g % 100000, 'TRY', 1, 'good',
           ${AREA.minLat}::float8 + random() * ${AREA.maxLat - AREA.minLat}::float8, ${AREA.minLng}::float8 + random() * ${AREA.maxLng - AREA.minLng}::float8,
           'active', CASE WHEN g % 10 = 0 THEN 'restricted' ELSE 'all' END
    FROM generate_series(1, ${SETTINGS.listings}) AS g`.execute(db);
  await sql`INSERT INTO marketplace.listing_lists (listing_id, list_id)
    SELECT id, (${lists}::uuid[])[1 + (abs(hashtext(id::text)) % 6)] FROM marketplace.listings WHERE visibility = 'restricted'`.execute(db);
  // As pgbench does before it measures: autovacuum of the million rows just written (and their change rows) would otherwise run during the runs.
  await sql`VACUUM (ANALYZE) marketplace.listings, marketplace.listing_lists, marketplace.changes`.execute(db);
}

async function timed(name: string, centres: { lat: number; lng: number }[], query: (c: { lat: number; lng: number }) => Promise<unknown> | unknown): Promise<Row> {
  const times: number[] = [];
  const started = performance.now();
  for (const c of centres) {
    const t = performance.now();
    await query(c);
    times.push(performance.now() - t);
    // As between requests: timers run (the caches' watch among them), or the caches go distrusted.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const wallS = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { run: name, queries: centres.length, 'queries/s': centres.length / wallS, 'p50 ms': percentile(times, 50), 'p99 ms': percentile(times, 99), 'mean ms': times.reduce((a, b) => a + b, 0) / times.length };
}

export async function run(): Promise<BenchResult> {
  const server = await startBenchServer('nearby', SETTINGS.embeddedPgPort, { DATABASE_URL: undefined });
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const load = startLoadGenerator();
  try {
    const { running, adminKey } = server;
    const seller = (await running.app.services.members.register(running.database.db, { email: 'seller@nearby.bench', displayName: 'Seller', roles: ['seller'] }, null));
    const buyer = await running.app.services.members.register(running.database.db, { email: 'buyer@nearby.bench', displayName: 'Buyer', roles: ['buyer'] }, null);
    if (!seller.ok || !buyer.ok) throw new Error('could not register the benchmark members');
    for (const m of [seller.value.member.id, buyer.value.member.id]) {
      await fetch(`${running.url}/v1/members/${m}/verification`, { method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'approved', reason: 'bench' }) });
    }
    // The feed would pick the rows up while they are inserted; the build is timed on its own below.
    const indexed = running.app.services.marketplace;
    await indexed.stop();
    let t = performance.now();
    await seedListings(running, seller.value.member.id, buyer.value.member.id);
    const insertS = (performance.now() - t) / 1000;
    const heapBefore = (global.gc?.(), process.memoryUsage().heapUsed);
    t = performance.now();
    await indexed.catchUp();
    const buildMs = performance.now() - t;
    await indexed.start(); // the feed again, and the caches' watch
    const bytesPerListing = ((global.gc?.(), process.memoryUsage().heapUsed) - heapBefore) / Math.max(1, indexed.index!.size);
    const sqlOnly = new Marketplace(running.database.db, { nearbyIndex: false, pool: running.database.pool });

    await redis.connect();
    await redis.del(REDIS_KEY);
    const { rows } = await sql<{ id: string; lat: number; lng: number }>`SELECT id, lat, lng FROM marketplace.listings`.execute(running.database.db);
    for (let i = 0; i < rows.length; i += 10_000) {
      const args = rows.slice(i, i + 10_000).flatMap((r) => [r.lng, r.lat, r.id]);
      await redis.geoadd(REDIS_KEY, ...(args as [number, number, string]));
    }

    const random = rng(7);
    const centres = Array.from({ length: SETTINGS.queries }, () => ({ lat: AREA.minLat + random() * (AREA.maxLat - AREA.minLat), lng: AREA.minLng + random() * (AREA.maxLng - AREA.minLng) }));
    const viewer: Viewer = { memberId: buyer.value.member.id, admin: false, buyer: true };
    const r = SETTINGS.radiusKm;
    const results: Row[] = [
      await timed('index only (geometry, no visibility)', centres, (c) => { const walk = indexed.index!.nearest(c, r); for (let i = 0; i < SETTINGS.limit && !walk.next().done; i++); }),
      // The first pass fills the caches of listings and sellers; the second finds them there.
      await timed('index + cached visibility, caches cold (what the API does)', centres, (c) => indexed.nearby(viewer, c, r, SETTINGS.limit)),
      await timed('index + cached visibility, caches warm (what the API does)', centres, (c) => indexed.nearby(viewer, c, r, SETTINGS.limit)),
      await timed('PostgreSQL alone (bounding box + haversine + visibility)', centres, (c) => sqlOnly.nearby(viewer, c, r, SETTINGS.limit)),
      await timed('Redis GEOSEARCH (geometry, no visibility)', centres, (c) => redis.geosearch(REDIS_KEY, 'FROMLONLAT', c.lng, c.lat, 'BYRADIUS', r, 'km', 'ASC', 'COUNT', SETTINGS.limit)),
    ];
    const paths = centres.slice(0, 1_000).map((c) => `/v1/listings/nearby?lat=${c.lat.toFixed(5)}&lng=${c.lng.toFixed(5)}&radiusKm=${r}&limit=${SETTINGS.limit}`);
    const buyerKey = buyer.value.key;
    const job = { headers: { authorization: `Bearer ${buyerKey}` }, connections: SETTINGS.connections, paths, durationS: SETTINGS.durationS };
    if (SETTINGS.warmupS > 0) await load.measure({ ...job, url: running.url, durationS: SETTINGS.warmupS });
    const m = await profiled('HTTP nearby', () => load.measure({ ...job, url: running.url }));
    results.push({ run: `HTTP GET /v1/listings/nearby (${SETTINGS.connections} connections)`, queries: m.requestsTotal, 'queries/s': m.requestsPerSec, 'p50 ms': m.latencyP50Ms, 'p99 ms': m.latencyP99Ms, 'mean ms': m.latencyMeanMs });
    await indexed.stop(); // its caches' watch: the workers are the servers now
    const w = BENCH_WORKERS > 0 ? await measureOnWorkers(load, running.databaseUrl, job, SETTINGS.warmupS) : null;
    if (w) results.push({ run: `HTTP, the same, trove serve with ${BENCH_WORKERS} worker processes`, queries: w.requestsTotal, 'queries/s': w.requestsPerSec, 'p50 ms': w.latencyP50Ms, 'p99 ms': w.latencyP99Ms, 'mean ms': w.latencyMeanMs });
    const [indexOnly, , api, pgOnly] = results;
    return {
      rows: results,
      summary: {
        'index + cached visibility (warm) vs PostgreSQL alone (mean)': Number(pgOnly!['mean ms']) / Number(api!['mean ms']),
        'index only vs PostgreSQL alone (mean)': Number(pgOnly!['mean ms']) / Number(indexOnly!['mean ms']),
        'index build from PostgreSQL ms': buildMs,
        'bytes per listing (index)': bytesPerListing,
        'insert listings s': insertS,
        'HTTP non-2xx + errors': m.non2xx + m.errors,
        'cache reads answered from memory / from PostgreSQL (distrusted)': `${indexed.view.stats.cached} / ${indexed.view.stats.distrusted}`,
        'HTTP server CPU %': m.serverCpuPercent,
        'HTTP PostgreSQL CPU %': m.databaseCpuPercent ?? 'n/a',
        'HTTP load generator CPU %': m.loadgenCpuPercent,
        ...(w ? workersSummary(w) : {}),
        postgres: server.postgresVersion,
      },
      settings: { ...SETTINGS, area: `${AREA.minLat}..${AREA.maxLat} N, ${AREA.minLng}..${AREA.maxLng} E` },
      notes: ['The server runs in this process on its own embedded PostgreSQL; autocannon runs in a child process.', 'Redis and "index only" check no visibility: they are the floor for geometry alone.'],
    };
  } finally {
    await redis.del(REDIS_KEY).catch(() => undefined);
    redis.disconnect();
    await load.close();
    await server.stop();
  }
}
