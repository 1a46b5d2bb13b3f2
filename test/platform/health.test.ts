import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('health, docs and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz without a key', async () => {
    expect((await t.call(null, { method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.call(null, { method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('serves the OpenAPI document and the docs UI publicly', async () => {
    const doc = await t.call(null, { method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().paths['/v1/members']).toBeDefined();
    expect((await t.call(null, { method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('counts requests per route with their latency in /metrics', async () => {
    await t.call(t.adminKey, { method: 'GET', url: '/v1/members/me' });
    const text = (await t.call(null, { method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/v1\/members\/me",status_code="200"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('db_pool_connections_total');
  });

  it('echoes a caller request id and makes one up otherwise', async () => {
    const given = await t.call(null, { method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.call(null, { method: 'GET', url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
