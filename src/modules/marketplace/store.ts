import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { preparedQuery, type Executor } from '../../platform/db/database.js';
import { newestFirstAfter, newestFirstPage } from '../../platform/db/paging.js';
import { boundingBoxes, EARTH_RADIUS_KM, type Point } from './geo.js';
import type { Audience, Listing, ListingState, Viewer } from './model.js';

/** The marketplace's SQL. Every read of listings goes through visibleTo. */

export interface ListingRow {
  id: string;
  seller_id: string;
  title: string;
  description: string;
  category: string;
  price_minor: string;
  currency: string;
  quantity: number;
  condition: Listing['condition'];
  attributes: Record<string, unknown>;
  lat: number | null;
  lng: number | null;
  images: string[];
  surge_max_bp: number | null;
  state: ListingState;
  visibility: Audience['kind'];
  list_ids: string[];
  buyer_ids: string[];
  created_at: Date;
  created_at_exact: string;
  updated_at: Date;
}

/**
 * The one visibility rule: a member sees its own listings; an admin sees all; a buyer sees active
 * listings of approved sellers that have not blocked it, shown to all buyers or to a list it is on
 * or to it by name. Anything else does not exist for the caller.
 */
export function visibleTo(v: Viewer): RawBuilder<boolean> {
  // The audience lookups are scalar subqueries, not EXISTS: inside this OR, PostgreSQL turns an
  // EXISTS into a hashed subplan that reads every listing on any of the buyer's lists for each
  // query (3-5 ms at 100,000 listings) instead of probing the few rows in hand by their keys.
  return sql<boolean>`(l.seller_id = ${v.memberId}::uuid OR ${v.admin}::boolean OR (${v.buyer}::boolean AND l.state = 'active'
    AND EXISTS (SELECT 1 FROM members.members s WHERE s.id = l.seller_id AND s.verification_state = 'approved')
    AND NOT EXISTS (SELECT 1 FROM marketplace.seller_blocks b WHERE b.seller_id = l.seller_id AND b.buyer_id = ${v.memberId}::uuid)
    AND (l.visibility = 'all' OR (l.visibility = 'restricted' AND (
      (SELECT count(*) FROM marketplace.listing_buyers a WHERE a.listing_id = l.id AND a.buyer_id = ${v.memberId}::uuid) > 0
      OR (SELECT count(*) FROM marketplace.listing_lists ll JOIN marketplace.buyer_list_members m ON m.list_id = ll.list_id
          WHERE ll.listing_id = l.id AND m.buyer_id = ${v.memberId}::uuid) > 0)))))`;
}

/**
 * A listing's audience, which only its seller and admins are shown: for anyone else the two
 * lookups are skipped (they were most of a buyer's query).
 */
export const audienceColumns = (v: Viewer) => sql`
  CASE WHEN l.seller_id = ${v.memberId}::uuid OR ${v.admin}::boolean
    THEN ARRAY(SELECT list_id FROM marketplace.listing_lists WHERE listing_id = l.id ORDER BY list_id) ELSE '{}' END AS list_ids,
  CASE WHEN l.seller_id = ${v.memberId}::uuid OR ${v.admin}::boolean
    THEN ARRAY(SELECT buyer_id FROM marketplace.listing_buyers WHERE listing_id = l.id ORDER BY buyer_id) ELSE '{}' END AS buyer_ids`;

/** What a listing answer needs: not the search vector (the largest column) nor the feed's stamp. */
export const LISTING_COLUMNS = sql.raw(`l.id, l.seller_id, l.title, l.description, l.category, l.price_minor, l.currency, l.quantity, l.condition,
  l.attributes, l.lat, l.lng, l.images, l.surge_max_bp, l.state, l.visibility, l.created_at, l.updated_at, l.created_at::text AS created_at_exact`);

const selectListings = (v: Viewer) => sql`SELECT ${LISTING_COLUMNS}, ${audienceColumns(v)} FROM marketplace.listings l`;

