import { performance } from 'node:perf_hooks';
import { evaluateCart } from '../src/modules/promotions/combine.js';
import type { Action, Cart, Condition, Promotion } from '../src/modules/promotions/model.js';
import { PromotionIndex } from '../src/modules/promotions/search-index.js';
import { envInt } from './lib/env.js';
import type { BenchResult } from './lib/types.js';

export const description = 'Promotion pricing at 1.5 million promotions: the index against a full scan (in process)';

const SETTINGS = {
  promotions: envInt('BENCH_PROMOTIONS', 1_500_000, 1_000, 10_000_000),
  sellers: envInt('BENCH_SELLERS', 100_000, 1, 10_000_000),
  campaigns: envInt('BENCH_CAMPAIGNS', 10_000, 1, 10_000_000),
  categories: envInt('BENCH_CATEGORIES', 2_000, 1, 1_000_000),
  carts: envInt('BENCH_CARTS', 20_000, 1, 10_000_000),
  scanCarts: envInt('BENCH_SCAN_CARTS', 5, 1, 1_000),
  lines: envInt('BENCH_LINES', 10, 1, 200),
  seed: envInt('BENCH_SEED', 42, 0, 2 ** 31),
};

/** A small deterministic generator (mulberry32), so runs are comparable. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(random: () => number): Promotion[] {
  const int = (n: number) => Math.floor(random() * n);
  const actions: Action[] = [
    { kind: 'percent_off', percent: 5 }, { kind: 'percent_off', percent: 10, capMinor: 5_000 }, { kind: 'amount_off', amountMinor: 1_000 },
    { kind: 'buy_x_get_y', buy: 2, get: 1, percentOff: 100 }, { kind: 'tiered_spend', tiers: [{ minSpendMinor: 50_000, offMinor: 5_000 }, { minSpendMinor: 100_000, offMinor: 12_000 }] },
  ];
  const promotions: Promotion[] = [];
  for (let i = 0; i < SETTINGS.promotions; i++) {
    const r = random();
    // About 70 % seller-scoped, 20 % campaign-scoped, 10 % other (categories; a few with no line condition).
    let scope: Condition;
    if (r < 0.7) scope = { kind: 'sellers', ids: [`s${int(SETTINGS.sellers)}`] };
    else if (r < 0.9) scope = { kind: 'campaigns', ids: [`k${int(SETTINGS.campaigns)}`] };
    else if (r < 0.9999) scope = { kind: 'categories', ids: [`c${int(SETTINGS.categories)}`] };
    else scope = { kind: 'min_cart_amount', amountMinor: 10_000 * (1 + int(20)) };
    const conditions: Condition[] = [scope];
    if (random() < 0.3) conditions.push({ kind: 'min_cart_amount', amountMinor: 1_000 * int(200) });
    if (random() < 0.1) conditions.push({ kind: 'channel', channels: ['ios', 'android'] });
    promotions.push({
      id: `p${String(i).padStart(7, '0')}`, name: 'bench', conditions, action: actions[int(actions.length)]!, priority: int(5),
      exclusivityGroup: random() < 0.3 ? `g${int(50)}` : null, stackable: random() < 0.8, base: random() < 0.5 ? 'original' : 'discounted',
    });
  }
  return promotions;
}

function carts(random: () => number, n: number): Cart[] {
  const int = (k: number) => Math.floor(random() * k);
  return Array.from({ length: n }, () => ({
    currency: 'TRY', shippingMinor: 2_000, memberId: null, memberGroups: [], firstOrder: false, memberJoinedAt: null, channel: 'web' as const,
    paymentMethod: null, region: null, city: null, couponCodes: [], at: '2026-11-25T12:00:00Z',
    lines: Array.from({ length: SETTINGS.lines }, (_, i) => ({
      lineId: String(i), productId: `pr${int(1_000_000)}`, sellerId: `s${int(SETTINGS.sellers)}`, categoryId: `c${int(SETTINGS.categories)}`, brandId: `b${int(5_000)}`,
      campaignIds: [`k${int(SETTINGS.campaigns)}`], unitPriceMinor: 500 + int(20_000), quantity: 1 + int(3),
    })),
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run(): Promise<BenchResult> {
  const random = rng(SETTINGS.seed);
  const heapBefore = (global.gc?.(), process.memoryUsage().heapUsed);
  const promotions = generate(random);
  const heapWithDefinitions = (global.gc?.(), process.memoryUsage().heapUsed);
  const t0 = performance.now();
  const index = new PromotionIndex();
  for (const p of promotions) index.upsert(p);
  const buildMs = performance.now() - t0;
  const heapWithIndex = (global.gc?.(), process.memoryUsage().heapUsed);
  const work = carts(random, SETTINGS.carts);

  const times: number[] = [];
  let candidates = 0;
  const started = performance.now();
  for (const cart of work) {
    const t = performance.now();
    const c = index.candidates(cart);
    evaluateCart(cart, c);
    times.push(performance.now() - t);
    candidates += c.length;
  }
  const indexWallS = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);

  const scanTimes: number[] = [];
  let differences = 0;
  for (const cart of work.slice(0, SETTINGS.scanCarts)) {
    const t = performance.now();
    const scanned = evaluateCart(cart, promotions);
    scanTimes.push(performance.now() - t);
    const indexed = evaluateCart(cart, index.candidates(cart));
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
      'index build ms': buildMs,
      'bytes per promotion (definitions)': (heapWithDefinitions - heapBefore) / promotions.length,
      'bytes per promotion (index)': (heapWithIndex - heapWithDefinitions) / promotions.length,
      'carts where index and scan differ': differences,
    },
    settings: SETTINGS,
    notes: ['Run with node --expose-gc for the memory figures (npm run bench sets it when available).', 'HTTP carts/s is not part of this run yet.'],
  };
}
