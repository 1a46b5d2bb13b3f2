import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Marketplace } from '../../src/modules/marketplace/index.js';
import { demandRatio, surgeBp, surgedPrice, SURGE_POLICY } from '../../src/modules/marketplace/surge.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const none = { views: 0, bids: 0, orders: 0 };

describe('surge pricing: the rule', () => {
  it('is 1x up to twice the baseline, then rises by 0.1x per unit of ratio', () => {
    // A day's baseline (less the recent 5 minutes) of 2,870 weighted events: 2 a minute, the floor.
    const baseline = { views: 2_870, bids: 0, orders: 0 };
    expect(demandRatio({ views: 10, bids: 0, orders: 0 }, baseline)).toBeCloseTo(1, 9);
    expect(surgeBp(demandRatio({ views: 20, bids: 0, orders: 0 }, baseline))).toBe(10_000);
    expect(surgeBp(demandRatio({ views: 40, bids: 0, orders: 0 }, baseline))).toBe(12_000);
    // Bids and orders weigh more than views: 2 bids and 1 order are 20 views.
    expect(demandRatio({ views: 0, bids: 2, orders: 1 }, baseline)).toBeCloseTo(demandRatio({ views: 20, bids: 0, orders: 0 }, baseline), 9);
  });

  it('never lets a quiet listing surge on its first views: the baseline has a floor', () => {
    const recent = { views: SURGE_POLICY.baselineFloorPerMinute * SURGE_POLICY.recentMinutes * SURGE_POLICY.thresholdRatio, bids: 0, orders: 0 };
    expect(surgeBp(demandRatio(recent, none))).toBe(10_000);
  });

  it('rounds the surged price half up in integers, past 2^53', () => {
    expect(surgedPrice(999, 15_000)).toBe(1_499 /* 1498.5 -> 1499 */);
    expect(surgedPrice(1_001, 12_345)).toBe(1_236 /* 1235.7345 */);
    expect(surgedPrice(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('surge pricing: shown to buyers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows a capped multiplier and its reason on an opted-in listing under demand counted by two processes, never changing the price', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const body = { title: 'Concert ticket', category: 'tickets', priceMinor: 10_000, currency: 'TRY', quantity: 5, condition: 'new' };
    const create = async (surgeMaxBp: number | null) => {
      const id = (await t.call(seller.key, { method: 'POST', url: '/v1/listings', payload: { ...body, surgeMaxBp } })).json().id as string;
      await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { state: 'active' } });
      return id;
    };
    const [capped, off] = [await create(15_000), await create(null)];
    const marketplace = t.services.marketplace;
    const other = new Marketplace(marketplace.db, { nearbyIndex: false });
    // 60 views here over HTTP (the seller's own views do not count), 60 in another process, 10 bids:
    // 170 weighted events in 5 minutes, 34 a minute, 17x the floor: 1 + 1.5x, capped at 1.5x.
    for (let i = 0; i < 60; i++) await t.call(buyer.key, { method: 'GET', url: `/v1/listings/${capped}` });
    for (let i = 0; i < 5; i++) await t.call(seller.key, { method: 'GET', url: `/v1/listings/${capped}` });
    for (const id of [capped, off]) other.surge.record(id, 'views', 60);
    other.surge.record(capped, 'bids', 10);
    await Promise.all([marketplace.surge.flush(), other.surge.flush()]);
    await marketplace.surge.refresh();
    const { rows } = await sql<{ views: number; bids: number }>`SELECT sum(views)::int AS views, sum(bids)::int AS bids FROM marketplace.listing_demand WHERE listing_id = ${capped}`.execute(marketplace.db);
    expect(rows[0]).toEqual({ views: 120, bids: 10 });
    const shown = (await t.call(buyer.key, { method: 'GET', url: `/v1/listings/${capped}` })).json();
    expect(shown.priceMinor).toBe(10_000);
    expect(shown.surge).toMatchObject({ multiplierBp: 15_000, priceMinor: 15_000 });
    expect(shown.surge.reason).toContain('120 views, 10 bids and 0 orders');
    expect(shown.surge.reason).toContain('capped by the seller at 1.50x');
    expect((await t.call(buyer.key, { method: 'GET', url: `/v1/listings/${off}` })).json().surge).toBeNull();
    // The seller raises its cap: the next read shows the uncapped multiplier (17x the floor -> 2.5x).
    await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${capped}`, payload: { surgeMaxBp: 30_000 } });
    const search = (await t.call(buyer.key, { method: 'GET', url: `/v1/listings?sellerId=${seller.id}` })).json();
    expect(search.items.find((l: { id: string }) => l.id === capped).surge).toMatchObject({ multiplierBp: 25_000, priceMinor: 25_000 });
    // Opting out shows no surge at once.
    await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${capped}`, payload: { surgeMaxBp: null } });
    expect((await t.call(buyer.key, { method: 'GET', url: `/v1/listings/${capped}` })).json()).toMatchObject({ surge: null, surgeMaxBp: null });
    for (const bad of [9_999, 30_001, 1.5, '15000']) {
      const res = await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${capped}`, payload: { surgeMaxBp: bad } });
      expect(res.statusCode).toBe(400);
    }
    await other.stop();
  });
});