export function toListing(r: ListingRow): Listing {
  const audience: Audience = r.visibility === 'restricted' ? { kind: 'restricted', listIds: r.list_ids, buyerIds: r.buyer_ids } : { kind: r.visibility };
  return {
    id: r.id, sellerId: r.seller_id, title: r.title, description: r.description, category: r.category,
    priceMinor: Number(r.price_minor), currency: r.currency, quantity: r.quantity, condition: r.condition, attributes: r.attributes,
    location: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng }, images: r.images, surgeMaxBp: r.surge_max_bp, state: r.state, audience,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export type ListingFields = Omit<Listing, 'id' | 'sellerId' | 'state' | 'audience' | 'createdAt' | 'updatedAt'>;

export async function insertListing(ex: Executor, id: string, sellerId: string, f: ListingFields, visibility: Audience['kind']): Promise<void> {
  await sql`
    INSERT INTO marketplace.listings (id, seller_id, title, description, category, price_minor, currency, quantity, condition, attributes, lat, lng, images, surge_max_bp, visibility)
    VALUES (${id}, ${sellerId}, ${f.title}, ${f.description}, ${f.category}, ${f.priceMinor}, ${f.currency}, ${f.quantity}, ${f.condition},
            ${JSON.stringify(f.attributes)}::jsonb, ${f.location?.lat ?? null}, ${f.location?.lng ?? null}, ${f.images}::text[], ${f.surgeMaxBp}::integer, ${visibility})`.execute(ex);
}

/** Changes the given fields of a listing its seller owns; the state only from a state it may come from. */
export async function updateListing(ex: Executor, id: string, sellerId: string | null, f: Partial<ListingFields> & { state?: ListingState; visibility?: Audience['kind'] }, stateFrom: readonly ListingState[] | null): Promise<'updated' | 'missing' | 'bad_state'> {
  const { rows } = await sql<{ id: string }>`
    UPDATE marketplace.listings SET
      title = coalesce(${f.title ?? null}, title), description = coalesce(${f.description ?? null}, description),
      category = coalesce(${f.category ?? null}, category), price_minor = coalesce(${f.priceMinor ?? null}::bigint, price_minor),
      quantity = coalesce(${f.quantity ?? null}::integer, quantity), condition = coalesce(${f.condition ?? null}, condition),
      attributes = coalesce(${f.attributes ? JSON.stringify(f.attributes) : null}::jsonb, attributes),
      lat = CASE WHEN ${f.location !== undefined} THEN ${f.location?.lat ?? null}::double precision ELSE lat END,
      lng = CASE WHEN ${f.location !== undefined} THEN ${f.location?.lng ?? null}::double precision ELSE lng END,
      images = coalesce(${f.images ?? null}::text[], images),
      surge_max_bp = CASE WHEN ${f.surgeMaxBp !== undefined} THEN ${f.surgeMaxBp ?? null}::integer ELSE surge_max_bp END, state = coalesce(${f.state ?? null}, state),
      visibility = coalesce(${f.visibility ?? null}, visibility), updated_at = now()
    WHERE id = ${id} AND (${sellerId}::uuid IS NULL OR seller_id = ${sellerId}::uuid)
      AND (${stateFrom === null} OR state = ANY(${stateFrom ?? []}::text[]))
    RETURNING id`.execute(ex);
  if (rows.length > 0) return 'updated';
  const { rows: exists } = await sql`SELECT 1 FROM marketplace.listings WHERE id = ${id} AND (${sellerId}::uuid IS NULL OR seller_id = ${sellerId}::uuid)`.execute(ex);
  return exists.length > 0 ? 'bad_state' : 'missing';
}

export async function setAudience(ex: Executor, listingId: string, listIds: readonly string[], buyerIds: readonly string[]): Promise<void> {
  await sql`DELETE FROM marketplace.listing_lists WHERE listing_id = ${listingId}`.execute(ex);
  await sql`DELETE FROM marketplace.listing_buyers WHERE listing_id = ${listingId}`.execute(ex);
  await sql`INSERT INTO marketplace.listing_lists (listing_id, list_id) SELECT DISTINCT ${listingId}::uuid, unnest(${[...listIds]}::uuid[])`.execute(ex);
  await sql`INSERT INTO marketplace.listing_buyers (listing_id, buyer_id) SELECT DISTINCT ${listingId}::uuid, unnest(${[...buyerIds]}::uuid[])`.execute(ex);
}

/** By id, if the viewer may see it. With a pool: a prepared statement (the hot read; planning was most of its time). */
export async function findListing(ex: Executor, id: string, viewer: Viewer, pool: pg.Pool | null = null): Promise<Listing | null> {
  const rows = await preparedQuery(pool, ex, sql<ListingRow>`${selectListings(viewer)} WHERE l.id = ${id} AND ${visibleTo(viewer)}`);
  return rows[0] ? toListing(rows[0]) : null;
}

/** A listing's seller (for an admin's change, which checks the audience against the seller's lists). */
export async function sellerOf(ex: Executor, id: string): Promise<string | null> {
  const { rows } = await sql<{ seller_id: string }>`SELECT seller_id FROM marketplace.listings WHERE id = ${id}`.execute(ex);
  return rows[0]?.seller_id ?? null;
}

/** geo.ts' haversine in SQL, in km from the point to the listing. */
export const distanceFrom = (p: Point) => sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
  power(sin(radians(l.lat - ${p.lat}::float8) / 2), 2) + cos(radians(${p.lat}::float8)) * cos(radians(l.lat)) * power(sin(radians(l.lng - ${p.lng}::float8) / 2), 2)))))`;

/**
 * The nearest listings the viewer may see within `radiusKm`, nearest first (then by id). PostgreSQL
 * alone: bounding boxes on (lat, lng) (two across the antimeridian, all longitudes at a pole), then
 * the exact distance.
 */
export async function nearbyListings(ex: Executor, viewer: Viewer, center: Point, radiusKm: number, limit: number, pool: pg.Pool | null = null): Promise<(Listing & { distanceKm: number })[]> {
  const boxes = boundingBoxes(center, radiusKm).map((b) => sql`(l.lat BETWEEN ${b.minLat}::float8 AND ${b.maxLat}::float8 AND l.lng BETWEEN ${b.minLng}::float8 AND ${b.maxLng}::float8)`);
  // Prepared too: the text varies only with the number of boxes (one, two, or one at a pole).
  const rows = await preparedQuery(pool, ex, sql<ListingRow & { distance_km: number }>`
    SELECT * FROM (
      SELECT ${LISTING_COLUMNS}, ${distanceFrom(center)} AS distance_km, ${audienceColumns(viewer)}
      FROM marketplace.listings l
      WHERE l.lat IS NOT NULL AND (${sql.join(boxes, sql` OR `)}) AND ${visibleTo(viewer)}) near
    WHERE distance_km <= ${radiusKm}::float8
    ORDER BY distance_km, id LIMIT ${limit}`);
  return rows.map((r) => ({ ...toListing(r), distanceKm: r.distance_km }));
}

/** The listings among `ids` the viewer may see, by id. */
export async function visibleListings(ex: Executor, viewer: Viewer, ids: readonly string[], pool: pg.Pool | null = null): Promise<Map<string, Listing>> {
  const rows = await preparedQuery(pool, ex, sql<ListingRow>`${selectListings(viewer)} WHERE l.id = ANY(${[...ids]}::uuid[]) AND ${visibleTo(viewer)}`);
  return new Map(rows.map((r) => [r.id, toListing(r)]));
}

/** What the change feed hands the nearby index. */
export interface LocationRow {
  id: string;
  changed_tx: string;
  lat: number | null;
  lng: number | null;
}

export const locationOf = (r: Pick<LocationRow, 'lat' | 'lng'>) => (r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng });

export async function ownedListIds(ex: Executor, sellerId: string, ids: readonly string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM marketplace.buyer_lists WHERE seller_id = ${sellerId} AND id = ANY(${[...ids]}::uuid[])`.execute(ex);
  return rows[0]!.n;
}

