import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = (key: string, idem: string | undefined, name = 'k') =>
    t.call(key, { method: 'POST', url: '/v1/api-keys', payload: { name }, headers: idem ? { 'idempotency-key': idem } : {} });

  async function keyCount(memberId: string): Promise<number> {
    const { rows } = await t.db.database.pool.query('SELECT count(*)::int AS n FROM members.api_keys WHERE member_id = $1', [memberId]);
    return rows[0].n;
  }

  /** An admin decision: idempotent and free of secrets, so its replay is byte for byte. */
  const decide = (memberId: string, idem: string, payload: object = { decision: 'approved', reason: 'ok' }) =>
    t.call(t.adminKey, { method: 'POST', url: `/v1/members/${memberId}/verification`, payload, headers: { 'idempotency-key': idem } });
  async function decisions(memberId: string): Promise<number> {
    const { rows } = await t.db.database.pool.query('SELECT count(*)::int AS n FROM members.verification_decisions WHERE member_id = $1', [memberId]);
    return rows[0].n;
  }

  it('replays the stored response, byte for byte, with a replay header', async () => {
    const m = await t.member(['buyer'], { approved: false });
    const first = await decide(m.id, 'replay-1');
    const second = await decide(m.id, 'replay-1');
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await decisions(m.id)).toBe(1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const m = await t.member(['buyer'], { approved: false });
    const a = await decide(m.id, 'order', { decision: 'approved', reason: 'x' });
    const b = await decide(m.id, 'order', { reason: 'x', decision: 'approved' });
    expect(b.body).toBe(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const m = await t.member(['buyer']);
    await create(m.key, 'mismatch', 'first');
    const res = await create(m.key, 'mismatch', 'second');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await keyCount(m.id)).toBe(2);
  });

  it('scopes keys to the caller: another member\'s request with the same key is its own', async () => {
    const a = await t.member(['buyer']);
    const b = await t.member(['buyer']);
    const ra = await create(a.key, 'shared-key');
    const rb = await create(b.key, 'shared-key');
    expect(rb.statusCode).toBe(201);
    expect(rb.json().apiKey.memberId).toBe(b.id);
    expect(ra.json().apiKey.memberId).toBe(a.id);
  });

  it('never stores or replays the secret of an API key it created', async () => {
    const m = await t.member(['buyer']);
    const first = await create(m.key, 'secret-key');
    const replay = await create(m.key, 'secret-key');
    expect(first.json().key).toMatch(/^trove_/);
    expect(replay.json().key).not.toBe(first.json().key);
    expect(replay.json().apiKey).toEqual(first.json().apiKey);
    const { rows } = await t.db.database.pool.query('SELECT response_body FROM platform.idempotency_keys');
    expect(rows.map((r) => r.response_body).join('')).not.toContain(first.json().key);
  });

  it('frees a key once its retention has passed, even before the purge', async () => {
    const m = await t.member(['buyer']);
    await create(m.key, 'expiring', 'one');
    await t.db.database.pool.query("UPDATE platform.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expiring'");
    const again = await create(m.key, 'expiring', 'two');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json().apiKey.name).toBe('two');
  });

  it('produces exactly one effect from 20 concurrent requests with one key', async () => {
    const m = await t.member(['buyer'], { approved: false });
    const responses = await Promise.all(Array.from({ length: 20 }, () => decide(m.id, 'concurrent-20')));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await decisions(m.id)).toBe(1);
  });

  it('stores a business refusal too, so a retry gets the same answer and the effect is not half-done', async () => {
    const body = { email: 'dup@test.local', displayName: 'Dup', roles: ['buyer'] };
    const first = await t.call(t.adminKey, { method: 'POST', url: '/v1/members', payload: body });
    expect(first.statusCode).toBe(201);
    const refused = await t.call(t.adminKey, { method: 'POST', url: '/v1/members', payload: body, headers: { 'idempotency-key': 'dup-email' } });
    expect(refused.statusCode).toBe(409);
    const again = await t.call(t.adminKey, { method: 'POST', url: '/v1/members', payload: body, headers: { 'idempotency-key': 'dup-email' } });
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(refused.body);
  });

  it('rejects malformed keys and keys on anonymous requests with 400', async () => {
    const m = await t.member(['buyer']);
    expect((await create(m.key, 'x'.repeat(256))).json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect((await create(m.key, 'has space')).json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    const anon = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'anon@test.local', displayName: 'A', roles: ['buyer'] }, headers: { 'idempotency-key': 'anon' } });
    expect(anon.statusCode).toBe(400);
    expect(anon.json().error.code).toBe('IDEMPOTENCY_KEY_NEEDS_AUTH');
    const { rows } = await t.db.database.pool.query("SELECT count(*)::int AS n FROM members.members WHERE email = 'anon@test.local'");
    expect(rows[0].n).toBe(0);
  });
});
