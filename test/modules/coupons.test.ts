import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, generateCodes } from '../../src/modules/coupons/codes.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const uuid = () => crypto.randomUUID();
const hour = 3600_000;

describe('coupon codes', () => {
  it('are two groups of five symbols from the unambiguous alphabet', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), (n) => {
      const codes = generateCodes(n);
      expect(codes).toHaveLength(n);
      for (const code of codes) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}$`));
    }));
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('do not repeat in 100,000 draws', () => {
    expect(new Set(generateCodes(100_000)).size).toBe(100_000);
  });
});

describe('coupon campaigns', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, key = t.adminKey) => t.call(key, { method: 'POST', url, payload: payload as object });
  const campaignBody = (over: Record<string, unknown> = {}) => ({
    name: 'Autumn 15', value: { kind: 'fixed', amountMinor: 1500 }, currency: 'TRY', limitTotal: 100,
    validFrom: new Date(Date.now() - hour).toISOString(), validTo: new Date(Date.now() + hour).toISOString(),
    codeMode: 'shared', sharedCode: `AUTUMN-${crypto.randomBytes(3).toString('hex')}`, ...over,
  });
  async function campaign(over: Record<string, unknown> = {}) {
    const res = await post('/v1/coupon-campaigns', campaignBody(over));
    expect(res.statusCode).toBe(201);
    return res.json();
  }
  const issue = (campaignId: string, memberId: string, id = uuid()) => post(`/v1/coupon-campaigns/${campaignId}/coupons`, { id, memberId });

  it('creates a campaign with its stock, and refuses a shared code already in use', async () => {
    const c = await campaign({ sharedCode: 'welcome-2026' });
    expect(c).toMatchObject({ sharedCode: 'WELCOME-2026', limitTotal: 100, issued: 0, remaining: 100, ownerSellerId: null });
    expect((await post('/v1/coupon-campaigns', campaignBody({ sharedCode: 'WELCOME-2026' }))).json().error.code).toBe('COUPON_CODE_TAKEN');
  });

  it('refuses inconsistent campaigns with VALIDATION_FAILED', async () => {
    const now = new Date().toISOString();
    expect((await post('/v1/coupon-campaigns', campaignBody({ validFrom: now, validTo: now }))).statusCode).toBe(400);
    expect((await post('/v1/coupon-campaigns', campaignBody({ codeMode: 'unique' }))).statusCode).toBe(400);
    expect((await post('/v1/coupon-campaigns', campaignBody({ value: { kind: 'percent', percent: 150 } }))).statusCode).toBe(400);
    expect((await post('/v1/coupon-campaigns', campaignBody({ limitTotal: 0 }))).statusCode).toBe(400);
  });

  it('ties a seller\'s campaign to that seller\'s items and hides it from other sellers', async () => {
    const seller = await t.member(['seller']);
    const other = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const res = await post('/v1/coupon-campaigns', campaignBody({ targeting: { sellers: [other.id] } }), seller.key);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ownerSellerId: seller.id, targeting: { sellers: [seller.id] } });
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/coupon-campaigns/${res.json().id}` })).statusCode).toBe(200);
    expect((await t.call(other.key, { method: 'GET', url: `/v1/coupon-campaigns/${res.json().id}` })).statusCode).toBe(404);
    expect((await post('/v1/coupon-campaigns', campaignBody(), buyer.key)).statusCode).toBe(403);
  });

  it('issues exactly the limit under 300 concurrent issues to different members', async () => {
    const c = await campaign({ limitTotal: 100 });
    const results = await Promise.all(Array.from({ length: 300 }, () => issue(c.id, uuid())));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(100);
    expect(results.filter((r) => r.statusCode === 409 && r.json().error.code === 'COUPON_SOLD_OUT')).toHaveLength(200);
    const after = (await t.call(t.adminKey, { method: 'GET', url: `/v1/coupon-campaigns/${c.id}` })).json();
    expect(after).toMatchObject({ issued: 100, remaining: 0 });
    const { rows } = await t.db.database.pool.query('SELECT count(*)::int AS n FROM coupons.coupons WHERE campaign_id = $1', [c.id]);
    expect(rows[0].n).toBe(100);
  });

  it('holds the per-member limit under concurrent issues to one member', async () => {
    const c = await campaign({ perMemberLimit: 2 });
    const member = uuid();
    const results = await Promise.all(Array.from({ length: 10 }, () => issue(c.id, member)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(results.filter((r) => r.json().error?.code === 'COUPON_MEMBER_LIMIT_REACHED')).toHaveLength(8);
    // A refused issue took nothing from the campaign.
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/coupon-campaigns/${c.id}` })).json().issued).toBe(2);
  });

  it('issues one coupon for 20 concurrent requests with one id, and refuses the id for another member', async () => {
    const c = await campaign();
    const id = uuid();
    const member = uuid();
    const results = await Promise.all(Array.from({ length: 20 }, () => issue(c.id, member, id)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200 && r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/coupon-campaigns/${c.id}` })).json().issued).toBe(1);
    expect((await issue(c.id, uuid(), id)).json().error.code).toBe('COUPON_EXISTS_WITH_DIFFERENT_FIELDS');
  });

  it('hands out each generated code once, and never more codes than the limit', async () => {
    const c = await campaign({ codeMode: 'unique', sharedCode: undefined, limitTotal: 50 });
    const added = await post(`/v1/coupon-campaigns/${c.id}/codes`, { count: 50 });
    expect(added.json()).toEqual({ added: 50, total: 50 });
    expect((await post(`/v1/coupon-campaigns/${c.id}/codes`, { count: 1 })).json().error.code).toBe('COUPON_CODES_EXCEED_LIMIT');
    const results = await Promise.all(Array.from({ length: 60 }, () => issue(c.id, uuid())));
    const codes = results.filter((r) => r.statusCode === 201).map((r) => r.json().code);
    expect(codes).toHaveLength(50);
    expect(new Set(codes).size).toBe(50);
  });

  it('never has more codes than its limit, even when code requests race', async () => {
    const c = await campaign({ codeMode: 'unique', sharedCode: undefined, limitTotal: 100 });
    const results = await Promise.all(Array.from({ length: 5 }, () => post(`/v1/coupon-campaigns/${c.id}/codes`, { count: 40 })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    const { rows } = await t.db.database.pool.query('SELECT count(*)::int AS n FROM coupons.codes WHERE campaign_id = $1', [c.id]);
    expect(rows[0].n).toBe(80);
  });

  it('replays, never fails, when two requests issue one coupon id of a unique-code campaign at once', async () => {
    const c = await campaign({ codeMode: 'unique', sharedCode: undefined, limitTotal: 40 });
    await post(`/v1/coupon-campaigns/${c.id}/codes`, { count: 40 });
    for (let round = 0; round < 10; round++) {
      const id = uuid();
      const member = uuid();
      const pair = await Promise.all([issue(c.id, member, id), issue(c.id, member, id)]);
      expect(pair.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    }
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/coupon-campaigns/${c.id}` })).json().issued).toBe(10);
  });

  it('refuses a shared code equal to a generated code, a leap-second window and oversized targeting', async () => {
    const c = await campaign({ codeMode: 'unique', sharedCode: undefined, limitTotal: 1 });
    await post(`/v1/coupon-campaigns/${c.id}/codes`, { count: 1 });
    const { rows } = await t.db.database.pool.query('SELECT code FROM coupons.codes WHERE campaign_id = $1', [c.id]);
    expect((await post('/v1/coupon-campaigns', campaignBody({ sharedCode: rows[0].code }))).json().error.code).toBe('COUPON_CODE_TAKEN');
    const leap = await post('/v1/coupon-campaigns', campaignBody({ validFrom: '2030-01-01T23:59:60Z', validTo: '2030-01-02T00:00:00Z' }));
    expect(leap.statusCode).toBe(400);
    const big = await post('/v1/coupon-campaigns', campaignBody({ targeting: { categories: Array.from({ length: 300 }, (_, i) => `category-${i}-${'x'.repeat(60)}`) } }));
    expect(big.statusCode).toBe(400);
  });

  it('refuses to issue before the start and after the end, and for an unknown campaign', async () => {
    const future = await campaign({ validFrom: new Date(Date.now() + hour).toISOString(), validTo: new Date(Date.now() + 2 * hour).toISOString() });
    expect((await issue(future.id, uuid())).json().error.code).toBe('COUPON_CAMPAIGN_NOT_STARTED');
    const past = await campaign({ validFrom: new Date(Date.now() - 2 * hour).toISOString(), validTo: new Date(Date.now() - hour).toISOString() });
    expect((await issue(past.id, uuid())).json().error.code).toBe('COUPON_CAMPAIGN_ENDED');
    expect((await issue(uuid(), uuid())).statusCode).toBe(404);
  });

  it('shows a member its own coupons only', async () => {
    const c = await campaign();
    const m = await t.member(['buyer']);
    await issue(c.id, m.id);
    const mine = (await t.call(m.key, { method: 'GET', url: '/v1/coupons' })).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ campaignId: c.id, memberId: m.id, code: c.sharedCode, state: 'issued', source: 'admin' });
    const other = await t.member(['buyer']);
    expect((await t.call(other.key, { method: 'GET', url: '/v1/coupons' })).json().items).toEqual([]);
  });
});