export async function existingMembers(ex: Executor, ids: readonly string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM members.members WHERE id = ANY(${[...ids]}::uuid[])`.execute(ex);
  return rows[0]!.n;
}

export interface BuyerList {
  id: string;
  name: string;
  buyerIds: string[];
  createdAt: string;
}

const SELECT_LIST = sql`SELECT bl.id, bl.name, bl.created_at,
  ARRAY(SELECT buyer_id FROM marketplace.buyer_list_members WHERE list_id = bl.id ORDER BY buyer_id) AS buyer_ids
  FROM marketplace.buyer_lists bl`;

const toList = (r: { id: string; name: string; created_at: Date; buyer_ids: string[] }): BuyerList =>
  ({ id: r.id, name: r.name, buyerIds: r.buyer_ids, createdAt: r.created_at.toISOString() });

/** False when the seller already has a list of that name. */
export async function insertList(ex: Executor, id: string, sellerId: string, name: string): Promise<boolean> {
  const { rows } = await sql`INSERT INTO marketplace.buyer_lists (id, seller_id, name) VALUES (${id}, ${sellerId}, ${name})
    ON CONFLICT (seller_id, name) DO NOTHING RETURNING id`.execute(ex);
  return rows.length > 0;
}

export async function findList(ex: Executor, id: string, sellerId: string): Promise<BuyerList | null> {
  const { rows } = await sql<{ id: string; name: string; created_at: Date; buyer_ids: string[] }>`${SELECT_LIST} WHERE bl.id = ${id} AND bl.seller_id = ${sellerId}`.execute(ex);
  return rows[0] ? toList(rows[0]) : null;
}

export async function findLists(ex: Executor, sellerId: string): Promise<BuyerList[]> {
  const { rows } = await sql<{ id: string; name: string; created_at: Date; buyer_ids: string[] }>`${SELECT_LIST} WHERE bl.seller_id = ${sellerId} ORDER BY bl.created_at, bl.id`.execute(ex);
  return rows.map(toList);
}

/** Locks the seller's list (false when there is no such list of the seller's). */
export async function lockList(ex: Executor, id: string, sellerId: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM marketplace.buyer_lists WHERE id = ${id} AND seller_id = ${sellerId} FOR UPDATE`.execute(ex);
  return rows.length > 0;
}

