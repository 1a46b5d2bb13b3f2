import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** The web app's sign-in: password, session cookie, CSRF token on writes. */
describe('members: sign-in with a password and a session cookie', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const cookiesOf = (res: LightMyRequestResponse) => Object.fromEntries(res.cookies.map((c) => [c.name, c]));
  const withSession = (res: LightMyRequestResponse) => {
    const c = cookiesOf(res);
    return { cookie: `trove_session=${c.trove_session!.value}`, csrf: c.trove_csrf!.value };
  };
  const post = (url: string, payload: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => t.http.inject({ method: 'POST', url, payload, headers, remoteAddress });
  const get = (url: string, headers: Record<string, string> = {}) => t.http.inject({ method: 'GET', url, headers });
  let n = 0;
  const register = (over: object = {}) => post('/v1/auth/register', { email: `web${(n += 1)}-${Date.now()}@test.local`, password: 'correct horse battery', displayName: 'Web Member', roles: ['buyer'], ...over });

  it('registers into the verification queue, signed in with httpOnly SameSite cookies, the password stored only as scrypt', async () => {
    const res = await register();
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.member).toMatchObject({ verificationState: 'pending', roles: ['buyer'] });
    const c = cookiesOf(res);
    expect(c.trove_session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(c.trove_csrf).toMatchObject({ sameSite: 'Lax', value: body.csrfToken });
    expect(c.trove_csrf!.httpOnly).toBeFalsy();
    const { rows } = await sql<{ password_hash: string }>`SELECT password_hash FROM members.members WHERE id = ${body.member.id}`.execute(t.services.marketplace.db);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0]!.password_hash).not.toContain('correct horse');
    // Pending: its own profile, nothing else.
    const { cookie } = withSession(res);
    expect((await get('/v1/members/me', { cookie })).json().id).toBe(body.member.id);
    expect((await get('/v1/listings', { cookie })).json().error.code).toBe('MEMBER_NOT_VERIFIED');
    expect((await register({ email: body.member.email.toUpperCase() })).json().error.code).toBe('MEMBER_EMAIL_TAKEN');
  });

  it('signs in with the right password only, acts with the cookie, and refuses a cookie write without its CSRF token', async () => {
    const registered = await register();
    const { id, email } = registered.json().member;
    await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${id}/verification`, payload: { decision: 'approved', reason: 'test' } });
    expect((await post('/v1/auth/sign-in', { email, password: 'wrong password!' })).json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await post('/v1/auth/sign-in', { email: 'nobody@test.local', password: 'whatever it is' })).json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const signedIn = await post('/v1/auth/sign-in', { email: email.toUpperCase(), password: 'correct horse battery' });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const { cookie, csrf } = withSession(signedIn);
    const quote = { lines: [{ listingId: crypto.randomUUID() }] };
    expect((await post('/v1/orders/quote', quote, { cookie })).json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await post('/v1/orders/quote', quote, { cookie, 'x-csrf-token': `${csrf}x` })).json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await post('/v1/orders/quote', quote, { cookie, 'x-csrf-token': csrf })).json().error.code).toBe('LISTING_NOT_FOUND'); // through auth and CSRF to the route
    // An API key needs no CSRF token; a bad key is not rescued by a good cookie.
    const key = await t.member(['buyer']);
    expect((await post('/v1/orders/quote', quote, { authorization: `Bearer ${key.key}`, cookie })).json().error.code).toBe('LISTING_NOT_FOUND');
    expect((await get('/v1/members/me', { authorization: 'Bearer trove_unknownunknownunknownunknown', cookie })).statusCode).toBe(401);
    // Signing out ends the session everywhere it was copied.
    expect((await post('/v1/auth/sign-out', {}, { cookie, 'x-csrf-token': csrf })).statusCode).toBe(204);
    expect((await get('/v1/members/me', { cookie })).statusCode).toBe(401);
  });

  it('changes a password only with the current one, ending every other session; signs out everywhere', async () => {
    const res = await register();
    const email = res.json().member.email as string;
    const here = withSession(res);
    const there = withSession(await post('/v1/auth/sign-in', { email, password: 'correct horse battery' }));
    const change = (body: object) => post('/v1/auth/password', body, { cookie: here.cookie, 'x-csrf-token': here.csrf });
    expect((await change({ currentPassword: 'not it at all', newPassword: 'a brand new secret' })).json().error.code).toBe('AUTH_CURRENT_PASSWORD_WRONG');
    expect((await change({ currentPassword: 'correct horse battery', newPassword: 'short' })).statusCode).toBe(400);
    expect((await get('/v1/members/me', { cookie: there.cookie })).statusCode).toBe(200); // nothing changed yet
    expect((await change({ currentPassword: 'correct horse battery', newPassword: 'a brand new secret' })).statusCode).toBe(204);
    expect((await get('/v1/members/me', { cookie: here.cookie })).statusCode).toBe(200); // this session stays
    expect((await get('/v1/members/me', { cookie: there.cookie })).statusCode).toBe(401); // the other one ended
    expect((await post('/v1/auth/sign-in', { email, password: 'correct horse battery' })).statusCode).toBe(401);
    const again = withSession(await post('/v1/auth/sign-in', { email, password: 'a brand new secret' }));
    expect((await post('/v1/auth/sign-out-everywhere', {}, { cookie: again.cookie, 'x-csrf-token': again.csrf })).statusCode).toBe(204);
    for (const s of [here, again]) expect((await get('/v1/members/me', { cookie: s.cookie })).statusCode).toBe(401);
  });

  it('refuses an expired session and a made-up one', async () => {
    const res = await register();
    const { cookie } = withSession(res);
    await sql`UPDATE members.sessions SET expires_at = created_at + interval '1 millisecond' WHERE member_id = ${res.json().member.id}`.execute(t.services.marketplace.db);
    expect((await get('/v1/members/me', { cookie })).statusCode).toBe(401);
    expect((await get('/v1/members/me', { cookie: `trove_session=trs_${'A'.repeat(43)}` })).statusCode).toBe(401);
    expect((await get('/v1/members/me', { cookie: 'trove_session=not-a-token' })).statusCode).toBe(401);
  });

  it('stops guessing at ten failures per email and address, even thirty at once, while the owner signs in from elsewhere', async () => {
    const res = await register();
    const email = res.json().member.email as string;
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => post('/v1/auth/sign-in', { email, password: `guess number ${i}` }, {}, '10.0.0.1')));
    const codes = guesses.map((g) => g.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(10); // each attempt counted before its check: none slips through
    expect(codes.filter((c) => c === 429)).toHaveLength(20);
    const locked = await post('/v1/auth/sign-in', { email, password: 'correct horse battery' }, {}, '10.0.0.1');
    expect([locked.statusCode, locked.json().error.code]).toEqual([429, 'AUTH_TOO_MANY_ATTEMPTS']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The guesser locked out itself, not the owner.
    expect((await post('/v1/auth/sign-in', { email, password: 'correct horse battery' }, {}, '10.0.0.2')).statusCode).toBe(200);
  });

  it('needs the CSRF token for a cookie write even on a public route that acts as the caller', async () => {
    const admin = await register();
    await sql`UPDATE members.members SET roles = '{admin}', verification_state = 'approved' WHERE id = ${admin.json().member.id}`.execute(t.services.marketplace.db);
    const { cookie, csrf } = withSession(admin);
    const body = { email: `made-${Date.now()}@test.local`, displayName: 'Made', roles: ['admin'] };
    expect((await post('/v1/members', body, { cookie })).json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await post('/v1/members', body, { cookie, 'x-csrf-token': csrf })).statusCode).toBe(201);
    // A public read does not look the session up at all.
    expect((await get('/healthz', { cookie: 'trove_session=trs_' + 'B'.repeat(43) })).statusCode).toBe(200);
  });

  it('refuses bad registrations with 400s and creates nothing', async () => {
    for (const body of [{ password: 'short' }, { roles: ['admin'] }, { email: 'not an email' }, { extra: true }]) {
      const res = await register(body);
      expect([res.statusCode, res.json().error.code]).toEqual([body.roles ? 403 : 400, body.roles ? 'MEMBER_ROLE_NOT_ALLOWED' : 'VALIDATION_FAILED']);
      expect(res.cookies).toEqual([]);
    }
  });
});
