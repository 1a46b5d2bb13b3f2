import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const uuid = () => crypto.randomUUID();
const hour = 3600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const window = () => ({ validFrom: iso(-hour), validTo: iso(hour) });

/** The wheel's and the coupons' refusals over HTTP: each has its own code, and none of them takes anything. */
describe('the wheel\'s rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, key = t.adminKey) => t.call(key, { method: 'POST', url, payload });
  const spin = (wheelId: string, key: string, id = uuid()) => post(`/v1/wheels/${wheelId}/spins`, { id }, key);
  const errorOf = (res: { statusCode: number; json(): any }) => ({ status: res.statusCode, code: res.json().error?.code });

  /**
   * Refusal tests use a campaign of 2: a lease then holds one unit at a time (a quarter of what is
   * left, at least 1), so a unit a refused spin failed to give back would leave the last spin empty.
   */
  async function campaign(limitTotal: number, perMemberLimit = 5): Promise<string> {
    const res = await post('/v1/coupon-campaigns', {
      name: `rules ${limitTotal}`, value: { kind: 'fixed', amountMinor: 1000 }, currency: 'TRY', limitTotal, perMemberLimit, ...window(),
      codeMode: 'shared', sharedCode: `R-${crypto.randomBytes(4).toString('hex')}`,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  /** A wheel whose only slice is a coupon of the campaign. */
  async function couponWheel(campaignId: string, over: Record<string, unknown> = {}): Promise<string> {
    const res = await post('/v1/wheels', { name: 'Rules wheel', weightMode: 'stock', ...window(), slices: [{ kind: 'coupon', label: '10 off', campaignId }], ...over });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  /** The campaign's stock as an admin reads it. */
  async function stock(campaignId: string): Promise<{ issued: number; leased: number; remaining: number }> {
    const { issued, leased, remaining } = (await t.call(t.adminKey, { method: 'GET', url: `/v1/coupon-campaigns/${campaignId}` })).json();
    return { issued, leased, remaining };
  }

  /** Spins counted against the member's daily limit on the wheel, over all days. */
  async function spinsCounted(wheelId: string, memberId: string): Promise<number> {
    const { rows } = await t.db.database.pool.query('SELECT coalesce(sum(spins), 0)::int AS n FROM coupons.spin_counts WHERE wheel_id = $1 AND member_id = $2', [wheelId, memberId]);
    return rows[0].n;
  }

  async function couponsOf(key: string): Promise<{ id: string; state: string; cartId: string | null; orderId: string | null }[]> {
    return (await t.call(key, { method: 'GET', url: '/v1/coupons' })).json().items;
  }

  it('refuses spins on a wheel that has ended or not yet started, taking nothing', async () => {
    const c = await campaign(10);
    const ended = await couponWheel(c, { validFrom: iso(-2 * hour), validTo: iso(-hour) });
    const notYet = await couponWheel(c, { validFrom: iso(hour), validTo: iso(2 * hour) });
    const m = await t.member(['buyer']);
    expect(errorOf(await spin(ended, m.key))).toEqual({ status: 409, code: 'WHEEL_NOT_ACTIVE' });
    expect(errorOf(await spin(notYet, m.key))).toEqual({ status: 409, code: 'WHEEL_NOT_ACTIVE' });
    expect(await stock(c)).toEqual({ issued: 0, leased: 0, remaining: 10 });
    expect(await couponsOf(m.key)).toEqual([]);
  });

  it('refuses a spin by an unverified member, by a service key, and on an unknown wheel', async () => {
    const c = await campaign(10);
    const w = await couponWheel(c);
    const pending = await t.member(['buyer'], { approved: false });
    expect(errorOf(await spin(w, pending.key))).toEqual({ status: 403, code: 'MEMBER_NOT_VERIFIED' });
    const service = (await post('/v1/api-keys', { name: 'orders', service: true, scopes: ['coupons:write'] })).json().key;
    expect(errorOf(await spin(w, service))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const m = await t.member(['buyer']);
    expect(errorOf(await spin(uuid(), m.key))).toEqual({ status: 404, code: 'WHEEL_NOT_FOUND' });
    expect(await stock(c)).toEqual({ issued: 0, leased: 0, remaining: 10 });
  });

  it('refuses a second spin on the same day when spinsPerDay is 1, taking nothing', async () => {
    const c = await campaign(2);
    const w = await couponWheel(c, { spinsPerDay: 1 });
    const [m, other] = [await t.member(['buyer']), await t.member(['buyer'])];
    expect((await spin(w, m.key)).statusCode).toBe(201);
    expect(errorOf(await spin(w, m.key))).toEqual({ status: 409, code: 'WHEEL_DAILY_LIMIT_REACHED' });
    expect((await stock(c)).issued).toBe(1);
    expect(await couponsOf(m.key)).toHaveLength(1);
    expect(await spinsCounted(w, m.id)).toBe(1);
    // The refused spin gave back the unit it had drawn: the last one is still there to win.
    expect((await spin(w, other.key)).json().outcome).toMatchObject({ kind: 'coupon', campaignId: c });
  });

  it('answers WHEEL_EXHAUSTED once the only prize is gone, and counts no spin for it', async () => {
    const c = await campaign(1);
    const w = await couponWheel(c, { spinsPerDay: 1 });
    const [first, second] = [await t.member(['buyer']), await t.member(['buyer'])];
    const winning = uuid();
    const won = await spin(w, first.key, winning);
    expect(won.json().outcome).toMatchObject({ kind: 'coupon', campaignId: c });
    expect(await stock(c)).toEqual({ issued: 1, leased: 0, remaining: 0 });
    expect(errorOf(await spin(w, second.key))).toEqual({ status: 409, code: 'WHEEL_EXHAUSTED' });
    expect(await stock(c)).toEqual({ issued: 1, leased: 0, remaining: 0 });
    expect(await couponsOf(second.key)).toEqual([]);
    expect(await spinsCounted(w, second.id)).toBe(0);
    // The winner's retry still answers with what it won.
    expect((await spin(w, first.key, winning)).json()).toEqual(won.json());
  });

  it('answers WHEEL_EXHAUSTED to a member holding its per-member limit, giving the unit back and counting no spin', async () => {
    const c = await campaign(2, 1);
    const w = await couponWheel(c, { spinsPerDay: 5 });
    const [holder, other] = [await t.member(['buyer']), await t.member(['buyer'])];
    expect((await spin(w, holder.key)).statusCode).toBe(201);
    expect(errorOf(await spin(w, holder.key))).toEqual({ status: 409, code: 'WHEEL_EXHAUSTED' });
    expect((await stock(c)).issued).toBe(1);
    expect(await couponsOf(holder.key)).toHaveLength(1);
    expect(await spinsCounted(w, holder.id)).toBe(1);
    expect((await spin(w, other.key)).json().outcome).toMatchObject({ kind: 'coupon', campaignId: c });
  });

  it('answers a retried spin with its outcome, and refuses its id for another member without using that member\'s spin', async () => {
    const c = await campaign(2);
    const w = await couponWheel(c, { spinsPerDay: 1 });
    const [a, b] = [await t.member(['buyer']), await t.member(['buyer'])];
    const spinId = uuid();
    const first = await spin(w, a.key, spinId);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await spin(w, a.key, spinId);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(errorOf(await spin(w, b.key, spinId))).toEqual({ status: 409, code: 'SPIN_EXISTS_WITH_DIFFERENT_FIELDS' });
    expect((await stock(c)).issued).toBe(1);
    expect(await couponsOf(a.key)).toHaveLength(1);
    expect(await couponsOf(b.key)).toEqual([]);
    // Neither refusal used b's spin of the day nor kept the unit it drew: b wins the last coupon.
    expect((await spin(w, b.key)).json().outcome).toMatchObject({ kind: 'coupon', campaignId: c });
  });

  it('refuses to redeem another member\'s coupon as not found, leaving it as it was', async () => {
    const c = await campaign(10);
    const w = await couponWheel(c);
    const [owner, other] = [await t.member(['buyer']), await t.member(['buyer'])];
    const { couponId } = (await spin(w, owner.key)).json().outcome;
    expect(errorOf(await post(`/v1/coupons/${couponId}/redemption`, { orderId: 'order-1' }, other.key))).toEqual({ status: 404, code: 'COUPON_NOT_YOURS' });
    expect(errorOf(await post(`/v1/coupons/${couponId}/reservation`, { cartId: 'cart-1' }, other.key))).toEqual({ status: 404, code: 'COUPON_NOT_YOURS' });
    expect(await couponsOf(owner.key)).toMatchObject([{ id: couponId, state: 'issued', cartId: null, orderId: null }]);
    expect((await post(`/v1/coupons/${couponId}/redemption`, { orderId: 'order-1' }, owner.key)).json().state).toBe('redeemed');
  });

  it('refuses to reserve a coupon whose campaign has ended or not yet started, leaving it as it was', async () => {
    const c = await campaign(10);
    const m = await t.member(['buyer']);
    const couponId = uuid();
    expect((await post(`/v1/coupon-campaigns/${c}/coupons`, { id: couponId, memberId: m.id })).statusCode).toBe(201);
    const setWindow = (from: string, to: string) => t.db.database.pool.query(`UPDATE coupons.campaigns SET valid_from = now() + interval '${from}', valid_to = now() + interval '${to}' WHERE id = $1`, [c]);
    await setWindow('-2 hours', '-1 hour');
    expect(errorOf(await post(`/v1/coupons/${couponId}/reservation`, { cartId: 'cart-1' }, m.key))).toEqual({ status: 409, code: 'COUPON_EXPIRED' });
    await setWindow('1 hour', '2 hours');
    expect(errorOf(await post(`/v1/coupons/${couponId}/reservation`, { cartId: 'cart-1' }, m.key))).toEqual({ status: 409, code: 'COUPON_NOT_YET_VALID' });
    expect(await couponsOf(m.key)).toMatchObject([{ id: couponId, state: 'issued', cartId: null, orderId: null }]);
  });

  it('gives no coupon of a campaign that has ended, even with its units leased before the end', async () => {
    const c = await campaign(10);
    const w = await couponWheel(c);
    const [early, late] = [await t.member(['buyer']), await t.member(['buyer'])];
    expect((await spin(w, early.key)).json().outcome).toMatchObject({ kind: 'coupon', campaignId: c });
    await t.db.database.pool.query("UPDATE coupons.campaigns SET valid_from = now() - interval '2 hours', valid_to = now() - interval '1 second' WHERE id = $1", [c]);
    expect(errorOf(await spin(w, late.key))).toEqual({ status: 409, code: 'WHEEL_EXHAUSTED' });
    expect(await couponsOf(late.key)).toEqual([]);
  });
});
