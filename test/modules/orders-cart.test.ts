import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { couponFixtures } from '../helpers/coupons.js';
import { coinBalance, fundedBuyer, publishedListing } from '../helpers/market.js';

describe('orders: a cart of one seller\'s listings, quoted and checked out', () => {
  let t: TestApp;
  let seller: { id: string; key: string };
  let promotion: string;
  beforeAll(async () => {
    t = await createTestApp();
    seller = await t.member(['seller']);
    // 10 % off this seller's carts from 3,000 up.
    const created = await t.call(t.adminKey, {
      method: 'POST', url: '/v1/promotions',
      payload: { name: 'Ten off from 30', conditions: [{ kind: 'sellers', ids: [seller.id] }, { kind: 'min_cart_amount', amountMinor: 3_000 }], action: { kind: 'percent_off', percent: 10 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    promotion = created.json().id;
  });
  afterAll(() => t.close());

  const post = (key: string, url: string, payload?: object) => t.call(key, { method: 'POST', url, payload });
  const stock = async (id: string) => (await t.call(seller.key, { method: 'GET', url: `/v1/listings/${id}` })).json() as { quantity: number; state: string };
  const pair = async () => [await publishedListing(t, seller, { category: 'a' }), await publishedListing(t, seller, { priceMinor: 500, quantity: 2, category: 'b' })] as const;

  it('quotes a cart without taking anything, with the near miss the buyer can close', async () => {
    const b = await fundedBuyer(t, 10_000);
    const [a, c] = await pair();
    const quote = await post(b.key, '/v1/orders/quote', { lines: [{ listingId: a }, { listingId: c, quantity: 2 }] });
    expect(quote.statusCode, quote.body).toBe(200);
    expect(quote.json()).toMatchObject({
      sellerId: seller.id, currency: 'COIN', subtotalMinor: 2_000, discountMinor: 0, totalMinor: 2_000,
      lines: [{ listingId: a, quantity: 1, unitPriceMinor: 1_000 }, { listingId: c, quantity: 2, unitPriceMinor: 500 }],
      promotions: { applied: [], nearMisses: [{ promotionId: promotion, name: 'Ten off from 30', missingMinor: 1_000 }] },
    });
    expect(quote.json().promotions.notApplied).toContainEqual(expect.objectContaining({ promotionId: promotion, failures: [expect.objectContaining({ condition: 'min_cart_amount', missingMinor: 1_000 })] }));
    // Promotions aimed at other members, or behind a code, are not named to this buyer.
    const hidden = await Promise.all([[{ kind: 'member_groups', groups: ['staff'] }], [{ kind: 'coupon_code', code: 'SECRET' }]].map(async (conditions) =>
      (await post(t.adminKey, '/v1/promotions', { name: 'Staff only', conditions: [{ kind: 'sellers', ids: [seller.id] }, ...conditions], action: { kind: 'percent_off', percent: 40 } })).json().id as string));
    const again = (await post(b.key, '/v1/orders/quote', { lines: [{ listingId: a }, { listingId: c, quantity: 2 }] })).json();
    expect(again.promotions.notApplied.map((n: { promotionId: string }) => n.promotionId)).not.toEqual(expect.arrayContaining([hidden[0]]));
    expect(again.promotions.notApplied.map((n: { promotionId: string }) => n.promotionId)).not.toEqual(expect.arrayContaining([hidden[1]]));
    for (const id of hidden) await t.call(t.adminKey, { method: 'PATCH', url: `/v1/promotions/${id}`, payload: { active: false } });
    const more = (await post(b.key, '/v1/orders/quote', { lines: [{ listingId: a, quantity: 2 }, { listingId: c, quantity: 2 }] })).json();
    expect(more).toMatchObject({ subtotalMinor: 3_000, discountMinor: 300, totalMinor: 2_700, promotions: { applied: [{ promotionId: promotion, name: 'Ten off from 30', discountMinor: 300 }] } });
    expect([await stock(a), await stock(c), await coinBalance(t, b.id)]).toMatchObject([{ quantity: 3 }, { quantity: 2 }, { available: 10_000 }]);
  });

  it('checks out the cart in one order at the quoted total, and a cancel gives every line\'s stock back', async () => {
    const b = await fundedBuyer(t, 10_000);
    const [a, c] = await pair();
    const lines = [{ listingId: c, quantity: 2, expectedUnitPriceMinor: 500 }, { listingId: a, quantity: 2 }];
    const bought = await post(b.key, '/v1/orders', { lines });
    expect(bought.statusCode, bought.body).toBe(201);
    const order = bought.json();
    expect(order).toMatchObject({
      buyerName: expect.stringMatching(/^Member /), sellerName: expect.stringMatching(/^Member /),
      state: 'paid', subtotalMinor: 3_000, discountMinor: 300, totalMinor: 2_700,
      lines: [{ listingId: c, title: 'Vintage camera', quantity: 2, unitPriceMinor: 500 }, { listingId: a, quantity: 2, unitPriceMinor: 1_000 }],
    });
    expect([await stock(a), await stock(c), await coinBalance(t, b.id)]).toMatchObject([{ quantity: 1, state: 'active' }, { quantity: 0, state: 'sold' }, { available: 7_300 }]);
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/orders/${order.id}` })).json().lines).toHaveLength(2);
    const holds = async () => (await t.call(b.key, { method: 'GET', url: '/v1/wallet/holds' })).json().items;
    expect(await holds()).toEqual([expect.objectContaining({ kind: 'pending', amount: 2_700, asset: 'COIN', reference: `order:${order.id}`, status: 'pending' })]);
    expect((await post(b.key, `/v1/orders/${order.id}/cancel`)).json().state).toBe('cancelled');
    expect([await stock(a), await stock(c), await coinBalance(t, b.id)]).toMatchObject([{ quantity: 3, state: 'active' }, { quantity: 2, state: 'active' }, { available: 10_000 }]);
    expect(await holds()).toEqual([]);
  });

  it('values a coupon on the cart lines its campaign targets, in the quote as at checkout', async () => {
    const b = await fundedBuyer(t, 10_000);
    const [a, c] = await pair();
    const campaign = await couponFixtures(t).campaign(5, { value: { kind: 'percent', percent: 50 }, currency: 'COIN', targeting: { categories: ['b'] } });
    const coupon = (await post(t.adminKey, `/v1/coupon-campaigns/${campaign}/coupons`, { id: crypto.randomUUID(), memberId: b.id })).json().id as string;
    const cart = { lines: [{ listingId: a }, { listingId: c, quantity: 2 }], couponId: coupon };
    const quote = (await post(b.key, '/v1/orders/quote', cart)).json();
    expect(quote).toMatchObject({ subtotalMinor: 2_000, discountMinor: 500, totalMinor: 1_500, coupon: { id: coupon, discountMinor: 500 } }); // half of c's 1,000 only
    const order = (await post(b.key, '/v1/orders', cart)).json();
    expect(order).toMatchObject({ totalMinor: 1_500, coupon: { id: coupon, discountMinor: 500 } });
    expect((await post(b.key, '/v1/orders/quote', { lines: [{ listingId: a }], couponId: coupon })).json().error.code).toBe('COUPON_ALREADY_REDEEMED');
  });

  it('refuses a cart of two sellers, a listing twice, too much of one line, or both forms at once, and takes nothing', async () => {
    const b = await fundedBuyer(t, 10_000);
    const [a, c] = await pair();
    const elsewhere = await publishedListing(t, await t.member(['seller']));
    const cases: [object, number, string][] = [
      [{ lines: [{ listingId: a }, { listingId: elsewhere }] }, 422, 'ORDER_CART_MIXED'],
      [{ lines: [{ listingId: a }, { listingId: a.toUpperCase() }] }, 400, 'VALIDATION_FAILED'],
      [{ lines: [{ listingId: a }, { listingId: c, quantity: 3 }] }, 409, 'ORDER_OUT_OF_STOCK'],
      [{ listingId: a, lines: [{ listingId: c }] }, 400, 'VALIDATION_FAILED'],
      [{ quantity: 2, lines: [{ listingId: c }] }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
      [{ lines: [] }, 400, 'VALIDATION_FAILED'],
    ];
    for (const url of ['/v1/orders', '/v1/orders/quote']) {
      for (const [body, status, code] of cases) {
        const res = await post(b.key, url, body);
        expect([url, body, res.statusCode, res.json().error?.code]).toEqual([url, body, status, code]);
      }
    }
    const short = (await post(b.key, '/v1/orders', { lines: [{ listingId: a }, { listingId: c, quantity: 3 }] })).json().error.details;
    expect(short).toEqual({ listingId: c, available: 2 });
    expect([await stock(a), await stock(c), await coinBalance(t, b.id)]).toMatchObject([{ quantity: 3 }, { quantity: 2 }, { available: 10_000 }]);
  });

  it('sells two listings exactly to 30 carts racing for them in opposite orders, without a deadlock', async () => {
    const [a, c] = [await publishedListing(t, seller, { quantity: 10, priceMinor: 100 }), await publishedListing(t, seller, { quantity: 10, priceMinor: 100 })];
    const buyers = await Promise.all(Array.from({ length: 30 }, () => fundedBuyer(t, 1_000)));
    const results = await Promise.all(buyers.map((b, i) => post(b.key, '/v1/orders', { lines: i % 2 ? [{ listingId: a }, { listingId: c }] : [{ listingId: c }, { listingId: a }] })));
    const codes = results.map((r) => (r.statusCode === 201 ? 'ok' : r.json().error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.every((c) => /^(ok|LISTING_NOT_FOUND|ORDER_OUT_OF_STOCK)$/.test(c))).toBe(true);
    expect([await stock(a), await stock(c)]).toMatchObject([{ quantity: 0, state: 'sold' }, { quantity: 0, state: 'sold' }]);
    const spent = await Promise.all(buyers.map(async (b) => 1_000 - (await coinBalance(t, b.id)).available));
    expect(spent.filter((s) => s === 200)).toHaveLength(10);
    expect(spent.filter((s) => s !== 0 && s !== 200)).toEqual([]);
  });
});
