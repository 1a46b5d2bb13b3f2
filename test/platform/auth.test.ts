import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashApiKey } from '../../src/platform/auth.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('authentication and authorization', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a request without a key with 401 UNAUTHENTICATED', async () => {
    const res = await t.call(null, { method: 'GET', url: '/v1/members/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown key and a malformed Authorization header with 401', async () => {
    expect((await t.call('trove_thisKeyDoesNotExistAnywhere123', { method: 'GET', url: '/v1/members/me' })).statusCode).toBe(401);
    const res = await t.http.inject({ method: 'GET', url: '/v1/members/me', headers: { authorization: 'Basic abc' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a revoked key with 401 from the next request on', async () => {
    const buyer = await t.member(['buyer']);
    const created = await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'laptop' } });
    expect(created.statusCode).toBe(201);
    const { apiKey, key } = created.json();
    expect((await t.call(key, { method: 'GET', url: '/v1/members/me' })).statusCode).toBe(200);
    expect((await t.call(buyer.key, { method: 'DELETE', url: `/v1/api-keys/${apiKey.id}` })).statusCode).toBe(200);
    const after = await t.call(key, { method: 'GET', url: '/v1/members/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a member without the route\'s role with 403 FORBIDDEN', async () => {
    const buyer = await t.member(['buyer']);
    const res = await t.call(buyer.key, { method: 'GET', url: '/v1/members?verificationState=pending' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('lets an unverified member reach only its own profile', async () => {
    const pending = await t.member(['seller'], { approved: false });
    const other = await t.member(['buyer']);
    expect((await t.call(pending.key, { method: 'GET', url: '/v1/members/me' })).json().verificationState).toBe('pending');
    expect((await t.call(pending.key, { method: 'GET', url: `/v1/members/${pending.id}` })).statusCode).toBe(200);
    expect((await t.call(pending.key, { method: 'GET', url: `/v1/members/${other.id}` })).statusCode).toBe(404);
    const keys = await t.call(pending.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x' } });
    expect(keys.statusCode).toBe(403);
    expect(keys.json().error.code).toBe('MEMBER_NOT_VERIFIED');
  });

  it('hides members that are not approved from other members, but not from admins', async () => {
    const pending = await t.member(['seller'], { approved: false });
    const buyer = await t.member(['buyer']);
    expect((await t.call(buyer.key, { method: 'GET', url: `/v1/members/${pending.id}` })).statusCode).toBe(404);
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/members/${pending.id}` })).json().email).toContain('@');
    const seller = await t.member(['seller']);
    expect((await t.call(buyer.key, { method: 'GET', url: `/v1/members/${seller.id}` })).json()).toEqual({
      id: seller.id, displayName: expect.any(String), roles: ['seller'],
    });
  });

  it('does not let one member revoke another member\'s key: it does not exist for them', async () => {
    const a = await t.member(['buyer']);
    const b = await t.member(['buyer']);
    const bKeys = (await t.call(b.key, { method: 'GET', url: '/v1/api-keys' })).json().items;
    const res = await t.call(a.key, { method: 'DELETE', url: `/v1/api-keys/${bKeys[0].id}` });
    expect(res.statusCode).toBe(404);
    expect((await t.call(b.key, { method: 'GET', url: '/v1/members/me' })).statusCode).toBe(200);
  });

  it('lets a service key act only within its scopes', async () => {
    const created = await t.call(t.adminKey, { method: 'POST', url: '/v1/api-keys', payload: { name: 'crm', service: true, scopes: ['members:read'] } });
    expect(created.statusCode).toBe(201);
    const { key } = created.json();
    const member = await t.member(['buyer']);
    expect((await t.call(key, { method: 'GET', url: `/v1/members/${member.id}` })).statusCode).toBe(200);
    const write = await t.call(key, { method: 'POST', url: `/v1/members/${member.id}/verification`, payload: { decision: 'rejected', reason: 'x' } });
    expect(write.statusCode).toBe(403);
  });

  it('refuses service keys and other members\' keys to non-admins', async () => {
    const buyer = await t.member(['buyer']);
    const res = await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x', service: true, scopes: ['wallet:read'] } });
    expect(res.statusCode).toBe(403);
    const admin = await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x', scopes: ['admin'] } });
    expect(admin.json().error.code).toBe('API_KEY_SCOPE_INVALID');
  });

  it('gives no admin power through a public route to a rejected admin or an admin key narrowed to other scopes', async () => {
    const narrowed = (await t.call(t.adminKey, { method: 'POST', url: '/v1/api-keys', payload: { name: 'bi', scopes: ['wallet:read'] } })).json().key;
    const body = (email: string) => ({ email, displayName: 'X', roles: ['admin'] });
    const viaNarrowed = await t.call(narrowed, { method: 'POST', url: '/v1/members', payload: body('esc1@test.local') });
    expect(viaNarrowed.json().error.code).toBe('MEMBER_ROLE_NOT_ALLOWED');
    const admin2 = (await t.call(t.adminKey, { method: 'POST', url: '/v1/members', payload: body('admin2@test.local') })).json();
    await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${admin2.member.id}/verification`, payload: { decision: 'rejected', reason: 'left' } });
    const viaRejected = await t.call(admin2.key, { method: 'POST', url: '/v1/members', payload: body('esc2@test.local') });
    expect(viaRejected.json().error.code).toBe('MEMBER_ROLE_NOT_ALLOWED');
    const other = await t.member(['buyer']);
    expect((await t.call(admin2.key, { method: 'GET', url: `/v1/members/${other.id}` })).statusCode).toBe(404);
  });

  it('refuses a narrowed key on routes outside its scopes, and never lets it mint a broader key', async () => {
    const buyer = await t.member(['buyer']);
    const walletOnly = (await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'w', scopes: ['wallet:read'] } })).json().key;
    expect((await t.call(walletOnly, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(403);
    const keys = (await t.call(buyer.key, { method: 'GET', url: '/v1/api-keys' })).json().items;
    expect((await t.call(walletOnly, { method: 'DELETE', url: `/v1/api-keys/${keys[0].id}` })).statusCode).toBe(403);
    const writer = (await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'mw', scopes: ['members:write'] } })).json().key;
    const broader = await t.call(writer, { method: 'POST', url: '/v1/api-keys', payload: { name: 'full' } });
    expect(broader.json().error.code).toBe('API_KEY_SCOPE_INVALID');
    expect((await t.call(writer, { method: 'POST', url: '/v1/api-keys', payload: { name: 'same', scopes: ['members:write'] } })).statusCode).toBe(201);
  });

  it('forgets a cached key once its revocation commits, even if a request re-read it meanwhile', async () => {
    const buyer = await t.member(['buyer']);
    const { apiKey, key } = (await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'racy' } })).json();
    const members = t.services.members;
    const hash = hashApiKey(key);
    expect(await members.resolveKey(hash)).not.toBeNull();
    const by = (await members.resolveKey(hashApiKey(buyer.key)))!;
    await t.db.database.db.transaction().execute(async (tx) => {
      await members.revokeKey(tx, apiKey.id, by);
      // A concurrent request resolving the key before the commit still sees it live.
      expect(await members.resolveKey(hash)).not.toBeNull();
    });
    members.forgetKey(apiKey.id);
    expect(await members.resolveKey(hash)).toBeNull();
  });

  it('sends one lookup for the concurrent requests of a key not cached, and none that a revocation could make stale', async () => {
    const buyer = await t.member(['buyer']);
    const issue = async (name: string) => (await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name } })).json() as { apiKey: { id: string }; key: string };
    const busy = await issue('busy');
    const members = t.services.members;
    const pool = t.db.database.pool;
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    const spy = vi.spyOn(pool, 'query');
    const lookups = () => spy.mock.calls.filter(([q]) => (q as { name?: string }).name === 'members.resolve_key').length;
    try {
      const principals = await Promise.all(Array.from({ length: 50 }, () => members.resolveKey(hashApiKey(busy.key))));
      expect(principals.every((p) => p?.keyId === busy.apiKey.id)).toBe(true);
      expect(lookups()).toBe(1);

      // A lookup that read the key live is held until after the revocation commits; a request
      // after the revocation must not join it.
      const racy = await issue('racy');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      spy.mockImplementationOnce((async (...args: unknown[]) => {
        const result = await query(...args);
        await held;
        return result;
      }) as never);
      const before = members.resolveKey(hashApiKey(racy.key));
      const by = (await members.resolveKey(hashApiKey(buyer.key)))!;
      await t.db.database.db.transaction().execute((tx) => members.revokeKey(tx, racy.apiKey.id, by));
      members.forgetKey(racy.apiKey.id);
      expect(await members.resolveKey(hashApiKey(racy.key))).toBeNull();
      release();
      expect((await before)?.keyId).toBe(racy.apiKey.id);
      expect(await members.resolveKey(hashApiKey(racy.key))).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it('narrows a member key to its scopes', async () => {
    const buyer = await t.member(['buyer']);
    const { key } = (await t.call(buyer.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'ro', scopes: ['members:read'] } })).json();
    expect((await t.call(key, { method: 'GET', url: '/v1/members/me' })).statusCode).toBe(200);
    expect((await t.call(key, { method: 'PATCH', url: '/v1/members/me', payload: { displayName: 'New' } })).statusCode).toBe(403);
    expect((await t.call(key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'escalate' } })).statusCode).toBe(403);
  });

  it('keeps the secret only as a hash and records when a key was last used', async () => {
    const buyer = await t.member(['buyer']);
    await t.call(buyer.key, { method: 'GET', url: '/v1/members/me' });
    const { rows } = await t.db.database.pool.query('SELECT key_hash, display_prefix FROM members.api_keys WHERE member_id = $1', [buyer.id]);
    expect(rows[0].key_hash.toString('utf8')).not.toContain(buyer.key);
    expect(buyer.key.startsWith(rows[0].display_prefix)).toBe(true);
    await expect.poll(async () => (await t.call(buyer.key, { method: 'GET', url: '/v1/api-keys' })).json().items[0].lastUsedAt).not.toBeNull();
  });
});
