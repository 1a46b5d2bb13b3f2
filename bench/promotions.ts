import os from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { evaluateCart } from '../src/modules/promotions/combine.js';
import type { Action, Cart, Condition, Promotion } from '../src/modules/promotions/model.js';
import { PromotionIndex } from '../src/modules/promotions/search-index.js';
import { envInt } from './lib/env.js';
import { percentile, rng } from './lib/random.js';
import { overHttp, SERVED_MODULES } from './lib/promotions-http.js';
import { BENCH_WORKERS, workersSummary } from './lib/workers.js';
import { profiled } from './lib/profile.js';
import { LOAD_GENERATOR, type Measurement } from './lib/load.js';
import type { BenchResult } from './lib/types.js';

export const description = 'Promotion pricing at 1.5 million promotions: the index against a full scan (in process)';

const SETTINGS = {
  promotions: envInt('BENCH_PROMOTIONS', 1_500_000, 1_000, 10_000_000),
  sellers: envInt('BENCH_SELLERS', 100_000, 1, 10_000_000),
  campaigns: envInt('BENCH_CAMPAIGNS', 100_000, 1, 10_000_000),
  products: envInt('BENCH_PRODUCTS', 1_000_000, 1, 100_000_000),
  brands: envInt('BENCH_BRANDS', 10_000, 1, 1_000_000),
  categories: envInt('BENCH_CATEGORIES', 5_000, 1, 1_000_000),
  carts: envInt('BENCH_CARTS', 20_000, 1, 10_000_000),
  /** Priced first and not measured (other carts than the measured ones): the JIT compiles the pricing, as in a server that has run a while. */
  warmupCarts: envInt('BENCH_WARMUP_CARTS', 2_000, 0, 1_000_000),
  scanCarts: envInt('BENCH_SCAN_CARTS', 5, 1, 1_000),
  lines: envInt('BENCH_LINES', 10, 1, 200),
  seed: envInt('BENCH_SEED', 42, 0, 2 ** 31),
  /** 0 skips the HTTP run (the in-process figures alone). */
  http: envInt('BENCH_HTTP', 1, 0, 1),
  durationS: envInt('BENCH_DURATION_S', 15, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54341, 1024, 65535),
};


/**
 * About 70 % seller-scoped, 20 % campaign-scoped and 10 % other: of those, half on products, 30 %
 * on brands, 20 % on categories, and one in 100,000 on the whole cart. 30 % are in one of their
 * owner's two exclusivity groups (groups are a seller's or campaign's own, as sellers use them);
 * 90 % stack.
 */
function generate(random: () => number): Promotion[] {
  const int = (n: number) => Math.floor(random() * n);
  const actions: Action[] = [
    { kind: 'percent_off', percent: 5 }, { kind: 'percent_off', percent: 10, capMinor: 5_000 }, { kind: 'amount_off', amountMinor: 1_000 },
    { kind: 'buy_x_get_y', buy: 2, get: 1, percentOff: 100 }, { kind: 'tiered_spend', tiers: [{ minSpendMinor: 50_000, offMinor: 5_000 }, { minSpendMinor: 100_000, offMinor: 12_000 }] },
    { kind: 'percent_off', percent: 15 }, { kind: 'free_shipping' }, { kind: 'coin_cashback', percent: 2 },
  ];
  const promotions: Promotion[] = [];
  for (let i = 0; i < SETTINGS.promotions; i++) {
    const { scope, owner } = scopeOf(random(), random, int);
    const conditions: Condition[] = scope ? [scope] : [{ kind: 'min_cart_amount', amountMinor: 10_000 * (1 + int(20)) }];
    if (random() < 0.3) conditions.push({ kind: 'min_cart_amount', amountMinor: 1_000 * int(200) });
    if (random() < 0.1) conditions.push({ kind: 'channel', channels: ['ios', 'android'] });
    promotions.push({
      id: uuidV4(random), name: 'bench', conditions, action: actions[int(actions.length)]!, priority: int(5),
      exclusivityGroup: random() < 0.3 ? `${owner}-g${int(2)}` : null, stackable: random() < 0.9, base: random() < 0.5 ? 'original' : 'discounted',
    });
  }
  return promotions;
}

/** A version 4 UUID from the seeded generator: random like the ids the service gives promotions (crypto.randomUUID), but the same every run. */
function uuidV4(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  // Joined, not a template: a template keeps a tree of the pieces, which would count as the definitions' memory.
  return [hex(8), hex(4), `4${hex(3)}`, `${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}`, hex(12)].join('-');
}

function scopeOf(r: number, random: () => number, int: (n: number) => number): { scope: Condition | null; owner: string } {
  const one = (kind: 'sellers' | 'campaigns' | 'products' | 'brands' | 'categories', prefix: string, n: number) => {
    const id = `${prefix}${int(n)}`;
    return { scope: { kind, ids: [id] }, owner: id };
  };
  if (r < 0.7) return one('sellers', 's', SETTINGS.sellers);
  if (r < 0.9) return one('campaigns', 'k', SETTINGS.campaigns);
  const other = random();
  if (other < 0.5) return one('products', 'pr', SETTINGS.products);
  if (other < 0.8) return one('brands', 'b', SETTINGS.brands);
  if (other < 0.9999) return one('categories', 'c', SETTINGS.categories);
  return { scope: null, owner: 'cart' };
}

