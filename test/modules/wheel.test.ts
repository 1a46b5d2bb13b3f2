import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { couponFixtures, HOUR_MS, openWindow } from '../helpers/coupons.js';

const uuid = () => crypto.randomUUID();
const hour = HOUR_MS;
const window = openWindow;

describe('the prize wheel', () => {
  let t: TestApp;
  let f: ReturnType<typeof couponFixtures>;
  beforeAll(async () => {
    t = await createTestApp();
    f = couponFixtures(t);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, key = t.adminKey) => t.call(key, { method: 'POST', url, payload: payload as object });

  it('never gives away more than each slice holds under 600 concurrent spins, then says it is empty', async () => {
    const fifteens = await f.campaign(30);
    const fifties = await f.campaign(20);
    const budget = await f.coinBudget(25, 100);
    const id = await f.wheel([
      { kind: 'coupon', label: '15 off', campaignId: fifteens },
      { kind: 'coupon', label: '50 off', campaignId: fifties },
      { kind: 'coins', label: '100 coins', coinAmount: 100, coinSourceAccountId: budget },
    ]);
    const wheels = t.services.wheels;
    const members = (await t.db.database.pool.query<{ id: string }>(`
      INSERT INTO members.members (id, email, display_name, roles, verification_state)
      SELECT gen_random_uuid(), 'spinner' || i || '-' || $1 || '@test.local', 'Spinner', '{buyer}', 'approved' FROM generate_series(1, 600) i
      RETURNING id`, [uuid()])).rows.map((r) => r.id);
    // 600 spins by 30 concurrent workers (as many as the pool has connections).
    const results: Awaited<ReturnType<typeof wheels.spin>>[] = [];
    let left = 600;
    await Promise.all(Array.from({ length: 30 }, async () => {
      while (left-- > 0) results.push(await wheels.spin({ id: uuid(), wheelId: id, memberId: members[left]!, timeZone: 'UTC' }));
    }));
    expect(results).toHaveLength(600);
    const won = results.flatMap((r) => (r.ok ? [r.value.spin.outcome] : []));
    expect(won).toHaveLength(75);
    expect(won.filter((o) => o.label === '15 off')).toHaveLength(30);
    expect(won.filter((o) => o.label === '50 off')).toHaveLength(20);
    expect(won.filter((o) => o.kind === 'coins')).toHaveLength(25);
    expect(results.filter((r) => !r.ok && r.code === 'WHEEL_EXHAUSTED')).toHaveLength(525);
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/accounts/${budget}` })).json().balance.posted).toBe(0);
    const { rows } = await t.db.database.pool.query('SELECT count(*)::int AS n FROM coupons.spins WHERE wheel_id = $1', [id]);
    expect(rows[0].n).toBe(75);
  });

  it('allows one spin a day in the member\'s own time zone, and answers a retried spin with its outcome', async () => {
    const id = await f.wheel([{ kind: 'nothing', label: 'Try again', weight: 1 }], { spinsPerDay: 1 });
    const m = await t.member(['buyer']);
    await t.call(m.key, { method: 'PATCH', url: '/v1/members/me', payload: { timeZone: 'Pacific/Kiritimati' } });
    const spinId = uuid();
    const first = await post(`/v1/wheels/${id}/spins`, { id: spinId }, m.key);
    expect(first.statusCode).toBe(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    expect(first.json()).toMatchObject({ memberId: m.id, spinDay: today, outcome: { kind: 'nothing', label: 'Try again' } });
    const again = await post(`/v1/wheels/${id}/spins`, { id: spinId }, m.key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const second = await post(`/v1/wheels/${id}/spins`, { id: uuid() }, m.key);
    expect(second.json().error.code).toBe('WHEEL_DAILY_LIMIT_REACHED');
  });

  it('pays coins into the member\'s wallet and issues coupons to the member who spun', async () => {
    const budget = await f.coinBudget(1, 250);
    const id = await f.wheel([{ kind: 'coins', label: '250 coins', coinAmount: 250, coinSourceAccountId: budget }]);
    const m = await t.member(['buyer']);
    const res = await post(`/v1/wheels/${id}/spins`, { id: uuid() }, m.key);
    expect(res.json().outcome).toMatchObject({ kind: 'coins', amount: 250 });
    expect((await t.call(m.key, { method: 'GET', url: '/v1/wallet' })).json().items[0].balance.posted).toBe(250);
    const c = await f.campaign(5);
    const w2 = await f.wheel([{ kind: 'coupon', label: '15 off', campaignId: c }]);
    const coupon = (await post(`/v1/wheels/${w2}/spins`, { id: uuid() }, m.key)).json().outcome;
    expect((await t.call(m.key, { method: 'GET', url: '/v1/coupons' })).json().items.map((x: any) => x.id)).toContain(coupon.couponId);
  });

  it('refuses a slice that names nothing real, and a wheel outside its window', async () => {
    const res = await post('/v1/wheels', { name: 'bad', weightMode: 'stock', ...window(), slices: [{ kind: 'coupon', label: 'x', campaignId: uuid() }] });
    expect(res.json().error.code).toBe('WHEEL_SLICE_INVALID');
    const coins = await post('/v1/wheels', { name: 'bad', weightMode: 'stock', ...window(), slices: [{ kind: 'coins', label: 'x', coinAmount: 5, coinSourceAccountId: 'nobody:here' }] });
    expect(coins.json().error.code).toBe('WHEEL_SLICE_INVALID');
    const past = await f.wheel([{ kind: 'nothing', label: 'x', weight: 1 }], { validFrom: new Date(Date.now() - 2 * hour).toISOString(), validTo: new Date(Date.now() - hour).toISOString() });
    const m = await t.member(['buyer']);
    expect((await post(`/v1/wheels/${past}/spins`, { id: uuid() }, m.key)).json().error.code).toBe('WHEEL_NOT_ACTIVE');
  });
});