/** Replaces a list's members (the list must be the seller's, locked: callers use lockList first). */
export async function setListMembers(ex: Executor, listId: string, buyerIds: readonly string[]): Promise<void> {
  await sql`DELETE FROM marketplace.buyer_list_members WHERE list_id = ${listId}`.execute(ex);
  await sql`INSERT INTO marketplace.buyer_list_members (list_id, buyer_id) SELECT DISTINCT ${listId}::uuid, unnest(${[...buyerIds]}::uuid[])`.execute(ex);
}

export async function setBlock(ex: Executor, sellerId: string, buyerId: string, blocked: boolean): Promise<void> {
  if (blocked) await sql`INSERT INTO marketplace.seller_blocks (seller_id, buyer_id) VALUES (${sellerId}, ${buyerId}) ON CONFLICT DO NOTHING`.execute(ex);
  else await sql`DELETE FROM marketplace.seller_blocks WHERE seller_id = ${sellerId} AND buyer_id = ${buyerId}`.execute(ex);
}

/** The seller's blocked buyers, newest first (at most `limit`). */
export async function listBlocks(ex: Executor, sellerId: string, limit: number) {
  const { rows } = await sql<{ buyer_id: string; display_name: string; created_at: Date }>`
    SELECT b.buyer_id, m.display_name, b.created_at FROM marketplace.seller_blocks b JOIN members.members m ON m.id = b.buyer_id
    WHERE b.seller_id = ${sellerId} ORDER BY b.created_at DESC, b.buyer_id LIMIT ${limit}`.execute(ex);
  return rows.map((r) => ({ buyerId: r.buyer_id, displayName: r.display_name, blockedAt: r.created_at.toISOString() }));
}

