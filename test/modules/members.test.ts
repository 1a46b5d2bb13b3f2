import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('members and verification', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers a pending member with a key that works at once for its own profile', async () => {
    const res = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'Ada@Example.com', displayName: 'Ada', roles: ['buyer', 'seller'], timeZone: 'Europe/Istanbul' } });
    expect(res.statusCode).toBe(201);
    const { member, key } = res.json();
    expect(member).toMatchObject({ verificationState: 'pending', roles: ['buyer', 'seller'], timeZone: 'Europe/Istanbul', homeLocation: null });
    expect((await t.call(key, { method: 'GET', url: '/v1/members/me' })).json().id).toBe(member.id);
  });

  it('refuses a second registration with the same email in another case', async () => {
    await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'same@example.com', displayName: 'A', roles: ['buyer'] } });
    const res = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'SAME@example.com', displayName: 'B', roles: ['buyer'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('MEMBER_EMAIL_TAKEN');
  });

  it('refuses the admin role on open registration but lets an admin create an admin', async () => {
    const open = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'boss@example.com', displayName: 'B', roles: ['admin'] } });
    expect(open.statusCode).toBe(403);
    expect(open.json().error.code).toBe('MEMBER_ROLE_NOT_ALLOWED');
    const byAdmin = await t.call(t.adminKey, { method: 'POST', url: '/v1/members', payload: { email: 'boss@example.com', displayName: 'B', roles: ['admin'] } });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json().member.verificationState).toBe('approved');
  });

  it('refuses an unknown time zone', async () => {
    const res = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'tz@example.com', displayName: 'T', roles: ['buyer'], timeZone: 'Mars/Olympus' } });
    expect(res.json().error.code).toBe('INVALID_TIME_ZONE');
  });

  it('records each verification decision with its reason in an audit trail', async () => {
    const m = await t.member(['seller'], { approved: false });
    const ask = await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${m.id}/verification`, payload: { decision: 'needs_changes', reason: 'tax id missing' } });
    expect(ask.json().member.verificationState).toBe('needs_changes');
    const resubmitted = await t.call(m.key, { method: 'POST', url: '/v1/members/me/resubmission', payload: { note: 'added tax id' } });
    expect(resubmitted.json().verificationState).toBe('pending');
    await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${m.id}/verification`, payload: { decision: 'approved', reason: 'documents ok' } });
    const trail = (await t.call(m.key, { method: 'GET', url: `/v1/members/${m.id}/verification` })).json().items;
    expect(trail.map((d: any) => [d.fromState, d.toState, d.reason])).toEqual([
      ['pending', 'needs_changes', 'tax id missing'],
      ['needs_changes', 'pending', 'added tax id'],
      ['pending', 'approved', 'documents ok'],
    ]);
    expect(trail[1].decidedBy).toBe(m.id);
  });

  it('refuses a transition that does not apply, with the current state in the message', async () => {
    const m = await t.member(['buyer']);
    const res = await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${m.id}/verification`, payload: { decision: 'approved', reason: 'again' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERIFICATION_TRANSITION_INVALID', message: expect.stringContaining('approved') });
    const resubmit = await t.call(m.key, { method: 'POST', url: '/v1/members/me/resubmission', payload: { note: 'x' } });
    expect(resubmit.statusCode).toBe(409);
  });

  it('answers a decision about an unknown member with 404', async () => {
    const res = await t.call(t.adminKey, { method: 'POST', url: '/v1/members/7d0e1c52-4a8e-4c3e-9d4f-2b1f1f1f1f1f/verification', payload: { decision: 'approved', reason: 'x' } });
    expect(res.statusCode).toBe(404);
  });

  it('makes the audit trail append-only in the database itself', async () => {
    await expect(t.db.database.pool.query('UPDATE members.verification_decisions SET reason = $1', ['rewritten'])).rejects.toThrow(/append-only/);
    await expect(t.db.database.pool.query('DELETE FROM members.verification_decisions')).rejects.toThrow(/append-only/);
  });

  it('decides each member exactly once under concurrent admin decisions', async () => {
    const m = await t.member(['buyer'], { approved: false });
    const results = await Promise.all(['approved', 'rejected', 'needs_changes', 'approved', 'rejected'].map((decision) =>
      t.call(t.adminKey, { method: 'POST', url: `/v1/members/${m.id}/verification`, payload: { decision, reason: 'race' } })));
    const trail = (await t.call(t.adminKey, { method: 'GET', url: `/v1/members/${m.id}/verification` })).json().items;
    // Every accepted decision is in the trail and each starts from the state the previous one left.
    expect(trail).toHaveLength(results.filter((r) => r.statusCode === 200).length);
    for (let i = 1; i < trail.length; i++) expect(trail[i].fromState).toBe(trail[i - 1].toState);
    expect(trail[0].fromState).toBe('pending');
  });

  it('updates the profile: display name, time zone and home location, and clears the location', async () => {
    const m = await t.member(['buyer']);
    const res = await t.call(m.key, { method: 'PATCH', url: '/v1/members/me', payload: { displayName: 'New Name', timeZone: 'Asia/Tokyo', homeLocation: { lat: 35.68, lng: 139.76 } } });
    expect(res.json()).toMatchObject({ displayName: 'New Name', timeZone: 'Asia/Tokyo', homeLocation: { lat: 35.68, lng: 139.76 } });
    const cleared = await t.call(m.key, { method: 'PATCH', url: '/v1/members/me', payload: { homeLocation: null } });
    expect(cleared.json()).toMatchObject({ displayName: 'New Name', homeLocation: null });
    const bad = await t.call(m.key, { method: 'PATCH', url: '/v1/members/me', payload: { homeLocation: { lat: 91, lng: 0 } } });
    expect(bad.statusCode).toBe(400);
  });

  it('pages through the verification queue with a stable cursor', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await t.member(['buyer'], { approved: false })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/members?verificationState=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.call(t.adminKey, { method: 'GET', url })).json();
      seen.push(...page.items.map((m: any) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(created));
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await t.call(t.adminKey, { method: 'GET', url: '/v1/members?cursor=not-a-cursor' });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('writes a member.registered and a member.verification_decided event in the same transaction', async () => {
    const m = await t.member(['buyer']);
    const { rows } = await t.db.database.pool.query('SELECT event_type FROM platform.outbox WHERE aggregate_id = $1 ORDER BY id', [m.id]);
    expect(rows.map((r) => r.event_type)).toEqual(['member.registered', 'member.verification_decided']);
  });
});