/** 10-line carts; half the lines are enrolled in a campaign. */
function carts(random: () => number, n: number): Cart[] {
  const int = (k: number) => Math.floor(random() * k);
  return Array.from({ length: n }, () => ({
    currency: 'TRY', shippingMinor: 2_000, memberId: null, memberGroups: [], firstOrder: false, memberJoinedAt: null, channel: 'web' as const,
    paymentMethod: null, region: null, city: null, couponCodes: [], at: '2026-11-25T12:00:00Z',
    lines: Array.from({ length: SETTINGS.lines }, (_, i) => ({
      lineId: String(i), productId: `pr${int(SETTINGS.products)}`, sellerId: `s${int(SETTINGS.sellers)}`, categoryId: `c${int(SETTINGS.categories)}`,
      brandId: `b${int(SETTINGS.brands)}`, campaignIds: random() < 0.5 ? [`k${int(SETTINGS.campaigns)}`] : [], unitPriceMinor: 500 + int(20_000), quantity: 1 + int(3),
    })),
  }));
}

/**
 * About what no server could beat on this machine with this pricing: each cart costs at least its
 * pricing (the in-process mean: carts back to back, nothing else on the core) plus what a request
 * of the floor costs the machine (the bare server's and the load generator's CPU), and the machine
 * has availableParallelism() cores to spend. The floor runs in this process, beside the server's
 * index; in a process of its own it costs less (docs/benchmarks.md), so this is not a strict bound.
 */
function ceiling(floor: Measurement, pricingMs: number): Record<string, number> {
  const floorCpuMs = ((floor.serverCpuPercent + floor.loadgenCpuPercent) / 100) * (1000 / floor.requestsPerSec);
  return {
    'HTTP floor: CPU ms per request (server + load generator)': floorCpuMs,
    'HTTP ceiling carts/s (cores / (pricing mean + floor CPU per request))': (os.availableParallelism() * 1000) / (pricingMs + floorCpuMs),
  };
}

/** Runs `work` and returns the garbage collection pauses (start, end in performance.now() ms) during it. */
async function withGcPauses<T>(work: () => T[]): Promise<{ spans: T[]; pauses: [number, number][] }> {
  const pauses: [number, number][] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => pauses.push([e.startTime, e.startTime + e.duration])));
  observer.observe({ entryTypes: ['gc'] });
  const spans = work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { spans, pauses };
}

export async function run(): Promise<BenchResult> {
  const random = rng(SETTINGS.seed);
  const heapBefore = (global.gc?.(), process.memoryUsage().heapUsed);
  const promotions = generate(random);
  const definitionBytes = ((global.gc?.(), process.memoryUsage().heapUsed) - heapBefore) / promotions.length;
  const warmup = carts(random, SETTINGS.warmupCarts);
  const work = carts(random, SETTINGS.carts);
  const inProcess = await measureInProcess(promotions, warmup, work);
  // The in-process index is gone by now; the server builds its own from PostgreSQL.
  const http = SETTINGS.http ? await overHttp(promotions, work, SETTINGS) : null;
  const m = http?.measurement;
  return {
    rows: [
      ...inProcess.rows,
      ...(m ? [{ run: `HTTP POST /v1/carts/evaluate (${SETTINGS.connections} connections, TROVE_MODULES=${SERVED_MODULES})`, carts: m.requestsTotal, 'carts/s': m.requestsPerSec, 'p50 ms': m.latencyP50Ms, 'p99 ms': m.latencyP99Ms, 'mean ms': m.latencyMeanMs, 'candidates/cart': inProcess.candidatesPerCart }] : []),
      ...(http?.workers ? [{ run: `HTTP, the same, trove serve with ${BENCH_WORKERS} worker processes`, carts: http.workers.requestsTotal, 'carts/s': http.workers.requestsPerSec, 'p50 ms': http.workers.latencyP50Ms, 'p99 ms': http.workers.latencyP99Ms, 'mean ms': http.workers.latencyMeanMs, 'candidates/cart': inProcess.candidatesPerCart }] : []),
      ...(http ? [{ run: 'HTTP floor: bare Fastify, the same posts, a ready answer as big', carts: http.floor.requestsTotal, 'carts/s': http.floor.requestsPerSec, 'p50 ms': http.floor.latencyP50Ms, 'p99 ms': http.floor.latencyP99Ms, 'mean ms': http.floor.latencyMeanMs, 'candidates/cart': 0 }] : []),
    ],
    summary: {
      'bytes per promotion (definitions)': definitionBytes,
      ...inProcess.summary,
      ...(http ? {
        'HTTP non-2xx + errors': http.measurement.non2xx + http.measurement.errors,
        'HTTP server CPU %': http.measurement.serverCpuPercent,
        'HTTP load generator CPU %': http.measurement.loadgenCpuPercent,
        'HTTP other processes CPU %': http.measurement.otherCpuPercent ?? 'n/a',
        ...ceiling(http.floor, inProcess.meanMs),
        ...(http.workers ? workersSummary(http.workers) : {}),
        'HTTP response bytes (first cart)': http.responseBytes,
        'server: promotions indexed from PostgreSQL': http.indexed,
        'server: index build from PostgreSQL ms': http.buildFromPostgresMs,
        'server: index laid out by bucket ms': http.layoutMs,
        'server: bytes per promotion (records + index)': http.bytesPerPromotionInServer,
        'insert into PostgreSQL s': http.insertS,
        postgres: http.postgresVersion,
      } : {}),
    },
    settings: SETTINGS,
    notes: ['npm run bench runs node with --expose-gc (for the memory figures), an 8 GiB heap, a 64 MB young generation (--max-semi-space-size=64, as npm start) and no memory reducer (it marks an idle heap, and the bench process is idle while a spawned server is measured; in one run it took 38 % of a core then, cause not shown).', `The server runs in this process on its own embedded PostgreSQL; the load: ${LOAD_GENERATOR}.`],
  };
}

