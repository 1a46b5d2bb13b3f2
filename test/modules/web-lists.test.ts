import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { couponFixtures } from '../helpers/coupons.js';
import { fundedBuyer, publishedListing } from '../helpers/market.js';

/** The lists the web app pages read: each shows only what its caller may see. */
describe('lists for the web app', () => {
  let t: TestApp;
  let seller: { id: string; key: string };
  beforeAll(async () => {
    t = await createTestApp();
    seller = await t.member(['seller']);
  });
  afterAll(() => t.close());

  const get = (key: string, url: string) => t.call(key, { method: 'GET', url });
  const post = (key: string, url: string, payload: object) => t.call(key, { method: 'POST', url, payload });
  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

  it('wheels: members see those open now, admins every one', async () => {
    const fx = couponFixtures(t);
    const open = await fx.wheel([{ kind: 'nothing', label: 'Try again', weight: 1 }], { weightMode: 'explicit' });
    const later = await fx.wheel([{ kind: 'nothing', label: 'Later', weight: 1 }], { weightMode: 'explicit', validFrom: new Date(Date.now() + 86_400_000).toISOString(), validTo: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    const buyer = await t.member(['buyer']);
    expect(ids(await get(buyer.key, '/v1/wheels'))).toContain(open);
    expect(ids(await get(buyer.key, '/v1/wheels'))).not.toContain(later);
    expect(ids(await get(t.adminKey, '/v1/wheels'))).toEqual(expect.arrayContaining([open, later]));
    expect((await get(buyer.key, '/v1/wheels')).json().items.find((w: { id: string }) => w.id === open).slices).toMatchObject([{ kind: 'nothing', label: 'Try again' }]);
  });

  it('campaigns and promotions: sellers their own, admins all, paged newest first', async () => {
    const other = await t.member(['seller']);
    const window = { validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: new Date(Date.now() + 86_400_000).toISOString() };
    const campaign = (key: string, name: string) => post(key, '/v1/coupon-campaigns', { name, value: { kind: 'fixed', amountMinor: 100 }, currency: 'COIN', limitTotal: 10, codeMode: 'shared', sharedCode: `C${crypto.randomBytes(4).toString('hex')}`, ...window });
    const mine = [(await campaign(seller.key, 'a')).json().id, (await campaign(seller.key, 'b')).json().id];
    const theirs = (await campaign(other.key, 'c')).json().id;
    const page1 = await get(seller.key, '/v1/coupon-campaigns?limit=1');
    expect(ids(page1)).toEqual([mine[1]]);
    expect(ids(await get(seller.key, `/v1/coupon-campaigns?limit=1&cursor=${page1.json().nextCursor}`))).toEqual([mine[0]]);
    expect(ids(await get(t.adminKey, '/v1/coupon-campaigns'))).toEqual(expect.arrayContaining([...mine, theirs]));
    const promotion = (key: string) => post(key, '/v1/promotions', { name: 'p', conditions: [], action: { kind: 'percent_off', percent: 5 } });
    const myPromotion = (await promotion(seller.key)).json().id;
    const theirPromotion = (await promotion(other.key)).json().id;
    expect(ids(await get(seller.key, '/v1/promotions'))).toEqual([myPromotion]);
    expect(ids(await get(t.adminKey, '/v1/promotions'))).toEqual(expect.arrayContaining([myPromotion, theirPromotion]));
    expect((await get(seller.key, '/v1/promotions?cursor=bogus')).statusCode).toBe(400);
  });

  it('accounts: the admin\'s ledger, paged in id order; nobody else\'s', async () => {
    await fundedBuyer(t, 10);
    const first = await get(t.adminKey, '/v1/accounts?limit=2');
    const second = await get(t.adminKey, `/v1/accounts?limit=2&cursor=${first.json().nextCursor}`);
    const all = [...ids(first), ...ids(second)];
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(4);
    expect(ids(await get(t.adminKey, '/v1/accounts?ownerKind=system')).every((id: string) => id.startsWith('sys:'))).toBe(true);
    expect((await get(seller.key, '/v1/accounts')).statusCode).toBe(403);
  });

  it('auctions: a seller\'s own, a bidder\'s, a listing\'s, and never one on a listing the caller may not see', async () => {
    const listing = await publishedListing(t, seller);
    const auction = (await post(seller.key, '/v1/auctions', { listingId: listing, startPriceMinor: 100, endsAt: new Date(Date.now() + 3_600_000).toISOString() })).json().id;
    const [bidder, onlooker] = [await fundedBuyer(t, 1_000), await fundedBuyer(t, 1_000)];
    expect((await post(bidder.key, `/v1/auctions/${auction}/bids`, { maxMinor: 200 })).statusCode).toBe(201);
    expect(ids(await get(seller.key, '/v1/auctions?as=seller'))).toEqual([auction]);
    expect(ids(await get(bidder.key, '/v1/auctions?as=bidder'))).toEqual([auction]);
    expect(ids(await get(onlooker.key, '/v1/auctions?as=bidder'))).toEqual([]);
    expect(ids(await get(onlooker.key, `/v1/auctions?listingId=${listing}`))).toEqual([auction]);
    await t.call(seller.key, { method: 'PUT', url: `/v1/seller-blocks/${onlooker.id}` });
    // Not even a cursor naming the hidden auction.
    expect((await get(onlooker.key, `/v1/auctions?listingId=${listing}&limit=1`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await get(onlooker.key, '/v1/auctions')).statusCode).toBe(400);
    // The public bid history: prices and whose were yours, never who bid or how high.
    expect((await get(bidder.key, `/v1/auctions/${auction}/bids`)).json().items).toEqual([{ seq: 1, priceAfterMinor: 100, yours: true, at: expect.any(String) }]);
    expect((await get(seller.key, `/v1/auctions/${auction}/bids`)).json().items[0]).toEqual({ seq: 1, priceAfterMinor: 100, yours: false, at: expect.any(String) });
    expect((await get(onlooker.key, `/v1/auctions/${auction}/bids`)).statusCode).toBe(404);
  });

  it('a member\'s coupons say what their campaign gives', async () => {
    const campaign = await couponFixtures(t).campaign(5, { name: 'Ten off', value: { kind: 'fixed', amountMinor: 1_000 }, currency: 'COIN', minCartMinor: 2_000 });
    const buyer = await t.member(['buyer']);
    await post(t.adminKey, `/v1/coupon-campaigns/${campaign}/coupons`, { id: crypto.randomUUID(), memberId: buyer.id });
    expect((await get(buyer.key, '/v1/coupons')).json().items[0]).toMatchObject({
      campaignId: campaign, state: 'issued', campaign: { name: 'Ten off', value: { kind: 'fixed', amountMinor: 1_000 }, currency: 'COIN', minCartMinor: 2_000, validTo: expect.any(String) },
    });
  });

  it('blocks, ratings and the buyer lookup: a seller\'s own, by exact email, approved buyers only', async () => {
    const seller2 = await t.member(['seller']);
    const [a, b] = [await t.member(['buyer']), await t.member(['buyer'])];
    for (const buyer of [a, b]) await t.call(seller2.key, { method: 'PUT', url: `/v1/seller-blocks/${buyer.id}` });
    expect((await get(seller2.key, '/v1/seller-blocks')).json().items.map((x: { buyerId: string }) => x.buyerId)).toEqual([b.id, a.id]);
    expect((await get(seller.key, '/v1/seller-blocks')).json().items.map((x: { buyerId: string }) => x.buyerId)).not.toContain(a.id);
    expect((await get(a.key, '/v1/seller-blocks')).statusCode).toBe(403);
    // Ratings: empty for a new seller; a buyer it blocked does not see it at all (others' view is below, in the orders tests).
    expect((await get(seller2.key, `/v1/sellers/${seller2.id}/ratings`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await get(a.key, `/v1/sellers/${seller2.id}/ratings`)).statusCode).toBe(404);
    const email = (await get(a.key, '/v1/members/me')).json().email as string;
    expect((await get(seller.key, `/v1/buyers?email=${encodeURIComponent(email.toUpperCase())}`)).json()).toMatchObject({ id: a.id });
    const pending = await t.member(['buyer'], { approved: false });
    const pendingEmail = (await get(pending.key, '/v1/members/me')).json().email as string;
    expect((await get(seller.key, `/v1/buyers?email=${encodeURIComponent(pendingEmail)}`)).statusCode).toBe(404);
    expect((await get(a.key, `/v1/buyers?email=${encodeURIComponent(email)}`)).statusCode).toBe(403);
  });
});
