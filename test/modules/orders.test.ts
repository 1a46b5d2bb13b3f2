import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { coinBalance, fundedBuyer, publishedListing } from '../helpers/market.js';
import { couponFixtures } from '../helpers/coupons.js';

describe('orders: buy-now paid from the wallet', () => {
  let t: TestApp;
  let seller: { id: string; key: string };
  beforeAll(async () => {
    t = await createTestApp();
    seller = await t.member(['seller']);
  });
  afterAll(() => t.close());

  const post = (key: string, url: string, payload?: object, headers: Record<string, string> = {}) => t.call(key, { method: 'POST', url, payload, headers });
  const balance = (memberId: string) => coinBalance(t, memberId);
  const quantity = async (id: string) => (await t.call(seller.key, { method: 'GET', url: `/v1/listings/${id}` })).json() as { quantity: number; state: string };

  const buyer = (coins: number) => fundedBuyer(t, coins);
  const listing = (over: Record<string, unknown> = {}) => publishedListing(t, seller, over);

  it('holds the price at purchase, pays the seller at completion, takes a rating once, and reverses the payment on refund', async () => {
    const b = await buyer(5_000);
    const id = await listing();
    const sellerBefore = await balance(seller.id);
    const bought = await post(b.key, '/v1/orders', { listingId: id, quantity: 2, expectedUnitPriceMinor: 1_000 });
    expect(bought.statusCode, bought.body).toBe(201);
    const order = bought.json();
    expect(order).toMatchObject({
      state: 'paid', lines: [{ listingId: id, quantity: 2, listPriceMinor: 1_000, unitPriceMinor: 1_000, surgeBp: 10_000 }], subtotalMinor: 2_000, totalMinor: 2_000, currency: 'COIN', buyerId: b.id, sellerId: seller.id,
    });
    expect(await balance(b.id)).toMatchObject({ posted: 5_000, available: 3_000 });
    expect(await quantity(id)).toMatchObject({ quantity: 1, state: 'active' });
    const step = (key: string, action: string) => post(key, `/v1/orders/${order.id}/${action}`);
    expect((await step(b.key, 'ship')).json().error.code).toBe('ORDER_ACTION_FORBIDDEN');
    expect((await step(b.key, 'rating')).statusCode).toBe(400); // no body
    expect((await post(b.key, `/v1/orders/${order.id}/rating`, { stars: 5 })).json().error.code).toBe('ORDER_STATE_CONFLICT');
    expect((await step(seller.key, 'ship')).json().state).toBe('shipped');
    expect((await step(seller.key, 'cancel')).json().error.code).toBe('ORDER_STATE_CONFLICT');
    expect((await step(seller.key, 'deliver')).json().state).toBe('delivered');
    const done = await step(b.key, 'complete');
    expect(done.json()).toMatchObject({ state: 'completed', history: [{ to: 'paid' }, { to: 'shipped' }, { to: 'delivered' }, { from: 'delivered', to: 'completed', by: b.id }] });
    expect(await balance(b.id)).toMatchObject({ posted: 3_000, available: 3_000 });
    expect((await balance(seller.id)).posted).toBe(sellerBefore.posted + 2_000);
    expect((await post(b.key, `/v1/orders/${order.id}/rating`, { stars: 4, comment: 'As described' })).statusCode).toBe(201);
    expect((await post(b.key, `/v1/orders/${order.id}/rating`, { stars: 5 })).json().error.code).toBe('ORDER_ALREADY_RATED');
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/orders/${order.id}` })).json().rating).toEqual({ stars: 4, comment: 'As described' });
    // The seller sees who rated which order; other buyers see a first name and an initial, and no order.
    const ratings = (key: string) => t.call(key, { method: 'GET', url: `/v1/sellers/${seller.id}/ratings` }).then((r) => r.json().items[0]);
    expect(await ratings(seller.key)).toMatchObject({ orderId: order.id, stars: 4, buyerName: expect.stringMatching(/^Member \d+$/) });
    expect(await ratings((await buyer(0)).key)).toMatchObject({ orderId: null, stars: 4, buyerName: expect.stringMatching(/^Member \d\.$/) });
    expect((await t.call(b.key, { method: 'GET', url: `/v1/sellers/${seller.id}` })).json().rating).toEqual({ average: 4, count: 1 });
    expect((await step(seller.key, 'refund')).json().state).toBe('refunded');
    expect(await balance(b.id)).toMatchObject({ posted: 5_000, available: 5_000 });
    expect((await balance(seller.id)).posted).toBe(sellerBefore.posted);
    // Only its buyer, its seller and admins see an order.
    const outsider = await buyer(0);
    expect((await t.call(outsider.key, { method: 'GET', url: `/v1/orders/${order.id}` })).statusCode).toBe(404);
    expect((await post(outsider.key, `/v1/orders/${order.id}/cancel`)).json().error.code).toBe('ORDER_NOT_FOUND');
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/orders/${order.id}` })).statusCode).toBe(200);
    const mine = (await t.call(seller.key, { method: 'GET', url: '/v1/orders?as=seller&state=refunded' })).json();
    expect(mine.items.map((o: { id: string }) => o.id)).toContain(order.id);
  });

  it('gives the stock and the hold back on cancel, reopening a listing its order sold out', async () => {
    const b = await buyer(5_000);
    const id = await listing({ quantity: 2 });
    const order = (await post(b.key, '/v1/orders', { listingId: id, quantity: 2 })).json();
    expect(await quantity(id)).toEqual(expect.objectContaining({ quantity: 0, state: 'sold' }));
    expect((await post(b.key, '/v1/orders', { listingId: id })).json().error.code).toBe('LISTING_NOT_FOUND'); // sold: not for buyers
    expect((await post(seller.key, `/v1/orders/${order.id}/cancel`)).json().state).toBe('cancelled');
    expect(await quantity(id)).toEqual(expect.objectContaining({ quantity: 2, state: 'active' }));
    expect(await balance(b.id)).toMatchObject({ posted: 5_000, available: 5_000 });
  });

  it('refuses with a stable code and changes nothing', async () => {
    const poor = await buyer(500);
    const rich = await buyer(1_000_000);
    const id = await listing();
    const list = await post(seller.key, '/v1/buyer-lists', { name: `vip-${crypto.randomUUID()}` });
    const hidden = await listing({ audience: { kind: 'restricted', listIds: [list.json().id], buyerIds: [] } });
    const cases: [string, { key: string }, object, number][] = [
      ['ORDER_PAYMENT_REFUSED', poor, { listingId: id }, 422],
      ['ORDER_OUT_OF_STOCK', rich, { listingId: id, quantity: 4 }, 409],
      ['ORDER_PRICE_CHANGED', rich, { listingId: id, expectedUnitPriceMinor: 900 }, 409],
      ['LISTING_NOT_FOUND', rich, { listingId: hidden }, 404],
      ['LISTING_NOT_FOUND', rich, { listingId: crypto.randomUUID() }, 404],
      ['VALIDATION_FAILED', rich, { listingId: id, quantity: 0 }, 400],
      ['VALIDATION_FAILED', rich, { listingId: id, quantity: 1.5 }, 400],
      ['VALIDATION_FAILED', rich, { listingId: 'x' }, 400],
      ['PAYMENT_METHOD_UNAVAILABLE', rich, { listingId: id, payment: 'card' }, 422],
    ];
    for (const [code, who, body, status] of cases) {
      const res = await post(who.key, '/v1/orders', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const both = await t.member(['seller', 'buyer']);
    const own = (await post(both.key, '/v1/listings', { title: 'Mine', category: 'x', priceMinor: 1, currency: 'COIN', quantity: 1, condition: 'new' })).json().id;
    await t.call(both.key, { method: 'PATCH', url: `/v1/listings/${own}`, payload: { state: 'active' } });
    expect((await post(both.key, '/v1/orders', { listingId: own })).json().error.code).toBe('ORDER_OWN_LISTING');
    expect(await quantity(id)).toMatchObject({ quantity: 3 });
    expect(await balance(poor.id)).toMatchObject({ available: 500 });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders.orders WHERE buyer_id = ANY(${[poor.id, rich.id]}::uuid[])`.execute(t.services.marketplace.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('answers a retried purchase with the same order (Idempotency-Key), taking the stock once', async () => {
    const b = await buyer(5_000);
    const id = await listing();
    const key = crypto.randomUUID();
    const [first, second] = [await post(b.key, '/v1/orders', { listingId: id }, { 'idempotency-key': key }), await post(b.key, '/v1/orders', { listingId: id }, { 'idempotency-key': key })];
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await quantity(id)).toMatchObject({ quantity: 2 });
  });

  it('applies promotions at purchase, pays their coin cashback at completion, and gives their uses back on cancel', async () => {
    const category = `promo${Date.now()}`;
    const promo = (body: object) => t.call(t.adminKey, { method: 'POST', url: '/v1/promotions', payload: { name: 'p', conditions: [{ kind: 'categories', ids: [category] }], ...body } });
    const off = (await promo({ action: { kind: 'percent_off', percent: 10 }, usesLimit: 2 })).json().id as string;
    await promo({ action: { kind: 'coin_cashback', percent: 5 } });
    const [b, c, d] = [await buyer(10_000), await buyer(10_000), await buyer(10_000)];
    const id = await listing({ category, quantity: 5 });
    const order = (await post(b.key, '/v1/orders', { listingId: id, quantity: 2 })).json();
    expect(order).toMatchObject({ subtotalMinor: 2_000, discountMinor: 200, cashbackCoins: 100, totalMinor: 1_800 }); // cashback on the original price
    expect(await balance(b.id)).toMatchObject({ available: 8_200 });
    for (const step of ['ship', 'complete']) await post(step === 'ship' ? seller.key : b.key, `/v1/orders/${order.id}/${step}`);
    expect(await balance(b.id)).toMatchObject({ posted: 8_300, available: 8_300 }); // 10,000 - 1,800 + 100 cashback
    // The second and last use of the 10 % goes to c; d then finds it used up: price again.
    const second = (await post(c.key, '/v1/orders', { listingId: id })).json();
    expect(second.discountMinor).toBe(100);
    const refused = await post(d.key, '/v1/orders', { listingId: id });
    expect([refused.statusCode, refused.json().error.code, refused.json().error.details?.promotionId]).toEqual([409, 'ORDER_PROMOTIONS_CHANGED', off]);
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/listings/${id}` })).json().quantity).toBe(2);
    // c cancels: the use comes back, and d now gets the discount.
    await post(c.key, `/v1/orders/${second.id}/cancel`);
    expect((await post(d.key, '/v1/orders', { listingId: id })).json()).toMatchObject({ discountMinor: 100, totalMinor: 900 });
  });

  it('redeems a coupon the buyer holds through the coupon engine, only where its campaign applies, and gives it back on cancel', async () => {
    const category = `coupon${Date.now()}`;
    const campaign = await couponFixtures(t).campaign(10, { value: { kind: 'fixed', amountMinor: 300 }, currency: 'COIN', targeting: { categories: [category] } });
    const b = await buyer(10_000);
    const other = await buyer(10_000);
    const issue = async (memberId: string) => {
      const res = await post(t.adminKey, `/v1/coupon-campaigns/${campaign}/coupons`, { id: crypto.randomUUID(), memberId });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const coupon = await issue(b.id);
    const [fits, elsewhere] = [await listing({ category, quantity: 5 }), await listing({ category: `${category}x` })];
    const refused = await post(b.key, '/v1/orders', { listingId: elsewhere, couponId: coupon });
    expect([refused.statusCode, refused.json().error.code, refused.json().error.details]).toEqual([422, 'ORDER_COUPON_NOT_APPLICABLE', { reason: 'category' }]);
    expect((await post(other.key, '/v1/orders', { listingId: fits, couponId: coupon })).json().error.code).toBe('COUPON_NOT_YOURS');
    expect(await quantity(elsewhere)).toMatchObject({ quantity: 3 });
    const order = (await post(b.key, '/v1/orders', { listingId: fits, couponId: coupon })).json();
    expect(order).toMatchObject({ discountMinor: 300, coupon: { id: coupon, discountMinor: 300 }, totalMinor: 700 });
    expect((await post(b.key, '/v1/orders', { listingId: fits, couponId: coupon })).json().error.code).toBe('COUPON_ALREADY_REDEEMED');
    await post(b.key, `/v1/orders/${order.id}/cancel`);
    expect((await post(b.key, '/v1/orders', { listingId: fits, couponId: coupon })).json()).toMatchObject({ totalMinor: 700 });
  });

  it('sells exactly the stock to 40 buyers racing for 10 units, charging exactly the winners', async () => {
    const id = await listing({ quantity: 10, priceMinor: 700 });
    const buyers = await Promise.all(Array.from({ length: 40 }, (_, i) => buyer(i % 4 === 0 ? 100 : 1_000)));
    const results = await Promise.all(buyers.map((b) => post(b.key, '/v1/orders', { listingId: id })));
    const codes = results.map((r) => (r.statusCode === 201 ? 'ok' : r.json().error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    // A buyer who cannot pay never wins; the others lose to the stock (sold out: no longer for sale, so not found).
    codes.forEach((c, i) => expect(c).toMatch(i % 4 === 0 ? /^(ORDER_PAYMENT_REFUSED|LISTING_NOT_FOUND|ORDER_OUT_OF_STOCK)$/ : /^(ok|LISTING_NOT_FOUND|ORDER_OUT_OF_STOCK)$/));
    const { rows } = await sql<{ n: number; held: number }>`SELECT count(*)::int AS n, sum(total_minor)::int AS held FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id WHERE l.listing_id = ${id}`.execute(t.services.marketplace.db);
    expect(rows[0]).toEqual({ n: 10, held: 7_000 });
    expect(await quantity(id)).toMatchObject({ quantity: 0, state: 'sold' });
    for (const [i, b] of buyers.entries()) {
      const bal = await balance(b.id);
      const funded = i % 4 === 0 ? 100 : 1_000;
      expect(bal.available).toBe(codes[i] === 'ok' ? funded - 700 : funded);
    }
  });
});