async function measureInProcess(promotions: Promotion[], warmup: Cart[], work: Cart[]): Promise<Pick<BenchResult, 'rows' | 'summary'> & { candidatesPerCart: number; meanMs: number }> {
  const heapWithDefinitions = (global.gc?.(), process.memoryUsage().heapUsed);
  const t0 = performance.now();
  const index = new PromotionIndex();
  for (const p of promotions) index.upsert(p);
  const buildMs = performance.now() - t0;
  // As a server does after its build: the promotions one cart looks up then lie together in memory.
  const t1 = performance.now();
  await index.compact();
  const layoutMs = performance.now() - t1;
  const heapWithIndex = (global.gc?.(), process.memoryUsage().heapUsed);
  for (const cart of warmup) evaluateCart(cart, index);
  // A server builds its index once at start; measure pricing after that build has been collected, as traffic would meet it.
  global.gc?.();

  let candidates = 0;
  const started = performance.now();
  const { spans, pauses } = await profiled('in-process pricing', () => withGcPauses(() => work.map((cart) => {
    const t = performance.now();
    const e = evaluateCart(cart, index);
    // What the index found: those that applied, lost to a better combination, or failed a condition.
    candidates += e.applied.length + e.outranked.length + e.notApplied.length;
    return [t, performance.now()] as const;
  })));
  const indexWallS = (performance.now() - started) / 1000;
  const times = spans.map(([from, to]) => to - from).sort((a, b) => a - b);
  // Which carts a garbage collection pause fell into: with 1.5 million promotions on the heap, these make the tail.
  const touched = spans.map(([from, to]) => pauses.some(([x, y]) => x < to && y > from));
  const untouched = spans.filter((_, i) => !touched[i]).map(([from, to]) => to - from).sort((a, b) => a - b);

  const scanTimes: number[] = [];
  let differences = 0;
  for (const cart of work.slice(0, SETTINGS.scanCarts)) {
    const t = performance.now();
    const scanned = evaluateCart(cart, promotions);
    scanTimes.push(performance.now() - t);
    const indexed = evaluateCart(cart, index);
    if (JSON.stringify(indexed.applied) !== JSON.stringify(scanned.applied)) differences += 1;
  }
  scanTimes.sort((a, b) => a - b);
  const scanMeanMs = scanTimes.reduce((a, b) => a + b, 0) / scanTimes.length;
  const indexMeanMs = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    rows: [
      { run: 'index (candidates + best combination)', carts: work.length, 'carts/s': work.length / indexWallS, 'p50 ms': percentile(times, 50), 'p99 ms': percentile(times, 99), 'mean ms': indexMeanMs, 'candidates/cart': candidates / work.length },
      { run: 'full scan (every promotion)', carts: scanTimes.length, 'carts/s': 1000 / scanMeanMs, 'p50 ms': percentile(scanTimes, 50), 'p99 ms': percentile(scanTimes, 99), 'mean ms': scanMeanMs, 'candidates/cart': promotions.length },
    ],
    summary: {
      'index / scan (mean)': scanMeanMs / indexMeanMs,
      'index build ms (in process, from memory)': buildMs,
      'index laid out by bucket ms (in process)': layoutMs,
      'bytes per promotion (index with its own copies)': (heapWithIndex - heapWithDefinitions) / promotions.length,
      'carts where index and scan differ': differences,
      'carts a GC pause fell into': touched.filter(Boolean).length,
      'p99 ms of the carts no GC pause fell into': percentile(untouched, 99),
      'GC pauses ms (total, while pricing)': pauses.reduce((sum, [from, to]) => sum + to - from, 0),
    },
    candidatesPerCart: candidates / work.length,
    meanMs: indexMeanMs,
  };
}
