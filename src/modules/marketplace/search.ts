import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import { invalidCursor } from '../../platform/schemas.js';
import { boundingBoxes, type Point } from './geo.js';
import { RANKING, type Listing, type ListingState, type Sort, type Viewer } from './model.js';
import { audienceColumns, distanceFrom, LISTING_COLUMNS, toListing, visibleTo, type ListingRow } from './store.js';

/**
 * Listing search: text (full-text plus trigram matching for typos), filters, an optional point
 * and radius, ranked by RANKING's score or by date or price. Every page is keyset-paged and pinned
 * to the moment of the first page (`asOf`): listings created after it stay out of later pages, and
 * scores use it as "now", so a page never repeats or skips what an earlier page showed.
 */

export interface ListingQuery {
  q?: string;
  category?: string;
  currency?: string;
  state?: ListingState;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  sellerId?: string;
  /** [name, value]: the attribute's text form (->>) equals value. */
  attributes?: [string, string][];
  near?: { center: Point; radiusKm?: number };
  sort: Sort;
  facets?: boolean;
  limit: number;
  after?: SearchCursor;
}

/** Where a page ended: the first page's moment, the sort key of its last item (as PostgreSQL printed it) and its id. */
export interface SearchCursor {
  asOf: string;
  sort: Sort;
  key: string;
  id: string;
}

export type SearchHit = Listing & { score?: number; distanceKm?: number };

export interface Facets {
  /** Listings matching the query that the caller may see: never counts what it may not. */
  total: number;
  categories: { category: string; count: number }[];
}

export interface SearchPage {
  items: SearchHit[];
  next: SearchCursor | null;
  facets?: Facets;
}

const FACET_CATEGORIES_MAX = 50;
/** Words of a query matched one by one for typos; the rest are matched by full text only. */
const QUERY_WORDS_MAX = 8;

const ORDER: Record<Sort, { by: RawBuilder<unknown>; key: RawBuilder<string>; after: (c: SearchCursor) => RawBuilder<boolean> }> = {
  score: { by: sql`x.score DESC, x.id DESC`, key: sql`x.score::text`, after: (c) => sql`(x.score, x.id) < (${c.key}::float8, ${c.id}::uuid)` },
  newest: { by: sql`x.created_at DESC, x.id DESC`, key: sql`x.created_at_exact`, after: (c) => sql`(x.created_at, x.id) < (${c.key}::timestamptz, ${c.id}::uuid)` },
  price_asc: { by: sql`x.price_minor, x.id`, key: sql`x.price_minor::text`, after: (c) => sql`(x.price_minor, x.id) > (${c.key}::bigint, ${c.id}::uuid)` },
  price_desc: { by: sql`x.price_minor DESC, x.id DESC`, key: sql`x.price_minor::text`, after: (c) => sql`(x.price_minor, x.id) < (${c.key}::bigint, ${c.id}::uuid)` },
};

