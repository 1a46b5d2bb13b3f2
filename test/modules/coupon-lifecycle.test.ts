import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const uuid = () => crypto.randomUUID();
const hour = 3600_000;

describe('a coupon\'s life: reserve, release, redeem, give back', () => {
  let t: TestApp;
  let campaignId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.call(t.adminKey, { method: 'POST', url: '/v1/coupon-campaigns', payload: {
      name: 'Life', value: { kind: 'percent', percent: 10, capMinor: 5000 }, currency: 'TRY', limitTotal: 1000, perMemberLimit: 100,
      validFrom: new Date(Date.now() - hour).toISOString(), validTo: new Date(Date.now() + hour).toISOString(), codeMode: 'shared', sharedCode: 'LIFE-10',
    } });
    campaignId = res.json().id;
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, key: string) => t.call(key, { method: 'POST', url, payload });

  async function couponFor(): Promise<{ id: string; key: string; memberId: string }> {
    const m = await t.member(['buyer']);
    const id = uuid();
    expect((await post(`/v1/coupon-campaigns/${campaignId}/coupons`, { id, memberId: m.id }, t.adminKey)).statusCode).toBe(201);
    return { id, key: m.key, memberId: m.id };
  }

  it('reserves for one cart at a time until the reservation lapses', async () => {
    const c = await couponFor();
    const a = await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'cart-a', ttlSeconds: 60 }, c.key);
    expect(a.json()).toMatchObject({ state: 'reserved', cartId: 'cart-a' });
    expect((await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'cart-a' }, c.key)).statusCode).toBe(200);
    expect((await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'cart-b' }, c.key)).json().error.code).toBe('COUPON_RESERVED');
    await t.db.database.pool.query("UPDATE coupons.coupons SET reserved_until = now() - interval '1 second' WHERE id = $1", [c.id]);
    expect((await t.call(c.key, { method: 'GET', url: '/v1/coupons' })).json().items[0]).toMatchObject({ state: 'issued', cartId: null });
    expect((await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'cart-b' }, c.key)).json()).toMatchObject({ state: 'reserved', cartId: 'cart-b' });
  });

  it('releases a reservation, and releasing again changes nothing', async () => {
    const c = await couponFor();
    await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'cart-a' }, c.key);
    const released = await t.call(c.key, { method: 'DELETE', url: `/v1/coupons/${c.id}/reservation?cartId=cart-a` });
    expect(released.json()).toMatchObject({ state: 'issued', cartId: null });
    expect((await t.call(c.key, { method: 'DELETE', url: `/v1/coupons/${c.id}/reservation?cartId=cart-a` })).json().state).toBe('issued');
  });

  it('redeems once: the same order again is a replay, another order is refused', async () => {
    const c = await couponFor();
    await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'cart-a' }, c.key);
    const redeemed = await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'order-1', cartId: 'cart-a' }, c.key);
    expect(redeemed.json()).toMatchObject({ state: 'redeemed', orderId: 'order-1', cartId: null });
    expect((await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'order-1' }, c.key)).statusCode).toBe(200);
    expect((await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'order-2' }, c.key)).json().error.code).toBe('COUPON_ALREADY_REDEEMED');
  });

  it('lets exactly one of 20 concurrent orders redeem a coupon', async () => {
    const c = await couponFor();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`/v1/coupons/${c.id}/redemption`, { orderId: `order-${i}` }, c.key)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.json().error?.code === 'COUPON_ALREADY_REDEEMED')).toHaveLength(19);
  });

  it('gives a coupon back only for the order that redeemed it, after which it can be used again', async () => {
    const c = await couponFor();
    await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'order-1' }, c.key);
    expect((await post(`/v1/coupons/${c.id}/return`, { orderId: 'order-9' }, t.adminKey)).json().error.code).toBe('COUPON_NOT_REDEEMED_BY_ORDER');
    expect((await post(`/v1/coupons/${c.id}/return`, { orderId: 'order-1' }, c.key)).statusCode).toBe(403);
    expect((await post(`/v1/coupons/${c.id}/return`, { orderId: 'order-1' }, t.adminKey)).json()).toMatchObject({ state: 'issued', orderId: null });
    expect((await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'order-2' }, c.key)).json().state).toBe('redeemed');
  });

  it('refuses another member\'s coupon as if it did not exist, and an expired campaign\'s coupon', async () => {
    const c = await couponFor();
    const other = await t.member(['buyer']);
    const res = await post(`/v1/coupons/${c.id}/reservation`, { cartId: 'x' }, other.key);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('COUPON_NOT_YOURS');
    expect((await post(`/v1/coupons/${uuid()}/reservation`, { cartId: 'x' }, other.key)).statusCode).toBe(404);
    const late = await couponFor();
    await t.db.database.pool.query("UPDATE coupons.campaigns SET valid_from = now() - interval '2 hours', valid_to = now() - interval '1 hour' WHERE id = $1", [campaignId]);
    expect((await post(`/v1/coupons/${late.id}/redemption`, { orderId: 'o' }, late.key)).json().error.code).toBe('COUPON_EXPIRED');
    await t.db.database.pool.query("UPDATE coupons.campaigns SET valid_to = now() + interval '1 hour' WHERE id = $1", [campaignId]);
  });

  it('needs the member named when a service key redeems for the orders engine', async () => {
    const c = await couponFor();
    const svc = (await post('/v1/api-keys', { name: 'orders', service: true, scopes: ['coupons:write'] }, t.adminKey)).json().key;
    expect((await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'o-1' }, svc)).statusCode).toBe(400);
    expect((await post(`/v1/coupons/${c.id}/redemption`, { orderId: 'o-1', memberId: c.memberId }, svc)).json().state).toBe('redeemed');
  });
});