/** Ratings a seller received, newest first, keyset-paged (the rated order's id is the row's key). */
export async function listRatings(ex: Executor, sellerId: string, q: { limit: number; cursor?: string }) {
  const { rows } = await sql<{ id: string; stars: number; comment: string; display_name: string; created_at: Date; created_at_exact: string }>`
    SELECT r.order_id AS id, r.stars, r.comment, m.display_name, r.created_at, r.created_at::text AS created_at_exact
    FROM marketplace.ratings r JOIN members.members m ON m.id = r.buyer_id
    WHERE r.seller_id = ${sellerId} ${newestFirstAfter(q.cursor, 'r', 'order_id')}
    ORDER BY r.created_at DESC, r.order_id DESC LIMIT ${q.limit + 1}`.execute(ex);
  return newestFirstPage(rows, q.limit, (r) => ({ orderId: r.id, stars: r.stars, comment: r.comment, buyerName: r.display_name, createdAt: r.created_at.toISOString() }));
}

export interface SellerProfile {
  id: string;
  displayName: string;
  memberSince: string;
  /** Stars 1-5, averaged to two decimals; null before the first rating. */
  rating: { average: number | null; count: number };
  /** Active listings of the seller the viewer may see. */
  listings: number;
}

/**
 * Whether the viewer may see seller `m`: itself; any seller for an admin; for a buyer, an approved
 * seller that has not blocked it (the same rule as its listings).
 */
const sellerVisibleTo = (v: Viewer) => sql<boolean>`('seller' = ANY(m.roles) AND (m.id = ${v.memberId}::uuid OR ${v.admin}::boolean OR (${v.buyer}::boolean
  AND m.verification_state = 'approved'
  AND NOT EXISTS (SELECT 1 FROM marketplace.seller_blocks b WHERE b.seller_id = m.id AND b.buyer_id = ${v.memberId}::uuid))))`;

/** The storefront's check: the seller exists for the viewer (without the profile's count). */
export async function sellerVisible(ex: Executor, sellerId: string, v: Viewer): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM members.members m WHERE m.id = ${sellerId} AND ${sellerVisibleTo(v)}`.execute(ex);
  return rows.length > 0;
}

/** A seller's profile as the viewer may see it (sellerVisibleTo); anyone else: null. */
export async function findSeller(ex: Executor, sellerId: string, v: Viewer): Promise<SellerProfile | null> {
  const { rows } = await sql<{ id: string; display_name: string; created_at: Date; rating_count: string | null; rating_sum: string | null; listings: number }>`
    SELECT m.id, m.display_name, m.created_at, st.rating_count, st.rating_sum,
      (SELECT count(*) FROM marketplace.listings l WHERE l.seller_id = m.id AND l.state = 'active' AND ${visibleTo(v)})::int AS listings
    FROM members.members m LEFT JOIN marketplace.seller_stats st ON st.seller_id = m.id
    WHERE m.id = ${sellerId} AND ${sellerVisibleTo(v)}`.execute(ex);
  const r = rows[0];
  return r ? profileOf({ id: r.id, displayName: r.display_name, createdAt: r.created_at, ratingCount: Number(r.rating_count ?? 0), ratingSum: Number(r.rating_sum ?? 0) }, r.listings) : null;
}

/** The seller's active listings the viewer may see (a profile's count). */
export async function countVisibleListings(ex: Executor, sellerId: string, v: Viewer, pool: pg.Pool | null = null): Promise<number> {
  const rows = await preparedQuery(pool, ex, sql<{ n: number }>`SELECT count(*)::int AS n FROM marketplace.listings l
    WHERE l.seller_id = ${sellerId} AND l.state = 'active' AND ${visibleTo(v)}`);
  return rows[0]!.n;
}

/** A seller's profile from its facts: stars averaged to two decimals, null before the first rating. */
export function profileOf(s: { id: string; displayName: string; createdAt: Date; ratingCount: number; ratingSum: number }, listings: number): SellerProfile {
  const count = s.ratingCount;
  return {
    id: s.id, displayName: s.displayName, memberSince: s.createdAt.toISOString(),
    rating: { average: count === 0 ? null : Math.round((s.ratingSum / count) * 100) / 100, count }, listings,
  };
}
