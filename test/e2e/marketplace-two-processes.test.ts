import crypto from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { processCluster } from '../helpers/process.js';

/**
 * Two real server processes on one database, each with its own caches of listings and sellers:
 * an audience change, a block or a seller's rejection made through one counts on the next request
 * to the other, by id and nearby, and the other answered from its caches (its /metrics says so).
 */
describe('marketplace caches in two server processes', () => {
  it('counts every change made through one process on the next request to the other', async () => {
    const cluster = await processCluster(onTestFinished);
    const [a, b] = await Promise.all([cluster.start(), cluster.start()]);
    const call = async (base: string, key: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };
    const member = async (roles: string[]) => {
      const res = await fetch(`${a.baseUrl}/v1/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${crypto.randomUUID()}@e2e.local`, displayName: 'E2E', roles }) });
      const { member: m, key } = (await res.json()) as { member: { id: string }; key: string };
      expect((await cluster.post(a.baseUrl, `/v1/members/${m.id}/verification`, { decision: 'approved', reason: 'e2e' })).status).toBe(200);
      return { id: m.id, key };
    };
    const [seller, buyer] = [await member(['seller']), await member(['buyer'])];
    const at = { lat: 48.8566, lng: 2.3522 };
    const created = await call(a.baseUrl, seller.key, 'POST', '/v1/listings', { title: 'Zinc bistro table', category: 'furniture', priceMinor: 120_000, currency: 'EUR', quantity: 1, condition: 'good', location: at });
    const id = created.body.id as string;
    expect((await call(a.baseUrl, seller.key, 'PATCH', `/v1/listings/${id}`, { state: 'active' })).status).toBe(200);
    // B's nearby index learns new listings from the feed (every 250 ms); audiences are what is tested here.
    await new Promise((r) => setTimeout(r, 1_000));

    const seenByB = async () => ({
      byId: (await call(b.baseUrl, buyer.key, 'GET', `/v1/listings/${id}`)).status === 200,
      nearby: ((await call(b.baseUrl, buyer.key, 'GET', `/v1/listings/nearby?lat=${at.lat}&lng=${at.lng}&radiusKm=1`)).body.items as { id: string }[]).some((l) => l.id === id),
    });
    const changes: [() => Promise<number>, boolean][] = [
      [async () => (await call(a.baseUrl, seller.key, 'PATCH', `/v1/listings/${id}`, { audience: { kind: 'hidden' } })).status, false],
      [async () => (await call(a.baseUrl, seller.key, 'PATCH', `/v1/listings/${id}`, { audience: { kind: 'restricted', listIds: [], buyerIds: [buyer.id] } })).status, true],
      [async () => (await call(a.baseUrl, seller.key, 'PUT', `/v1/seller-blocks/${buyer.id}`)).status, false],
      [async () => (await call(a.baseUrl, seller.key, 'DELETE', `/v1/seller-blocks/${buyer.id}`)).status, true],
      [async () => (await cluster.post(a.baseUrl, `/v1/members/${seller.id}/verification`, { decision: 'rejected', reason: 'e2e' })).status, false],
      [async () => (await cluster.post(a.baseUrl, `/v1/members/${seller.id}/verification`, { decision: 'approved', reason: 'e2e' })).status, true],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [change, sees] of changes) {
        await seenByB(); // B has the listing and its seller cached before the change
        expect(await change()).toBeLessThan(300);
        expect(await seenByB()).toEqual({ byId: sees, nearby: sees });
      }
    }
    const metrics = await (await fetch(`${b.baseUrl}/metrics`)).text();
    expect(Number(/trove_marketplace_cache_reads_total\{answer="cache"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
  });
});
