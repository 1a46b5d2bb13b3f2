import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { fundedBuyer, publishedListing } from '../helpers/market.js';

describe('daily analytics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts a day\'s GMV, orders, cancellations, bids and coins paid out, for admins only', async () => {
    const seller = await t.member(['seller']);
    const buyer = await fundedBuyer(t, 5_000);
    const listingId = await publishedListing(t, seller, { quantity: 5 });
    const post = (key: string, url: string, payload?: object) => t.call(key, { method: 'POST', url, payload });
    expect((await post(buyer.key, '/v1/orders', { listingId, quantity: 2 })).statusCode).toBe(201);
    const cancelled = (await post(buyer.key, '/v1/orders', { listingId })).json();
    await post(buyer.key, `/v1/orders/${cancelled.id}/cancel`);
    const auctionListing = await publishedListing(t, seller, { quantity: 1 });
    const auction = (await post(seller.key, '/v1/auctions', { listingId: auctionListing, startPriceMinor: 100, endsAt: new Date(Date.now() + 3_600_000).toISOString() })).json();
    expect((await post(buyer.key, `/v1/auctions/${auction.id}/bids`, { maxMinor: 500 })).statusCode).toBe(201);
    // Around midnight the figures may fall on either side: the days around today are summed.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await t.call(t.adminKey, { method: 'GET', url: `/v1/analytics/daily?from=${day(-1)}&to=${day(1)}` });
    expect(res.statusCode, res.body).toBe(200);
    const days = res.json().days as Record<string, unknown>[];
    expect(days.map((d) => d.day)).toEqual([day(-1), day(0), day(1)]);
    const total = (k: string) => days.reduce((sum: number, d) => sum + (Array.isArray(d[k]) ? (d[k] as { amountMinor: number }[]).reduce((s2, a) => s2 + a.amountMinor, 0) : (d[k] as number)), 0);
    expect(['gmv', 'orders', 'cancelledOrders', 'bids', 'spins', 'coinsPaidOut', 'promotionDiscount', 'cashbackCoins', 'couponsRedeemed'].map((k) => [k, total(k)]))
      .toEqual([['gmv', 2_000], ['orders', 1], ['cancelledOrders', 1], ['bids', 1], ['spins', 0], ['coinsPaidOut', 5_000], ['promotionDiscount', 0], ['cashbackCoins', 0], ['couponsRedeemed', 0]]);
    expect(days.flatMap((d) => d.gmv as { currency: string }[]).map((a) => a.currency)).toEqual(['COIN']);
    expect((await t.call(buyer.key, { method: 'GET', url: `/v1/analytics/daily?from=${day(0)}&to=${day(0)}` })).statusCode).toBe(403);
    for (const q of ['from=2026-11-02&to=2026-11-01', 'from=2026-02-30&to=2026-03-01', 'from=2026-01-01&to=2026-12-31', 'from=x&to=y', 'from=2026-11-01']) {
      expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/analytics/daily?${q}` })).statusCode, q).toBe(400);
    }
    const week = (await t.call(t.adminKey, { method: 'GET', url: '/v1/analytics/daily?from=2026-01-01&to=2026-01-07' })).json().days;
    expect(week.map((d: { day: string; orders: number }) => [d.day, d.orders])).toEqual(Array.from({ length: 7 }, (_, i) => [`2026-01-0${i + 1}`, 0]));
  });
});
