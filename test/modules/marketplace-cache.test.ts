import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Marketplace } from '../../src/modules/marketplace/index.js';
import { MARKETPLACE_POLICY } from '../../src/modules/marketplace/model.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const at = { lat: 39.93, lng: 32.86 };
const listingBody = (audience: object) => ({
  title: 'Brass lamp', description: 'Working', category: 'lighting', priceMinor: 90_000, currency: 'TRY', quantity: 3, condition: 'good', location: at, audience,
});

/**
 * The caches of listings and sellers (view.ts) in two processes: the test app's (A, which takes
 * the writes) and a second Marketplace on the same database with its own caches and watch (B).
 * After a write's answer, B's next read must already agree, from its caches.
 */
describe('marketplace caches across processes', () => {
  let t: TestApp;
  let b: Marketplace;
  beforeAll(async () => {
    t = await createTestApp();
    b = new Marketplace(t.db.database.db, { pool: t.db.database.pool });
    await b.catchUp();
    await b.start();
  });
  afterAll(async () => {
    await b.stop();
    await t.close();
  });

  const viewer = (id: string) => ({ memberId: id, admin: false, buyer: true });
  /** What B answers, by id and nearby; its caches must be the ones answering. */
  async function seenByB(listingId: string, buyerId: string): Promise<{ byId: boolean; nearby: boolean }> {
    expect(b.view.watch.fresh()).toBe(true);
    const byId = (await b.findListing(b.db, listingId, viewer(buyerId))) !== null;
    const nearby = (await b.nearby(viewer(buyerId), at, 1, 50)).some((n) => n.listing.id === listingId);
    return { byId, nearby };
  }

  it('counts every audience change, block and decision made through one process on the next read in another', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const listId = (await t.call(seller.key, { method: 'POST', url: '/v1/buyer-lists', payload: { name: 'friends' } })).json().id as string;
    const created = await t.call(seller.key, { method: 'POST', url: '/v1/listings', payload: listingBody({ kind: 'restricted', listIds: [listId], buyerIds: [] }) });
    const id = created.json().id as string;
    expect((await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { state: 'active' } })).statusCode).toBe(200);
    await b.catchUp(); // B's nearby index learns the new listing (its feed is not what this test is about)

    // Reads in B all along: a fill racing a change must never leave the old row cached.
    let reading = true;
    const readers = Array.from({ length: 4 }, async () => {
      while (reading) {
        await b.findListing(b.db, id, viewer(buyer.id));
        await new Promise((r) => setImmediate(r)); // a cached read never yields by itself
      }
    });
    const steps: { write: () => Promise<number>; sees: boolean }[] = [
      { write: async () => (await t.call(seller.key, { method: 'PUT', url: `/v1/buyer-lists/${listId}/members`, payload: { buyerIds: [buyer.id] } })).statusCode, sees: true },
      { write: async () => (await t.call(seller.key, { method: 'PUT', url: `/v1/seller-blocks/${buyer.id}` })).statusCode, sees: false },
      { write: async () => (await t.call(seller.key, { method: 'DELETE', url: `/v1/seller-blocks/${buyer.id}` })).statusCode, sees: true },
      { write: async () => (await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { audience: { kind: 'hidden' } } })).statusCode, sees: false },
      { write: async () => (await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { audience: { kind: 'restricted', listIds: [], buyerIds: [buyer.id] } } })).statusCode, sees: true },
      { write: async () => (await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${seller.id}/verification`, payload: { decision: 'rejected', reason: 'test' } })).statusCode, sees: false },
      { write: async () => (await t.call(t.adminKey, { method: 'POST', url: `/v1/members/${seller.id}/verification`, payload: { decision: 'approved', reason: 'test' } })).statusCode, sees: true },
      { write: async () => (await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { audience: { kind: 'restricted', listIds: [listId], buyerIds: [] } } })).statusCode, sees: true },
      { write: async () => (await t.call(seller.key, { method: 'PUT', url: `/v1/buyer-lists/${listId}/members`, payload: { buyerIds: [] } })).statusCode, sees: false },
    ];
    try {
      for (let round = 0; round < 2; round++) {
        for (const step of steps) {
          await seenByB(id, buyer.id); // B has the listing and seller cached before the change
          expect(await step.write()).toBeLessThan(300);
          expect(await seenByB(id, buyer.id)).toEqual({ byId: step.sees, nearby: step.sees });
        }
      }
    } finally {
      reading = false;
      await Promise.all(readers);
    }
  });

  it('shows stock another module took, in its own process at once', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const id = (await t.call(seller.key, { method: 'POST', url: '/v1/listings', payload: listingBody({ kind: 'all' }) })).json().id as string;
    await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { state: 'active' } });
    const a = t.services.marketplace;
    expect((await a.findListing(a.db, id, viewer(buyer.id)))?.quantity).toBe(3); // cached
    await a.db.transaction().execute((tx) => a.takeStock(tx, id, buyer.id, 3));
    expect(await a.findListing(a.db, id, viewer(buyer.id))).toBeNull(); // sold out: sold, gone for buyers
    expect((await a.findListing(a.db, id, { memberId: seller.id, admin: false, buyer: false }))).toMatchObject({ state: 'sold', quantity: 0 });
    // Operators see how the hot reads were answered.
    const metrics = (await t.call(null, { method: 'GET', url: '/metrics' })).body;
    expect(Number(/trove_marketplace_cache_reads_total\{answer="cache"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/trove_marketplace_cache_reads_total\{answer="postgres"\} \d+/);
  });

  it('distrusts its caches when its watch stops, and answers from PostgreSQL', async () => {
    const c = new Marketplace(t.db.database.db, { pool: t.db.database.pool });
    await c.start();
    expect(c.view.watch.fresh()).toBe(true);
    await c.stop();
    await new Promise((r) => setTimeout(r, MARKETPLACE_POLICY.cache.freshMs + 10));
    expect(c.view.watch.fresh()).toBe(false);
    expect(await c.view.visible(viewer(crypto.randomUUID()), [])).toBeNull();
  });

  it('outlives its connection being cut (a database restart) and trusts its caches again after a pass', async () => {
    const c = new Marketplace(t.db.database.db, { pool: t.db.database.pool });
    await c.start();
    try {
      await new Promise((r) => setTimeout(r, 100)); // the watch holds its connection between passes now
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(t.db.database.db);
      await new Promise((r) => setTimeout(r, MARKETPLACE_POLICY.cache.freshMs + 10));
      for (const deadline = Date.now() + 10_000; !c.view.watch.fresh(); await new Promise((r) => setTimeout(r, 50))) {
        if (Date.now() > deadline) throw new Error('the watch did not come back');
      }
      expect(await c.view.visible(viewer(crypto.randomUUID()), [])).toEqual(new Map());
    } finally {
      await c.stop();
    }
  });
});

describe('nearby while the index changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('neither skips nor repeats a listing when the index changes between visibility checks', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const centre = { lat: -33.87, lng: 151.21 };
    const visible: string[] = [];
    for (let i = 0; i < 60; i++) {
      // Two in three hidden: a page of ten needs several chunks, each a round trip.
      const audience = i % 3 === 0 ? { kind: 'all' as const } : { kind: 'hidden' as const };
      const at = { lat: centre.lat + i * 0.0005, lng: centre.lng };
      const created = await t.services.marketplace.createListing(seller.id, { title: `n${i}`, description: '', category: 'x', priceMinor: 1, currency: 'TRY', quantity: 1, condition: 'good', attributes: {}, location: at, images: [], surgeMaxBp: null, audience });
      if (!created.ok) throw new Error(created.code);
      await t.services.marketplace.updateListing(created.value.id, seller.id, { state: 'active' });
      if (i % 3 === 0) visible.push(created.value.id);
    }
    // Its caches never started: each chunk's visibility is a PostgreSQL round trip.
    const m = new Marketplace(t.db.database.db, { pool: t.db.database.pool });
    await m.catchUp();
    const viewer = { memberId: buyer.id, admin: false, buyer: true };
    for (let round = 0; round < 5; round++) {
      const pending = m.nearby(viewer, centre, 50, 10);
      // Meanwhile the feed brings many changes near the centre (listings this buyer cannot see).
      for (let j = 0; j < 300; j++) m.index!.upsert(crypto.randomUUID(), { lat: centre.lat + Math.random() * 0.03, lng: centre.lng + Math.random() * 0.01 });
      expect((await pending).map((n) => n.listing.id)).toEqual(visible.slice(0, 10));
    }
  });
});
