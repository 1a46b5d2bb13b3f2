import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const listingBody = (over: Record<string, unknown> = {}) => ({
  title: 'Walnut desk', description: 'Solid walnut, 140 cm', category: 'furniture', priceMinor: 450_000, currency: 'TRY',
  quantity: 1, condition: 'good', location: { lat: 41.0082, lng: 28.9784 }, ...over,
});

interface Page { items: { id: string; score?: number; distanceKm?: number; priceMinor: number; currency: string }[]; nextCursor: string | null; facets?: { total: number; categories: { category: string; count: number }[] } }

describe('marketplace search', () => {
  let t: TestApp;
  let seller: { id: string; key: string };
  let buyer: { id: string; key: string };
  beforeAll(async () => {
    t = await createTestApp();
    seller = await t.member(['seller']);
    buyer = await t.member(['buyer']);
  });
  afterAll(() => t.close());

  /** A published listing of the seller's (another seller's with `as`). */
  const publish = async (over: Record<string, unknown> = {}, as = seller): Promise<string> => {
    const created = await t.call(as.key, { method: 'POST', url: '/v1/listings', payload: listingBody(over) });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await t.call(as.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { state: 'active' } })).statusCode).toBe(200);
    return id;
  };
  const page = async (key: string, query: string, url = '/v1/listings'): Promise<Page> => {
    const res = await t.call(key, { method: 'GET', url: `${url}?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  /** Every page, following the cursors; `between` runs after the first page. */
  const all = async (key: string, query: string, between?: () => Promise<void>, url?: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page(key, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, url);
      if (cursor === null) await between?.();
      ids.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    return ids;
  };

  it('finds titles despite typos, and ranks a title match above a description match', async () => {
    const tag = `t${Date.now()}`;
    const chair = await publish({ title: `Oak chair ${tag}`, description: 'Sturdy' });
    const desc = await publish({ title: `Side table ${tag}`, description: 'Matches an oak chair nicely' });
    await publish({ title: `Walnut desk ${tag}`, description: 'Solid' });
    expect(await all(buyer.key, `q=chiar&category=furniture&sellerId=${seller.id}`)).toContain(chair);
    expect(await all(buyer.key, `q=${tag}%20chair`)).toEqual([chair, desc]);
    expect(await all(buyer.key, `q=${tag}%20zzzz`)).toEqual([]);
  });

  it('filters by attributes, as text, numbers included', async () => {
    const color = `c${Date.now()}`;
    const red42 = await publish({ attributes: { color, size: 42, boxed: true } });
    const red40 = await publish({ attributes: { color, size: 40 } });
    expect(new Set(await all(buyer.key, `attr=color:${color}`))).toEqual(new Set([red42, red40]));
    expect(await all(buyer.key, `attr=color:${color}&attr=size:42`)).toEqual([red42]);
    expect(await all(buyer.key, `attr=color:${color}&attr=boxed:true`)).toEqual([red42]);
    expect(await all(buyer.key, `attr=color:${color}&attr=size:41`)).toEqual([]);
  });

  it('ranks by a higher-rated seller, a nearer listing and a newer one, each other term equal', async () => {
    const other = await t.member(['seller']);
    const category = `rank${Date.now()}`;
    const here = { lat: 41.0082, lng: 28.9784 };
    const far = await publish({ category, location: { lat: 41.1, lng: 28.9784 } });
    const near = await publish({ category, location: here });
    expect(await all(buyer.key, `category=${category}&lat=${here.lat}&lng=${here.lng}`)).toEqual([near, far]);
    // Seller ratings arrive with orders (issue 8); the ranking reads their aggregate row.
    const rated = await publish({ category: `${category}r` }, other);
    const plain = await publish({ category: `${category}r` });
    await sql`INSERT INTO marketplace.seller_stats (seller_id, rating_count, rating_sum) VALUES (${other.id}, 10, 50)`.execute(t.services.marketplace.db);
    expect(await all(buyer.key, `category=${category}r&sort=score`)).toEqual([rated, plain]);
    expect(await all(buyer.key, `category=${category}r&sort=newest`)).toEqual([plain, rated]);
    const profile = (await t.call(buyer.key, { method: 'GET', url: `/v1/sellers/${other.id}` })).json();
    expect(profile).toMatchObject({ id: other.id, rating: { average: 5, count: 10 }, listings: 1 });
  });

  it('keeps a price range to one currency when asked', async () => {
    const category = `money${Date.now()}`;
    for (const [priceMinor, currency] of [[150, 'COIN'], [150, 'EUR'], [250, 'COIN']] as const) await publish({ category, priceMinor, currency });
    const found = (await page(buyer.key, `category=${category}&currency=COIN&minPriceMinor=100&maxPriceMinor=200`)).items.map((i) => [i.priceMinor, i.currency]);
    expect(found).toEqual([[150, 'COIN']]);
  });

  it('filters a seller\'s own listings by state; a buyer never sees other than active ones', async () => {
    const category = `state${Date.now()}`;
    const draft = (await t.call(seller.key, { method: 'POST', url: '/v1/listings', payload: listingBody({ category }) })).json().id as string;
    const active = await publish({ category });
    const ids = async (key: string, q: string) => (await page(key, `category=${category}&${q}`)).items.map((i) => i.id);
    expect(await ids(seller.key, `sellerId=${seller.id}&state=draft`)).toEqual([draft]);
    expect(await ids(seller.key, `sellerId=${seller.id}&state=active`)).toEqual([active]);
    expect(await ids(buyer.key, 'state=draft')).toEqual([]);
    expect(await ids(buyer.key, 'state=active')).toEqual([active]);
  });

  it('sorts by price both ways, pages without repeats, and keeps pages stable while listings are added', async () => {
    const category = `page${Date.now()}`;
    const ids: string[] = [];
    for (const price of [300, 100, 200, 100, 500]) ids.push(await publish({ category, priceMinor: price }));
    const prices = async (sort: string) => (await page(buyer.key, `category=${category}&sort=${sort}&limit=100`)).items.map((i) => i.priceMinor);
    expect(await prices('price_asc')).toEqual([100, 100, 200, 300, 500]);
    expect(await prices('price_desc')).toEqual([500, 300, 200, 100, 100]);
    for (const sort of ['newest', 'score', 'price_asc', 'price_desc']) {
      const added: string[] = [];
      // Listings added after the first page would come first in every one of these sorts.
      const seen = await all(buyer.key, `category=${category}&sort=${sort}`, async () => {
        for (let i = 0; i < 3; i++) added.push(await publish({ category, priceMinor: sort === 'price_asc' ? 1 : 900 }));
      });
      expect(seen.length).toBe(new Set(seen).size);
      expect(new Set(seen)).toEqual(new Set(ids));
      ids.push(...added);
    }
  });

  it('counts in facets and totals only what the caller may see, and hides a seller it may not see', async () => {
    const other = await t.member(['seller']);
    const outsider = await t.member(['buyer']);
    const category = `facet${Date.now()}`;
    await publish({ category }, other);
    await publish({ category: `${category}b` }, other);
    await publish({ category, audience: { kind: 'restricted', listIds: [], buyerIds: [buyer.id] } }, other);
    const facets = async (key: string) => (await page(key, `q=walnut&sellerId=${other.id}&facets=true`)).facets;
    expect(await facets(buyer.key)).toEqual({ total: 3, categories: [{ category, count: 2 }, { category: `${category}b`, count: 1 }] });
    expect(await facets(outsider.key)).toEqual({ total: 2, categories: [{ category, count: 1 }, { category: `${category}b`, count: 1 }] });
    expect((await t.call(outsider.key, { method: 'GET', url: `/v1/sellers/${other.id}` })).json().listings).toBe(2);
    expect((await all(outsider.key, 'sort=newest', undefined, `/v1/sellers/${other.id}/listings`)).length).toBe(2);
    await t.call(other.key, { method: 'PUT', url: `/v1/seller-blocks/${outsider.id}` });
    for (const url of [`/v1/sellers/${other.id}`, `/v1/sellers/${other.id}/listings`, `/v1/sellers/${buyer.id}`, `/v1/sellers/${crypto.randomUUID()}`]) {
      const res = await t.call(outsider.key, { method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('SELLER_NOT_FOUND');
    }
    expect(await facets(outsider.key)).toEqual({ total: 0, categories: [] });
  });

  it('answers bad queries with 400 and a stable code', async () => {
    const first = await page(buyer.key, 'limit=1&sort=newest');
    expect(first.nextCursor).not.toBeNull();
    const decoded = JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString()) as Record<string, string>;
    const edited = (over: Record<string, string>) => Buffer.from(JSON.stringify({ ...decoded, ...over })).toString('base64url');
    for (const query of [
      'lat=41', 'lng=28', 'radiusKm=5', 'lat=91&lng=0', 'lat=41&lng=28&radiusKm=0', 'lat=41&lng=28&radiusKm=1e9', 'sort=cheapest',
      'attr=nocolon', 'attr=:x', `attr=${'k'.repeat(65)}:v`, 'facets=maybe', 'cursor=not-a-cursor', 'minPriceMinor=-1',
      `sort=price_asc&cursor=${first.nextCursor}`, `sort=newest&cursor=${edited({ key: '2026-13-45 99:00:00+00' })}`,
      `sort=newest&cursor=${edited({ asOf: '9999-99-99 00:00:00+00' })}`, `sort=newest&cursor=${edited({ id: 'x' })}`,
    ]) {
      const res = await t.call(buyer.key, { method: 'GET', url: `/v1/listings?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe('VALIDATION_FAILED');
    }
  });
});
