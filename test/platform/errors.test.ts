import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const WRITE_ROUTES = [
  { method: 'POST', url: '/v1/members' },
  { method: 'PATCH', url: '/v1/members/me' },
  { method: 'POST', url: '/v1/members/me/resubmission' },
  { method: 'POST', url: '/v1/members/00000000-0000-4000-8000-000000000000/verification' },
  { method: 'POST', url: '/v1/api-keys' },
] as const;

function expectErrorShape(res: { statusCode: number; json(): any }) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(ERROR_CATALOG)).toContain(body.error.code);
  expect(typeof body.error.message).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('error responses', () => {
  let t: TestApp;
  let buyerKey: string;
  beforeAll(async () => {
    t = await createTestApp();
    buyerKey = (await t.member(['buyer'])).key;
  });
  afterAll(() => t.close());

  it('never answers a malformed JSON body with a 500 or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITE_ROUTES), fc.json(), fc.boolean(), async (route, body, asAdmin) => {
        const res = await t.call(asAdmin ? t.adminKey : buyerKey, { method: route.method, url: route.url, payload: body, headers: { 'content-type': 'application/json' } });
        if (res.statusCode < 400) return;
        expectErrorShape(res);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers arbitrary text, objects or content types with a 500', async () => {
    const payload = fc.oneof(fc.string(), fc.object().map((o) => JSON.stringify(o)), fc.uint8Array().map((a) => Buffer.from(a).toString('latin1')));
    const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITE_ROUTES), payload, contentType, async (route, body, type) => {
        const res = await t.call(t.adminKey, { method: route.method, url: route.url, payload: body, headers: { 'content-type': type } });
        if (res.statusCode < 400) return;
        expectErrorShape(res);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers arbitrary paths and query strings with a 500', async () => {
    const segment = fc.string({ maxLength: 40 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), async (parts, query) => {
        const qs = new URLSearchParams(query).toString();
        const res = await t.call(t.adminKey, { method: 'GET', url: `/v1/members/${parts.join('/')}${qs ? `?${qs}` : ''}` });
        if (res.statusCode < 400) return;
        expectErrorShape(res);
      }),
      { numRuns: 150 },
    );
  });

  it('names the offending field in VALIDATION_FAILED and rejects unknown fields', async () => {
    const res = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'a@b.co', displayName: 'A', roles: ['buyer'], isAdmin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.isAdmin' }] });
    const missing = await t.call(null, { method: 'POST', url: '/v1/members', payload: { displayName: 'A', roles: ['buyer'] } });
    expect(missing.json().error.details[0].field).toBe('body.email');
    const typed = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'a@b.co', displayName: 'A', roles: 'buyer' } });
    expect(typed.json().error.details[0].field).toBe('body.roles');
  });

  it('does not coerce body types: a number sent as a string is refused', async () => {
    const res = await t.call(buyerKey, { method: 'PATCH', url: '/v1/members/me', payload: { homeLocation: { lat: '41', lng: 29 } } });
    expect(res.statusCode).toBe(400);
  });

  it('answers an oversized body with 413 and an unknown route with 404', async () => {
    const big = await t.call(null, { method: 'POST', url: '/v1/members', payload: { email: 'a@b.co', displayName: 'x'.repeat(1_100_000), roles: ['buyer'] } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const unknown = await t.call(null, { method: 'GET', url: '/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('documents every error code in docs/errors.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CATALOG)) {
      expect(doc, `docs/errors.md must have a row for ${code}`).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`));
    }
  });
});
