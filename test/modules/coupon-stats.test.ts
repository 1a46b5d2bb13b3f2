import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { couponFixtures, HOUR_MS } from '../helpers/coupons.js';

const uuid = () => crypto.randomUUID();
const hour = HOUR_MS;

describe('admin reads of campaigns and wheels', () => {
  let t: TestApp;
  let f: ReturnType<typeof couponFixtures>;
  beforeAll(async () => {
    t = await createTestApp();
    f = couponFixtures(t);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, key = t.adminKey) => t.call(key, { method: 'POST', url, payload });
  const get = (url: string, key = t.adminKey) => t.call(key, { method: 'GET', url });
  const sqlQuery = (text: string, values: unknown[]) => t.db.database.pool.query(text, values);

  async function issue(campaignId: string, memberId: string): Promise<string> {
    const id = uuid();
    expect((await post(`/v1/coupon-campaigns/${campaignId}/coupons`, { id, memberId })).statusCode).toBe(201);
    return id;
  }

  it('counts coupons by state through issue, reserve, lapse, redeem and return, and stock with leases', async () => {
    const id = await f.campaign(10, { perMemberLimit: 2 });
    const [a, b, c] = [await t.member(['buyer']), await t.member(['buyer']), await t.member(['buyer'])];
    const [a1, , b1, c1] = [await issue(id, a.id), await issue(id, a.id), await issue(id, b.id), await issue(id, c.id)];
    const stats = async () => (await get(`/v1/coupon-campaigns/${id}/stats`)).json();
    expect(await stats()).toEqual({
      campaignId: id, ownerSellerId: null, limitTotal: 10, issued: 4, leased: 0, remaining: 6,
      unused: 4, reserved: 0, redeemed: 0, returned: 0, perMember: { limit: 2, holders: 3, atLimit: 1 },
    });

    expect((await post(`/v1/coupons/${a1}/reservation`, { cartId: 'cart-a' }, a.key)).statusCode).toBe(200);
    expect((await post(`/v1/coupons/${b1}/reservation`, { cartId: 'cart-b' }, b.key)).statusCode).toBe(200);
    expect(await stats()).toMatchObject({ unused: 2, reserved: 2, redeemed: 0 });
    // A reservation past its time is no reservation.
    await sqlQuery("UPDATE coupons.coupons SET reserved_until = now() - interval '1 second' WHERE id = $1", [b1]);
    expect(await stats()).toMatchObject({ unused: 3, reserved: 1, redeemed: 0 });

    expect((await post(`/v1/coupons/${a1}/redemption`, { orderId: 'order-a1', cartId: 'cart-a' }, a.key)).statusCode).toBe(200);
    expect((await post(`/v1/coupons/${c1}/redemption`, { orderId: 'order-c1' }, c.key)).statusCode).toBe(200);
    expect(await stats()).toMatchObject({ unused: 2, reserved: 0, redeemed: 2, returned: 0 });

    expect((await post(`/v1/coupons/${c1}/return`, { orderId: 'order-c1' })).statusCode).toBe(200);
    expect(await stats()).toMatchObject({ unused: 3, reserved: 0, redeemed: 1, returned: 1 });
    // A refused give-back (the same order again) counts nothing; a second return of the coupon counts again.
    expect((await post(`/v1/coupons/${c1}/return`, { orderId: 'order-c1' })).json().error.code).toBe('COUPON_NOT_REDEEMED_BY_ORDER');
    expect((await post(`/v1/coupons/${c1}/redemption`, { orderId: 'order-c2' }, c.key)).statusCode).toBe(200);
    expect((await post(`/v1/coupons/${c1}/return`, { orderId: 'order-c2' })).statusCode).toBe(200);
    expect(await stats()).toMatchObject({ unused: 3, reserved: 0, redeemed: 1, returned: 2, issued: 4, remaining: 6 });

    // Units leased out are neither issued nor remaining.
    await sqlQuery('UPDATE coupons.campaigns SET leased_units = 3 WHERE id = $1', [id]);
    expect(await stats()).toMatchObject({ limitTotal: 10, issued: 4, leased: 3, remaining: 3 });
  });

  it('shows a seller its own campaign\'s numbers and another seller\'s campaign as not found', async () => {
    const owner = await t.member(['seller']);
    const other = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const id = await f.campaign(5, {}, owner.key);
    const mine = await get(`/v1/coupon-campaigns/${id}/stats`, owner.key);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ ownerSellerId: owner.id, limitTotal: 5, remaining: 5 });
    expect((await get(`/v1/coupon-campaigns/${id}/stats`)).statusCode).toBe(200);
    const theirs = await get(`/v1/coupon-campaigns/${id}/stats`, other.key);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('COUPON_CAMPAIGN_NOT_FOUND');
    expect((await get(`/v1/coupon-campaigns/${id}/stats`, buyer.key)).statusCode).toBe(403);
    expect((await get(`/v1/coupon-campaigns/${uuid()}/stats`)).json().error.code).toBe('COUPON_CAMPAIGN_NOT_FOUND');
  });

  it('lets only admins read a wheel\'s state', async () => {
    const id = await f.wheel([{ kind: 'nothing', label: 'Try again', weight: 1 }]);
    for (const roles of [['buyer'], ['seller']] as const) {
      const m = await t.member([...roles]);
      const res = await get(`/v1/wheels/${id}/state`, m.key);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await get(`/v1/wheels/${id}/state`)).statusCode).toBe(200);
    expect((await get(`/v1/wheels/${uuid()}/state`)).json().error.code).toBe('WHEEL_NOT_FOUND');
  });

  it('counts each slice\'s hits as the spins that landed on it, and what each prize slice has left', async () => {
    const couponCampaign = await f.campaign(3, { perMemberLimit: 3 });
    const budget = await f.coinBudget(2, 100);
    const id = await f.wheel([
      { kind: 'coupon', label: '15 off', campaignId: couponCampaign },
      { kind: 'coins', label: '100 coins', coinAmount: 100, coinSourceAccountId: budget },
      { kind: 'nothing', label: 'Try again', weight: 5 },
    ]);
    const m = await t.member(['buyer']);
    const landed = [0, 0, 0];
    for (let i = 0; i < 12; i++) {
      const res = await post(`/v1/wheels/${id}/spins`, { id: uuid() }, m.key);
      expect(res.statusCode).toBe(201);
      landed[res.json().outcome.position as number]! += 1;
    }
    const [coupons, coins, nothing] = landed as [number, number, number];
    const res = await get(`/v1/wheels/${id}/state`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      wheelId: id, active: true, totalSpins: 12, spinsByKind: { coupon: coupons, coins, nothing },
      slices: [
        { position: 0, kind: 'coupon', label: '15 off', hits: coupons, left: { kind: 'coupon', campaignId: couponCampaign, campaignActive: true, remaining: 3 - coupons, leased: 0 } },
        { position: 1, kind: 'coins', label: '100 coins', hits: coins, left: { kind: 'coins', accountId: budget, coinAmount: 100, available: 100 * (2 - coins), prizes: 2 - coins } },
        { position: 2, kind: 'nothing', label: 'Try again', hits: nothing, left: null },
      ],
      exhausted: coupons === 3 && coins === 2,
    });
    const { rows } = await sqlQuery('SELECT slice_position, count(*)::int AS n FROM coupons.spins WHERE wheel_id = $1 GROUP BY 1 ORDER BY 1', [id]);
    expect(rows.map((r) => r.n)).toEqual(landed.filter((n) => n > 0));
  });

  it('counts hits once per stored spin, and takes back those of spins taken back in their own transaction', async () => {
    const id = await f.wheel([{ kind: 'nothing', label: 'A', weight: 1 }, { kind: 'nothing', label: 'B', weight: 1 }], { weightMode: 'explicit' });
    const member = crypto.randomUUID();
    const client = await t.db.database.pool.connect();
    try {
      await client.query('BEGIN');
      const spin = (position: number | null) => client.query(
        `INSERT INTO coupons.spins (id, wheel_id, member_id, spin_day, slice_position, outcome) VALUES ($1, $2, $3, current_date, $4, '{}'), ($5, $2, $3, current_date, $4, '{}')`,
        [uuid(), id, member, position, uuid()]);
      await spin(0);
      await spin(1);
      await spin(null); // nothing left to win: not a hit
      await client.query('DELETE FROM coupons.spins WHERE wheel_id = $1 AND slice_position = 1', [id]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const state = (await get(`/v1/wheels/${id}/state`)).json();
    expect(state.slices.map((s: { hits: number }) => s.hits)).toEqual([2, 0]);
    expect(state.totalSpins).toBe(2);
  });

  it('says a wheel is exhausted once every prize slice has nothing left, and inactive outside its window', async () => {
    const id = await f.wheel([
      { kind: 'coupon', label: 'Last coupon', campaignId: await f.campaign(1) },
      { kind: 'coins', label: 'Last coins', coinAmount: 50, coinSourceAccountId: await f.coinBudget(1, 50) },
    ]);
    expect((await get(`/v1/wheels/${id}/state`)).json()).toMatchObject({ exhausted: false, totalSpins: 0 });
    const m = await t.member(['buyer']);
    for (let i = 0; i < 2; i++) expect((await post(`/v1/wheels/${id}/spins`, { id: uuid() }, m.key)).statusCode).toBe(201);
    expect((await post(`/v1/wheels/${id}/spins`, { id: uuid() }, m.key)).json().error.code).toBe('WHEEL_EXHAUSTED');
    const state = (await get(`/v1/wheels/${id}/state`)).json();
    expect(state).toMatchObject({ active: true, exhausted: true, totalSpins: 2, spinsByKind: { coupon: 1, coins: 1, nothing: 0 } });
    expect(state.slices.map((s: { hits: number }) => s.hits)).toEqual([1, 1]);
    expect(state.slices[0].left).toMatchObject({ remaining: 0, leased: 0 });
    expect(state.slices[1].left).toMatchObject({ available: 0, prizes: 0 });

    const past = await f.wheel([{ kind: 'nothing', label: 'x', weight: 1 }], { validFrom: new Date(Date.now() - 2 * hour).toISOString(), validTo: new Date(Date.now() - hour).toISOString() });
    expect((await get(`/v1/wheels/${past}/state`)).json()).toMatchObject({ active: false, totalSpins: 0, exhausted: true });
  });
});
