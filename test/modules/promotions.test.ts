import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Promotions } from '../../src/modules/promotions/index.js';
import { PROMOTIONS_POLICY } from '../../src/modules/promotions/service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const line = (over: Record<string, unknown> = {}) => ({ productId: 'p1', sellerId: 's1', categoryId: 'c1', brandId: 'b1', unitPriceMinor: 10_000, quantity: 1, ...over });

describe('promotions API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = (body: object, key = t.adminKey) => t.call(key, { method: 'POST', url: '/v1/promotions', payload: { name: 'p', ...body } });
  const evaluate = (body: object, key = t.adminKey) => t.call(key, { method: 'POST', url: '/v1/carts/evaluate', payload: { currency: 'TRY', ...body } });

  it('prices a cart with the best combination, and explains the rest', async () => {
    const seller = 'seller-best';
    const ten = await create({ conditions: [{ kind: 'sellers', ids: [seller] }], action: { kind: 'percent_off', percent: 10 }, exclusivityGroup: 'g' });
    const fifteen = await create({ conditions: [{ kind: 'sellers', ids: [seller] }], action: { kind: 'percent_off', percent: 15 }, exclusivityGroup: 'g' });
    const big = await create({ conditions: [{ kind: 'sellers', ids: [seller] }, { kind: 'min_cart_amount', amountMinor: 50_000 }], action: { kind: 'amount_off', amountMinor: 5_000 } });
    expect([ten.statusCode, fifteen.statusCode, big.statusCode]).toEqual([201, 201, 201]);
    const res = await evaluate({ lines: [line({ sellerId: seller, unitPriceMinor: 45_750 })], shippingMinor: 1_000, explain: true });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8'); // written by answer-json.ts
    const e = res.json();
    expect(e).toMatchObject({ subtotalMinor: 45_750, totalDiscountMinor: 6_862, shippingMinor: 1_000, totalMinor: 45_750 + 1_000 - 6_862 });
    expect(e.applied.map((a: { promotionId: string }) => a.promotionId)).toEqual([fifteen.json().id]);
    expect(e.outranked).toEqual([ten.json().id]);
    expect(e.nearMisses).toEqual([{ promotionId: big.json().id, missingMinor: 4_250 }]);
    expect(e.notApplied).toEqual([{ promotionId: big.json().id, failures: [expect.objectContaining({ condition: 'min_cart_amount', missingMinor: 4_250 })] }]);
    // Without explain the answer prices the cart and keeps the near misses, not the lists of the others.
    const brief = (await evaluate({ lines: [line({ sellerId: seller, unitPriceMinor: 45_750 })], shippingMinor: 1_000 })).json();
    expect(brief).toMatchObject({ totalDiscountMinor: 6_862, nearMisses: e.nearMisses });
    expect(brief).not.toHaveProperty('notApplied');
    expect(brief).not.toHaveProperty('outranked');
  });

  it('binds a seller\'s promotion to its own items, and hides it from other sellers', async () => {
    const a = await t.member(['seller']);
    const b = await t.member(['seller']);
    const res = await create({ conditions: [{ kind: 'sellers', ids: [b.id] }], action: { kind: 'percent_off', percent: 50 } }, a.key);
    expect(res.statusCode).toBe(201);
    expect(res.json().conditions).toEqual([{ kind: 'sellers', ids: [a.id] }]);
    const onB = (await evaluate({ lines: [line({ sellerId: b.id })] })).json();
    expect(onB.totalDiscountMinor).toBe(0);
    const onA = (await evaluate({ lines: [line({ sellerId: a.id })] })).json();
    expect(onA.totalDiscountMinor).toBe(5_000);
    expect((await t.call(b.key, { method: 'GET', url: `/v1/promotions/${res.json().id}` })).statusCode).toBe(404);
    expect((await t.call(b.key, { method: 'PATCH', url: `/v1/promotions/${res.json().id}`, payload: { active: false } })).statusCode).toBe(404);
    const buyer = await t.member(['buyer']);
    expect((await create({ conditions: [], action: { kind: 'percent_off', percent: 50 } }, buyer.key)).statusCode).toBe(403);
  });

  it('prices a member_groups promotion for members an admin put in the group, and only for them', async () => {
    const vip = await t.member(['buyer']);
    const other = await t.member(['buyer']);
    const promo = await create({ conditions: [{ kind: 'products', ids: ['vip-only'] }, { kind: 'member_groups', groups: ['vip'] }], action: { kind: 'percent_off', percent: 20 } });
    expect(promo.statusCode).toBe(201);
    const setGroups = (id: string, groups: unknown, key = t.adminKey) => t.call(key, { method: 'PUT', url: `/v1/members/${id}/groups`, payload: { groups } });
    expect((await setGroups(vip.id, ['vip'], vip.key)).statusCode).toBe(403);
    expect((await setGroups(vip.id, ['not a group'])).statusCode).toBe(400);
    expect((await setGroups(crypto.randomUUID(), ['vip'])).statusCode).toBe(404);
    const set = await setGroups(vip.id, ['vip', 'students']);
    expect(set.statusCode).toBe(200);
    expect(set.json().groups).toEqual(['vip', 'students']);
    const cart = { lines: [line({ productId: 'vip-only' })], explain: true };
    expect((await evaluate(cart, vip.key)).json().totalDiscountMinor).toBe(2_000);
    const refused = (await evaluate(cart, other.key)).json();
    expect(refused.totalDiscountMinor).toBe(0);
    expect(refused.notApplied).toEqual([{ promotionId: promo.json().id, failures: [expect.objectContaining({ condition: 'member_groups' })] }]);
    // A checkout's service key (or an admin) prices for a member it names; a member may only name itself.
    const checkout = (await t.call(t.adminKey, { method: 'POST', url: '/v1/api-keys', payload: { name: 'checkout', service: true, scopes: ['promotions:read'] } })).json().key;
    expect((await evaluate({ ...cart, memberId: vip.id }, checkout)).json().totalDiscountMinor).toBe(2_000);
    expect((await evaluate({ ...cart, memberId: other.id }, checkout)).json().totalDiscountMinor).toBe(0);
    expect((await evaluate(cart, checkout)).json().totalDiscountMinor).toBe(0);
    expect((await evaluate({ ...cart, memberId: crypto.randomUUID() }, checkout)).statusCode).toBe(404);
    expect((await evaluate({ ...cart, memberId: vip.id }, other.key)).statusCode).toBe(403);
    expect((await evaluate({ ...cart, memberId: vip.id.toUpperCase() }, vip.key)).json().totalDiscountMinor).toBe(2_000);
    // An admin's cart tester prices as any member it names.
    expect((await evaluate({ ...cart, memberId: vip.id }, t.adminKey)).json().totalDiscountMinor).toBe(2_000);
  });

  it('builds an index from more promotions than one page of the feed holds', async () => {
    const rows = PROMOTIONS_POLICY.feedPageRows * 2 + 1;
    await sql`INSERT INTO promotions.promotions (id, name, definition)
      SELECT gen_random_uuid(), 'paged', jsonb_build_object('conditions', jsonb_build_array(jsonb_build_object('kind', 'products', 'ids', jsonb_build_array('paged-' || g))),
        'action', jsonb_build_object('kind', 'amount_off', 'amountMinor', g), 'priority', 0, 'exclusivityGroup', null, 'stackable', true, 'base', 'original')
      FROM generate_series(1, ${rows}) AS g`.execute(t.db.database.db);
    const other = new Promotions(t.db.database.db);
    await other.catchUp();
    expect(other.index.all().filter((p) => p.name === 'paged')).toHaveLength(rows);
    expect(await other.catchUp()).toBe(0);
  });

  it('takes a deactivated promotion out of pricing, and another process sees changes through the feed', async () => {
    const created = (await create({ conditions: [{ kind: 'products', ids: ['feed-product'] }], action: { kind: 'amount_off', amountMinor: 700 } })).json();
    const other = new Promotions(t.db.database.db);
    await other.catchUp();
    const cart = { currency: 'TRY', lines: [{ ...line({ productId: 'feed-product' }), lineId: '0' }], shippingMinor: 0, memberId: null, memberGroups: [], firstOrder: false, memberJoinedAt: null, channel: 'web' as const, paymentMethod: null, region: null, city: null, couponCodes: [], at: new Date().toISOString() };
    expect(other.evaluate(cart).totalDiscountMinor).toBe(700);
    expect((await t.call(t.adminKey, { method: 'PATCH', url: `/v1/promotions/${created.id}`, payload: { active: false } })).json()).toMatchObject({ active: false });
    expect((await evaluate({ lines: [line({ productId: 'feed-product' })] })).json().totalDiscountMinor).toBe(0);
    expect(await other.catchUp()).toBeGreaterThanOrEqual(1);
    expect(other.evaluate(cart).totalDiscountMinor).toBe(0);
  });

  const redeem = (body: object) => t.call(t.adminKey, { method: 'POST', url: '/v1/promotion-redemptions', payload: { id: crypto.randomUUID(), orderId: crypto.randomUUID(), discountMinor: 100, ...body } });

  it('lets exactly 10 of 100 concurrent redemptions through when 10 uses are left, and gives one back on reversal', async () => {
    const id = (await create({ conditions: [], action: { kind: 'amount_off', amountMinor: 100 }, usesLimit: 10 })).json().id;
    const answers = await Promise.all(Array.from({ length: 100 }, () => redeem({ promotionId: id })));
    const codes = answers.map((r) => (r.statusCode === 201 ? 'ok' : r.json().error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'PROMOTION_LIMIT_REACHED')).toHaveLength(90);
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/promotions/${id}` })).json()).toMatchObject({ uses: 10, spentMinor: 1_000 });
    const first = answers.find((r) => r.statusCode === 201)!.json();
    const reversal = () => t.call(t.adminKey, { method: 'POST', url: `/v1/promotion-redemptions/${first.id}/reversal` });
    expect((await reversal()).json()).toMatchObject({ status: 'reversed' });
    expect((await reversal()).statusCode).toBe(200);
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/promotions/${id}` })).json()).toMatchObject({ uses: 9, spentMinor: 900 });
    expect((await redeem({ promotionId: id })).statusCode).toBe(201);
    expect((await redeem({ promotionId: id })).json().error.code).toBe('PROMOTION_LIMIT_REACHED');
  });

  it('holds the per-member limit and the budget, replays a retried redemption, and refuses a reused id', async () => {
    const member = await t.member(['buyer']);
    const id = (await create({ conditions: [], action: { kind: 'amount_off', amountMinor: 100 }, usesPerMember: 2, budgetMinor: 1_000 })).json().id;
    const body = { id: crypto.randomUUID(), orderId: 'o-1', promotionId: id, memberId: member.id, discountMinor: 300 };
    expect((await redeem(body)).statusCode).toBe(201);
    const replay = await redeem(body);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await redeem({ ...body, discountMinor: 301 })).json().error.code).toBe('PROMOTION_REDEMPTION_EXISTS_WITH_DIFFERENT_FIELDS');
    expect((await redeem({ promotionId: id, memberId: member.id, discountMinor: 300 })).statusCode).toBe(201);
    expect((await redeem({ promotionId: id, memberId: member.id, discountMinor: 300 })).json().error.code).toBe('PROMOTION_MEMBER_LIMIT_REACHED');
    expect((await redeem({ promotionId: id, discountMinor: 500 })).json().error.code).toBe('PROMOTION_BUDGET_EXHAUSTED');
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/promotions/${id}` })).json()).toMatchObject({ uses: 2, spentMinor: 600 });
    expect((await redeem({ promotionId: crypto.randomUUID() })).json().error.code).toBe('PROMOTION_NOT_FOUND');
  });

  it('agrees with a full scan in shadow mode on random carts over stored promotions', async () => {
    const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
    const dims = ['sellers', 'products', 'categories', 'brands', 'campaigns'] as const;
    for (let i = 0; i < 40; i++) {
      const conditions = Math.random() < 0.2 ? [] : [{ kind: pick(dims), ids: [`shadow-${pick(['a', 'b', 'c'])}`] }];
      const action = pick([{ kind: 'percent_off', percent: 1 + (i % 40) }, { kind: 'amount_off', amountMinor: 100 * (i + 1) }, { kind: 'free_shipping' }]);
      expect((await create({ conditions, action, priority: i % 3, exclusivityGroup: i % 4 === 0 ? 'g-shadow' : undefined, stackable: i % 7 !== 0 })).statusCode).toBe(201);
    }
    const shadow = new Promotions(t.db.database.db, null, true);
    await shadow.catchUp();
    for (let n = 0; n < 200; n++) {
      const lines = Array.from({ length: 1 + (n % 4) }, (_, i) => {
        const v = () => `shadow-${pick(['a', 'b', 'c', 'd'])}`;
        return { lineId: String(i), productId: v(), sellerId: v(), categoryId: v(), brandId: v(), campaignIds: [v()], unitPriceMinor: 500 + 37 * n, quantity: 1 + (i % 2) };
      });
      shadow.evaluate({ currency: 'TRY', lines, shippingMinor: 990, memberId: null, memberGroups: [], firstOrder: false, memberJoinedAt: null, channel: 'web', paymentMethod: null, region: null, city: null, couponCodes: [], at: new Date().toISOString() });
    }
    expect(shadow.shadow).toEqual({ carts: 200, differences: 0 });
    expect((await t.call(t.adminKey, { method: 'GET', url: '/v1/promotions/shadow' })).json()).toMatchObject({ enabled: false });
  });

  it('refuses inconsistent definitions with a clear code', async () => {
    const bad = await create({ conditions: [{ kind: 'window', from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }], action: { kind: 'percent_off', percent: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await create({ conditions: [], action: { kind: 'percent_off', percent: 101 } })).statusCode).toBe(400);
    expect((await evaluate({ lines: [line({ unitPriceMinor: -1 })] })).statusCode).toBe(400);
    // Two lines named alike (one by its index) and a total past 2^53 - 1 are refused, not priced wrong.
    expect((await evaluate({ lines: [line({ lineId: '1' }), line()] })).statusCode).toBe(400);
    expect((await evaluate({ lines: [line({ unitPriceMinor: Number.MAX_SAFE_INTEGER, quantity: 2 })] })).statusCode).toBe(400);
  });
});