export async function searchListings(db: Db, viewer: Viewer, query: ListingQuery): Promise<SearchPage> {
  const run = async (ex: Executor) => {
    const page = await pageOf(ex, viewer, query);
    return query.facets ? { ...page, facets: await facetsOf(ex, viewer, query) } : page;
  };
  try {
    if (!query.q) return await run(db);
    // The trigram operator's threshold is a setting: set for this transaction only.
    return await db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(RANKING.trigramThreshold)}, true)`.execute(tx);
      return run(tx);
    });
  } catch (err) {
    // The sort key is cast to the sort's type in SQL (a float, a bigint, a moment); one edited out of
    // that type's range is the client's error.
    if (query.after && (err as { code?: string }).code?.startsWith('22')) throw invalidCursor();
    throw err;
  }
}

async function pageOf(ex: Executor, viewer: Viewer, query: ListingQuery): Promise<SearchPage> {
  const order = ORDER[query.sort];
  const scored = query.sort === 'score';
  const near = query.near;
  const { rows } = await sql<ListingRow & { distance_km: number | null; score: number | null; sort_key: string; as_of: string }>`
    SELECT x.*, ${order.key} AS sort_key, ${asOf(query)}::text AS as_of FROM (
      SELECT ${LISTING_COLUMNS}, ${audienceColumns(viewer)},
        ${near ? sql`${distanceFrom(near.center)}` : sql`NULL::float8`} AS distance_km,
        ${scored ? scoreOf(query) : sql`NULL::float8`} AS score
      FROM marketplace.listings l ${scored ? sql`LEFT JOIN marketplace.seller_stats st ON st.seller_id = l.seller_id` : sql``}
      WHERE ${sql.join(filtersOf(viewer, query), sql` AND `)}) x
    ${query.after ? sql`WHERE ${order.after(query.after)}` : sql``}
    ORDER BY ${order.by} LIMIT ${query.limit + 1}`.execute(ex);
  const page = rows.slice(0, query.limit);
  const tail = rows.length > query.limit ? page[page.length - 1] : undefined;
  return {
    items: page.map((r) => ({ ...toListing(r), ...(scored ? { score: r.score! } : {}), ...(r.distance_km === null ? {} : { distanceKm: r.distance_km }) })),
    next: tail ? { asOf: tail.as_of, sort: query.sort, key: tail.sort_key, id: tail.id } : null,
  };
}

async function facetsOf(ex: Executor, viewer: Viewer, query: ListingQuery): Promise<Facets> {
  const { rows } = await sql<{ category: string; n: number; total: number }>`
    SELECT l.category, count(*)::int AS n, (sum(count(*)) OVER ())::int AS total FROM marketplace.listings l
    WHERE ${sql.join(filtersOf(viewer, query), sql` AND `)}
    GROUP BY l.category ORDER BY n DESC, l.category LIMIT ${FACET_CATEGORIES_MAX}`.execute(ex);
  return { total: rows[0]?.total ?? 0, categories: rows.map((r) => ({ category: r.category, count: r.n })) };
}

/** The first page's moment, carried by every later page's cursor. */
const asOf = (query: ListingQuery) => sql`coalesce(${query.after?.asOf ?? null}::timestamptz, now())`;

function filtersOf(viewer: Viewer, query: ListingQuery): RawBuilder<unknown>[] {
  const near = query.near;
  const filters: (RawBuilder<unknown> | null)[] = [
    visibleTo(viewer),
    sql`l.created_at <= ${asOf(query)}`,
    query.q ? textMatch(query.q) : null,
    query.category ? sql`l.category = ${query.category}` : null,
    query.currency ? sql`l.currency = ${query.currency}` : null,
    query.state ? sql`l.state = ${query.state}` : null,
    query.minPriceMinor !== undefined ? sql`l.price_minor >= ${query.minPriceMinor}` : null,
    query.maxPriceMinor !== undefined ? sql`l.price_minor <= ${query.maxPriceMinor}` : null,
    query.sellerId ? sql`l.seller_id = ${query.sellerId}` : null,
    ...(query.attributes ?? []).map(([name, value]) => sql`l.attributes ->> ${name} = ${value}`),
  ];
  if (near?.radiusKm !== undefined) {
    const boxes = boundingBoxes(near.center, near.radiusKm).map((b) => sql`(l.lat BETWEEN ${b.minLat}::float8 AND ${b.maxLat}::float8 AND l.lng BETWEEN ${b.minLng}::float8 AND ${b.maxLng}::float8)`);
    filters.push(sql`l.lat IS NOT NULL AND (${sql.join(boxes, sql` OR `)}) AND ${distanceFrom(near.center)} <= ${near.radiusKm}::float8`);
  }
  return filters.filter((f) => f !== null);
}

/**
 * The full-text query matches (web-search syntax: quotes, OR, -word), or every word of it is
 * similar to a word of the title (pg_trgm), which is what forgives a typo without letting one
 * matching word of several pull in every title that has it.
 */
function textMatch(q: string): RawBuilder<boolean> {
  const words = q.split(/\s+/).filter((w) => w !== '').slice(0, QUERY_WORDS_MAX);
  const fuzzy = words.length === 0 ? sql`false` : sql.join(words.map((w) => sql`${w} <% l.title`), sql` AND `);
  return sql<boolean>`(l.search @@ websearch_to_tsquery('simple', ${q}) OR (${fuzzy}))`;
}

/** RANKING's weighted sum; docs/marketplace.md writes it out. */
function scoreOf(query: ListingQuery): RawBuilder<number> {
  const w = RANKING.weights;
  const terms: RawBuilder<unknown>[] = [
    sql`${w.rating}::float8 * (((coalesce(st.rating_sum, 0) + ${RANKING.ratingPriorStars * RANKING.ratingPriorCount}::float8)
      / (coalesce(st.rating_count, 0) + ${RANKING.ratingPriorCount})::float8 - 1) / 4)`,
    sql`${w.freshness}::float8 * power(0.5, extract(epoch FROM (${asOf(query)} - l.created_at))::float8 / ${RANKING.freshnessHalfLifeDays * 86_400}::float8)`,
  ];
  if (query.q) {
    // ts_rank_cd's normalisation 32 maps its rank into [0, 1); word similarity is in [0, 1] already.
    terms.push(sql`${w.text}::float8 * greatest(ts_rank_cd(l.search, websearch_to_tsquery('simple', ${query.q}), 32), word_similarity(${query.q}, l.title))`);
  }
  if (query.near) {
    terms.push(sql`${w.distance}::float8 * CASE WHEN l.lat IS NULL THEN 0 ELSE 1 / (1 + ${distanceFrom(query.near.center)} / ${RANKING.distanceHalfKm}::float8) END`);
  }
  return sql<number>`(${sql.join(terms, sql` + `)})`;
}
