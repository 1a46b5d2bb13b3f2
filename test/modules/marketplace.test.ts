import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm, type Point } from '../../src/modules/marketplace/geo.js';
import { Marketplace, type Nearby } from '../../src/modules/marketplace/index.js';
import { nearbyJson } from '../../src/modules/marketplace/nearby-json.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { destination } from '../helpers/geo.js';

const listingBody = (over: Record<string, unknown> = {}) => ({
  title: 'Walnut desk', description: 'Solid walnut, 140 cm', category: 'furniture', priceMinor: 450_000, currency: 'TRY',
  quantity: 1, condition: 'good', location: { lat: 41.0082, lng: 28.9784 }, ...over,
});

describe('private marketplace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = (key: string, over: Record<string, unknown> = {}) => t.call(key, { method: 'POST', url: '/v1/listings', payload: listingBody(over) });
  const patch = (key: string, id: string, payload: object) => t.call(key, { method: 'PATCH', url: `/v1/listings/${id}`, payload });
  const get = (key: string, id: string) => t.call(key, { method: 'GET', url: `/v1/listings/${id}` });
  const search = async (key: string, query = ''): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call(key, { method: 'GET', url: `/v1/listings?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  it('keeps a draft to its seller, shows a published listing to approved buyers, and never its audience', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const pending = await t.member(['buyer'], { approved: false });
    const draft = await create(seller.key);
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id;
    expect(draft.json()).toMatchObject({ state: 'draft', audience: { kind: 'all' }, sellerId: seller.id });
    expect((await get(buyer.key, id)).statusCode).toBe(404);
    expect((await patch(seller.key, id, { state: 'active' })).json().state).toBe('active');
    const seen = await get(buyer.key, id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).not.toHaveProperty('audience');
    expect((await get(pending.key, id)).statusCode).toBe(403);
    expect(await search(buyer.key, `&sellerId=${seller.id}`)).toEqual([id]);
    expect(await search(buyer.key, `&sellerId=${seller.id}&q=walnut`)).toEqual([id]);
    expect(await search(buyer.key, `&sellerId=${seller.id}&q=oak`)).toEqual([]);
    // A seller an admin rejects (revokes) disappears for buyers with all its listings, and comes back.
    const decide = (decision: string) => t.call(t.adminKey, { method: 'POST', url: `/v1/members/${seller.id}/verification`, payload: { decision, reason: 'test' } });
    expect((await decide('rejected')).statusCode).toBe(200);
    expect((await get(buyer.key, id)).statusCode).toBe(404);
    expect(await search(buyer.key, `&sellerId=${seller.id}`)).toEqual([]);
    expect((await decide('approved')).statusCode).toBe(200);
    expect((await get(buyer.key, id)).statusCode).toBe(200);
    // draft -> active -> sold; nothing goes back.
    expect((await patch(seller.key, id, { state: 'sold' })).statusCode).toBe(200);
    expect((await patch(seller.key, id, { state: 'active' })).json().error.code).toBe('LISTING_STATE_CONFLICT');
    expect((await get(buyer.key, id)).statusCode).toBe(404);
  });

  it('shows a restricted listing to its lists and named buyers only, hides everything from a blocked buyer, at once', async () => {
    const seller = await t.member(['seller']);
    const [onList, named, outsider] = [await t.member(['buyer']), await t.member(['buyer']), await t.member(['buyer'])];
    const list = await t.call(seller.key, { method: 'POST', url: '/v1/buyer-lists', payload: { name: 'wholesale' } });
    expect(list.statusCode).toBe(201);
    const listId = list.json().id;
    expect((await t.call(seller.key, { method: 'PUT', url: `/v1/buyer-lists/${listId}/members`, payload: { buyerIds: [onList.id] } })).json().buyerIds).toEqual([onList.id]);
    const id = (await create(seller.key, { audience: { kind: 'restricted', listIds: [listId], buyerIds: [named.id] } })).json().id;
    await patch(seller.key, id, { state: 'active' });
    const status = async () => Promise.all([onList, named, outsider].map(async (b) => (await get(b.key, id)).statusCode));
    expect(await status()).toEqual([200, 200, 404]);
    expect(await search(outsider.key, `&sellerId=${seller.id}`)).toEqual([]);
    await t.call(seller.key, { method: 'PUT', url: `/v1/seller-blocks/${named.id}` });
    expect(await status()).toEqual([200, 404, 404]);
    await t.call(seller.key, { method: 'DELETE', url: `/v1/seller-blocks/${named.id}` });
    await t.call(seller.key, { method: 'PUT', url: `/v1/buyer-lists/${listId}/members`, payload: { buyerIds: [] } });
    expect(await status()).toEqual([404, 200, 404]);
    await patch(seller.key, id, { audience: { kind: 'hidden' } });
    expect(await status()).toEqual([404, 404, 404]);
    // Another seller cannot see, change or aim at this seller's things.
    const rival = await t.member(['seller']);
    expect((await get(rival.key, id)).statusCode).toBe(404);
    expect((await patch(rival.key, id, { title: 'mine' })).statusCode).toBe(404);
    expect((await create(rival.key, { audience: { kind: 'restricted', listIds: [listId], buyerIds: [] } })).json().error.code).toBe('LISTING_AUDIENCE_INVALID');
    expect((await t.call(rival.key, { method: 'PUT', url: `/v1/buyer-lists/${listId}/members`, payload: { buyerIds: [] } })).statusCode).toBe(404);
  });

  it('applies concurrent replacements of a buyer list one after the other, never merged', async () => {
    const seller = await t.member(['seller']);
    const buyers = [await t.member(['buyer']), await t.member(['buyer']), await t.member(['buyer'])];
    const listId = (await t.call(seller.key, { method: 'POST', url: '/v1/buyer-lists', payload: { name: 'race' } })).json().id;
    const sets = buyers.map((b) => [b.id]);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(sets.map((buyerIds) => t.call(seller.key, { method: 'PUT', url: `/v1/buyer-lists/${listId}/members`, payload: { buyerIds } })));
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
      const final = (await t.call(seller.key, { method: 'GET', url: '/v1/buyer-lists' })).json().items.find((l: { id: string }) => l.id === listId).buyerIds;
      expect(sets).toContainEqual(final);
    }
  });

  it('refuses bad input with a 4xx and stores nothing', async () => {
    const seller = await t.member(['seller']);
    const bad = [
      { location: { lat: 91, lng: 0 } }, { location: { lat: 0, lng: -181 } }, { priceMinor: -1 }, { priceMinor: 1.5 }, { title: '' },
      { condition: 'mint' }, { images: ['javascript:alert(1)'] }, { extra: true }, { attributes: { blob: 'x'.repeat(5_000) } },
      { attributes: { ['k'.repeat(65)]: 1 } }, { attributes: Object.fromEntries(Array.from({ length: 440 }, (_, i) => [`k${i}`, i])) },
      { audience: { kind: 'restricted', listIds: [crypto.randomUUID()], buyerIds: [] } },
      { audience: { kind: 'restricted', listIds: [], buyerIds: [crypto.randomUUID()] } },
    ];
    for (const over of bad) {
      const res = await create(seller.key, over);
      expect([400, 422]).toContain(res.statusCode);
    }
    const buyer = await t.member(['buyer']);
    expect((await t.call(buyer.key, { method: 'GET', url: '/v1/listings?cursor=not-a-cursor' })).statusCode).toBe(400);
    expect((await t.call(buyer.key, { method: 'GET', url: '/v1/listings?limit=1000' })).statusCode).toBe(400);
    expect((await t.call(buyer.key, { method: 'POST', url: '/v1/listings', payload: listingBody() })).statusCode).toBe(403);
    expect((await t.call(seller.key, { method: 'PUT', url: `/v1/seller-blocks/${crypto.randomUUID()}` })).statusCode).toBe(404);
    expect(await search(seller.key, `&sellerId=${seller.id}`)).toEqual([]);
  });

  it('finds the nearest listings it may see, exact at the radius, across the antimeridian and at a pole', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const other = await t.member(['buyer']);
    const place = async (at: Point, audience: object = { kind: 'all' }) => {
      const id = (await create(seller.key, { location: at, audience })).json().id as string;
      expect((await patch(seller.key, id, { state: 'active' })).statusCode).toBe(200);
      return { id, at };
    };
    const nearby = async (key: string, c: Point, radiusKm: number, limit = 100) => {
      const res = await t.call(key, { method: 'GET', url: `/v1/listings/nearby?lat=${c.lat}&lng=${c.lng}&radiusKm=${radiusKm}&limit=${limit}` });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { id: string; distanceKm: number }[]);
    };
    for (const c of [{ lat: 41.01, lng: 28.98 }, { lat: -16.5, lng: 179.95 }, { lat: 89.95, lng: 10 }]) {
      const radiusKm = 10;
      const inside = await place(destination(c, 45, radiusKm - 0.001));
      const outside = await place(destination(c, 90, radiusKm + 0.001));
      const spread = [];
      for (let i = 0; i < 8; i++) spread.push(await place(destination(c, i * 47, (i + 1) * 1.7)));
      const hidden = await place(destination(c, 10, 1), { kind: 'hidden' });
      const forOther = await place(destination(c, 20, 2), { kind: 'restricted', listIds: [], buyerIds: [other.id] });
      const visible = [inside, outside, ...spread];
      const expected = visible.map((l) => ({ id: l.id, d: distanceKm(c, l.at) })).filter((l) => l.d <= radiusKm)
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1)).map((l) => l.id);
      const found = (await nearby(buyer.key, c, radiusKm)).filter((l) => [...visible, hidden, forOther].some((v) => v.id === l.id));
      expect(found.map((l) => l.id)).toEqual(expected);
      expect(found.map((l) => l.id)).toContain(inside.id);
      expect(found.map((l) => l.id)).not.toContain(outside.id);
      expect((await nearby(other.key, c, radiusKm)).map((l) => l.id)).toContain(forOther.id);
      expect((await nearby(buyer.key, c, radiusKm, 3)).length).toBeLessThanOrEqual(3);
    }
    // Without a radius: the k nearest at any distance (here in the South Pacific, far from the others).
    const far = { lat: -45, lng: -120 };
    const ring = [];
    for (const km of [1_500, 50, 900, 150, 400]) ring.push({ km, ...(await place(destination(far, km % 360, km))) });
    const byDistance = ring.sort((a, b) => a.km - b.km).map((l) => l.id);
    const nearest = async (limit: number) => (await t.call(buyer.key, { method: 'GET', url: `/v1/listings/nearby?lat=${far.lat}&lng=${far.lng}&limit=${limit}` })).json().items.map((l: { id: string }) => l.id);
    expect(await nearest(3)).toEqual(byDistance.slice(0, 3));
    expect(await nearest(5)).toEqual(byDistance);
    for (const q of ['lat=91&lng=0&radiusKm=1', 'lat=0&lng=181&radiusKm=1', 'lat=0&lng=0&radiusKm=0', 'lat=0&lng=0&radiusKm=30000', 'lng=0&radiusKm=1', 'lat=x&lng=0&radiusKm=1']) {
      expect((await t.call(buyer.key, { method: 'GET', url: `/v1/listings/nearby?${q}` })).statusCode).toBe(400);
    }
  });

  it('writes nearby\'s answer as the schema would: each item is the listing by id plus its distance', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const at = { lat: -33.8688, lng: 151.2093 };
    const over = { location: at, title: 'Desk "Ödön" \\ 1/2 \u2028', attributes: { legs: 4, finish: 'oiled', dims: { w: 140 } }, images: ['https://img.example/1.jpg'], surgeMaxBp: 15_000 };
    const id = (await create(seller.key, over)).json().id as string;
    expect((await patch(seller.key, id, { state: 'active' })).statusCode).toBe(200);
    for (const [who, key] of [['buyer', buyer.key], ['seller', seller.key], ['admin', t.adminKey]] as const) {
      const byId = (await get(key, id)).json();
      for (let i = 0; i < 2; i++) { // the second from the listing's JSON kept since the first
        const res = await t.call(key, { method: 'GET', url: `/v1/listings/nearby?lat=${at.lat}&lng=${at.lng}&radiusKm=1` });
        expect(res.headers['content-type'], who).toBe('application/json; charset=utf-8');
        const item = (res.json().items as Record<string, unknown>[]).find((l) => l.id === id);
        expect(item, who).toEqual({ ...byId, distanceKm: expect.closeTo(0, 9) });
        expect('audience' in item!, who).toBe(who !== 'buyer');
      }
    }
    const { surge: _, ...shown } = (await get(buyer.key, id)).json() as Record<string, unknown>;
    const surge = { multiplierBp: 12_500, priceMinor: 562_500, reason: 'High "demand" \\ now' };
    expect(JSON.parse(nearbyJson([{ listing: shown as never, distanceKm: 0.25 }], () => surge))).toEqual({ items: [{ ...shown, surge, distanceKm: 0.25 }] });
  });

  it('answers nearby the same through the in-memory index, PostgreSQL alone, and an index built by another process', async () => {
    const seller = await t.member(['seller']);
    const buyer = await t.member(['buyer']);
    const centres = [{ lat: 38.42, lng: 27.14 }, { lat: 65.5, lng: -179.97 }, { lat: -89.97, lng: 0 }];
    const indexed = t.services.marketplace;
    for (let i = 0; i < 60; i++) {
      const at = destination(centres[i % 3]!, (i * 137) % 360, ((i * 7919) % 300) / 10);
      const audience = i % 7 === 0 ? { kind: 'hidden' as const } : { kind: 'all' as const };
      const created = await indexed.createListing(seller.id, { ...listingBody({ location: at }), description: '', attributes: {}, images: [], audience } as never);
      if (!created.ok) throw new Error(created.code);
      if (i % 5 !== 0) await indexed.updateListing(created.value.id, seller.id, { state: 'active' });
    }
    const sqlOnly = new Marketplace(t.db.database.db, { nearbyIndex: false });
    const elsewhere = new Marketplace(t.db.database.db);
    expect(await elsewhere.catchUp()).toBeGreaterThanOrEqual(60);
    const query = fc.record({ centre: fc.nat(2), bearing: fc.double({ min: 0, max: 360, noNaN: true }), offsetKm: fc.double({ min: 0, max: 20, noNaN: true }), radiusKm: fc.double({ min: 0.1, max: 60, noNaN: true }), limit: fc.integer({ min: 1, max: 40 }), asSeller: fc.boolean() });
    await fc.assert(fc.asyncProperty(query, async (q) => {
      const at = destination(centres[q.centre]!, q.bearing, q.offsetKm);
      const viewer = q.asSeller ? { memberId: seller.id, admin: false, buyer: false } : { memberId: buyer.id, admin: false, buyer: true };
      const [a, b, c] = await Promise.all([indexed, sqlOnly, elsewhere].map((m) => m.nearby(viewer, at, q.radiusKm, q.limit)));
      const ids = (found: Nearby[]) => found.map((n) => n.listing.id);
      expect(ids(a!)).toEqual(ids(b!));
      expect(ids(c!)).toEqual(ids(b!));
      a!.forEach((l, i) => expect(l.distanceKm).toBeCloseTo(b![i]!.distanceKm, 6));
    }), { numRuns: 150 });
  });

  it('shows every caller exactly its audience, on every read path and in every count, on random worlds', async () => {
    const sellers = [await t.member(['seller']), await t.member(['seller', 'buyer'])];
    const buyers = [await t.member(['buyer']), await t.member(['buyer']), await t.member(['buyer']), sellers[1]!];
    const world = fc.record({
      lists: fc.array(fc.record({ seller: fc.nat(1), members: fc.subarray([0, 1, 2, 3]) }), { maxLength: 3 }),
      listings: fc.array(fc.record({
        seller: fc.nat(1), state: fc.constantFrom('draft', 'active', 'active', 'withdrawn'),
        audience: fc.constantFrom('all', 'hidden', 'restricted', 'restricted'), lists: fc.subarray([0, 1, 2]), named: fc.subarray([0, 1, 2, 3]),
      }), { minLength: 1, maxLength: 6 }),
      blocks: fc.array(fc.record({ seller: fc.nat(1), buyer: fc.nat(3) }), { maxLength: 2 }),
    });
    let run = 0;
    await fc.assert(fc.asyncProperty(world, async (w) => {
      // Each world at a point of its own, so nearby sees only it.
      const at = { lat: -40 + (run++) * 0.5, lng: 100 };
      const listIds: (string | null)[] = [];
      for (const [i, l] of w.lists.entries()) {
        const s = sellers[l.seller]!;
        const id = (await t.call(s.key, { method: 'POST', url: '/v1/buyer-lists', payload: { name: `l${i}-${crypto.randomUUID()}` } })).json().id as string;
        await t.call(s.key, { method: 'PUT', url: `/v1/buyer-lists/${id}/members`, payload: { buyerIds: l.members.map((b) => buyers[b]!.id) } });
        listIds.push(id);
      }
      const expected = new Map<number, Set<string>>(buyers.map((_, b) => [b, new Set<string>()]));
      const mine: string[][] = [[], []];
      for (const l of w.listings) {
        const ownLists = l.lists.filter((i) => i < w.lists.length && w.lists[i]!.seller === l.seller);
        const audience = l.audience === 'restricted' ? { kind: 'restricted', listIds: ownLists.map((i) => listIds[i]!), buyerIds: l.named.map((b) => buyers[b]!.id) } : { kind: l.audience };
        const s = sellers[l.seller]!;
        const id = (await create(s.key, { audience, location: at })).json().id as string;
        if (l.state !== 'draft') {
          if (l.state === 'withdrawn') expect((await patch(s.key, id, { state: 'withdrawn' })).statusCode).toBe(200);
          else expect((await patch(s.key, id, { state: 'active' })).statusCode).toBe(200);
        }
        mine[l.seller]!.push(id);
        buyers.forEach((_, b) => {
          const blocked = w.blocks.some((k) => k.seller === l.seller && k.buyer === b);
          const inAudience = l.audience === 'all' || (l.audience === 'restricted' && (l.named.includes(b) || ownLists.some((i) => w.lists[i]!.members.includes(b))));
          const own = b === 3 && l.seller === 1;
          if (own || (l.state === 'active' && !blocked && inAudience)) expected.get(b)!.add(id);
        });
      }
      for (const k of w.blocks) await t.call(sellers[k.seller]!.key, { method: 'PUT', url: `/v1/seller-blocks/${buyers[k.buyer]!.id}` });
      const all = [...mine[0]!, ...mine[1]!];
      for (const [b, buyer] of buyers.entries()) {
        // Earlier worlds' listings are withdrawn, but a seller still sees its own: compare this world's.
        const found = [...await search(buyer.key, `&sellerId=${sellers[0]!.id}`), ...await search(buyer.key, `&sellerId=${sellers[1]!.id}`)].filter((id) => all.includes(id));
        expect(new Set(found)).toEqual(expected.get(b)!);
        for (const id of all) expect((await get(buyer.key, id)).statusCode).toBe(expected.get(b)!.has(id) ? 200 : 404);
        const near = (await t.call(buyer.key, { method: 'GET', url: `/v1/listings/nearby?lat=${at.lat}&lng=${at.lng}&radiusKm=1&limit=100` })).json().items.map((l: { id: string }) => l.id);
        expect(new Set(near.filter((id: string) => all.includes(id)))).toEqual(expected.get(b)!);
        if (b === 3) continue; // a seller also sees its own listings of earlier worlds in counts
        for (const [s, seller] of sellers.entries()) {
          const seen = new Set([...expected.get(b)!].filter((id) => mine[s]!.includes(id)));
          const blocked = w.blocks.some((k) => k.seller === s && k.buyer === b);
          const profile = await t.call(buyer.key, { method: 'GET', url: `/v1/sellers/${seller.id}` });
          expect(profile.statusCode).toBe(blocked ? 404 : 200);
          const front = await t.call(buyer.key, { method: 'GET', url: `/v1/sellers/${seller.id}/listings?facets=true&limit=100` });
          expect(front.statusCode).toBe(blocked ? 404 : 200);
          if (blocked) continue;
          expect(profile.json().listings).toBe(seen.size);
          expect(front.json().facets.total).toBe(seen.size);
          expect(new Set(front.json().items.map((l: { id: string }) => l.id))).toEqual(seen);
        }
      }
      // Clean slate for the next world: blocks off, listings withdrawn.
      for (const k of w.blocks) await t.call(sellers[k.seller]!.key, { method: 'DELETE', url: `/v1/seller-blocks/${buyers[k.buyer]!.id}` });
      for (const [s, ids] of mine.entries()) for (const id of ids) await patch(sellers[s]!.key, id, { state: 'withdrawn' });
    }), { numRuns: 12 });
  });
});
