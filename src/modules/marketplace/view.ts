import { LRUCache } from 'lru-cache';
import { sql } from 'kysely';
import type pg from 'pg';
import { preparedQuery, type Db } from '../../platform/db/database.js';
import type { Logger } from 'pino';
import { ChangeWatch, type ChangeKind } from './change-watch.js';
import { MARKETPLACE_POLICY, type Listing, type Viewer } from './model.js';
import { LISTING_COLUMNS, toListing, type ListingRow } from './store.js';

/** What the visibility rule needs of a seller, and its profile (the hot seller read). */
export interface SellerFacts {
  id: string;
  roles: string[];
  approved: boolean;
  displayName: string;
  createdAt: Date;
  ratingCount: number;
  ratingSum: number;
  blocked: Set<string>;
  /** The seller's buyer lists and their members. */
  lists: Map<string, Set<string>>;
}

const P = MARKETPLACE_POLICY.cache;

/**
 * Listings and sellers in LRUs, and store.visibleTo's rule evaluated on them, so the hot reads (by
 * id, nearby, a seller's profile) need no PostgreSQL round trip. Entries are dropped by the
 * ChangeWatch; every method answers null when the watch is not fresh, and the caller then reads
 * PostgreSQL: the caches never answer staler than the watch allows.
 */
export class ListingView {
  readonly watch: ChangeWatch;
  // Entries also expire after the change rows' retention: a backstop should a change row be pruned unread.
  private readonly listings = new LRUCache<string, Cached>({ max: P.listingsMax, ttl: P.retentionMs });
  private readonly sellers = new LRUCache<string, SellerFacts>({
    max: P.sellersMax, ttl: P.retentionMs, maxSize: P.sellerMembersMax,
    sizeCalculation: (s) => 1 + s.blocked.size + [...s.lists.values()].reduce((n, members) => n + members.size, 0),
  });
  /** Keys another module is changing in a transaction of its own (stock, ratings): read, not cached, until it surely ended. */
  private readonly unsettledKeys = new LRUCache<string, true>({ max: P.unsettledMax, ttl: P.unsettledMs });

  constructor(private readonly db: Db, private readonly pool: pg.Pool | null, log: Logger | null) {
    this.watch = new ChangeWatch(db, (kind, key) => this.drop(kind, key), log);
  }

  private drop(kind: ChangeKind | 'all', key: string): void {
    if (kind === 'all') {
      this.listings.clear();
      this.sellers.clear();
    } else if (kind === 'listing') this.listings.delete(key);
    else this.sellers.delete(key);
  }

  /** Reads answered from the caches, and sent to PostgreSQL because the watch was not fresh (a started watch only). */
  readonly stats = { cached: 0, distrusted: 0 };

  private fresh(): boolean {
    const fresh = this.watch.fresh();
    if (fresh) this.stats.cached++;
    else if (this.watch.started) this.stats.distrusted++;
    return fresh;
  }

  /**
   * Another module's transaction is changing this listing or seller (stock taken, a rating): this
   * process reads it from PostgreSQL, uncached, for unsettledMs, so it sees the commit at once;
   * other processes see it through the watch, as any change.
   */
  unsettled(kind: ChangeKind, key: string): void {
    const k = `${kind}:${key.toLowerCase()}`;
    this.unsettledKeys.set(k, true);
    this.drop(kind, key.toLowerCase());
  }

  /** The listings among `ids` the viewer may see, by id; null: not fresh, ask PostgreSQL. */
  async visible(viewer: Viewer, ids: readonly string[]): Promise<Map<string, Listing> | null> {
    if (!this.fresh()) return null;
    const found = await this.loadListings(ids.map((id) => id.toLowerCase()));
    const sellerIds = [...new Set([...found.values()].filter((c) => !ownOrAdmin(viewer, c.full)).map((c) => c.full.sellerId))];
    const sellers = await this.loadSellers(sellerIds);
    const visible = new Map<string, Listing>();
    for (const c of found.values()) {
      const shown = shownTo(viewer, c, sellers.get(c.full.sellerId));
      if (shown) visible.set(c.full.id, shown);
    }
    return visible;
  }

  /**
   * visible(), answered at once when every listing and its seller are cached: no promise and no
   * PostgreSQL, the hot path of nearby's twenty listings. Undefined when one is missing or the
   * watch is not fresh: then visible() (which reads what is missing) decides.
   */
  visibleCached(viewer: Viewer, ids: readonly string[]): Map<string, Listing> | undefined {
    if (!this.watch.fresh()) return undefined;
    const visible = new Map<string, Listing>();
    // Neighbours often share a seller: one cache read for a run of its listings.
    let seller: SellerFacts | undefined;
    for (const id of ids) {
      const c = this.listings.get(id.toLowerCase());
      if (!c) return undefined;
      if (!ownOrAdmin(viewer, c.full) && seller?.id !== c.full.sellerId) {
        seller = this.sellers.get(c.full.sellerId);
        if (!seller) return undefined;
      }
      const shown = shownTo(viewer, c, seller);
      if (shown) visible.set(c.full.id, shown);
    }
    this.stats.cached++;
    return visible;
  }

  /** Whether the viewer may see seller `id` (store.sellerVisibleTo); null: not fresh. */
  async sellerVisible(id: string, viewer: Viewer): Promise<SellerFacts | false | null> {
    if (!this.fresh()) return null;
    const s = (await this.loadSellers([id.toLowerCase()])).get(id.toLowerCase());
    if (!s?.roles.includes('seller')) return false;
    return s.id === viewer.memberId || viewer.admin || (viewer.buyer && s.approved && !s.blocked.has(viewer.memberId)) ? s : false;
  }

  /**
   * The cached entries among `ids`, and the others read in one statement; those are stored unless
   * an invalidation came while they were read (or their key is unsettled).
   */
  private async fill<V extends object>(cache: LRUCache<string, V>, kind: ChangeKind, ids: readonly string[], read: (missing: string[]) => Promise<[string, V][]>): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const missing = ids.filter((id) => {
      const hit = cache.get(id);
      if (hit) found.set(id, hit);
      return !hit;
    });
    if (missing.length === 0) return found;
    const epoch = this.watch.epoch;
    const rows = await read(missing);
    const store = this.watch.epoch === epoch;
    for (const [id, value] of rows) {
      found.set(id, value);
      if (store && !this.unsettledKeys.has(`${kind}:${id}`)) cache.set(id, value);
    }
    return found;
  }

  private loadListings(ids: readonly string[]): Promise<Map<string, Cached>> {
    return this.fill(this.listings, 'listing', ids, async (missing) => {
      const rows = await preparedQuery(this.pool, this.db, sql<ListingRow>`SELECT ${LISTING_COLUMNS},
        ARRAY(SELECT list_id FROM marketplace.listing_lists WHERE listing_id = l.id ORDER BY list_id) AS list_ids,
        ARRAY(SELECT buyer_id FROM marketplace.listing_buyers WHERE listing_id = l.id ORDER BY buyer_id) AS buyer_ids
        FROM marketplace.listings l WHERE l.id = ANY(${missing}::uuid[])`);
      return rows.map((r) => {
        const full = toListing(r);
        // Who else may see a listing is its seller's business: buyers are shown an empty audience.
        return [r.id, { full, shown: full.audience.kind === 'restricted' ? { ...full, audience: { kind: 'restricted' as const, listIds: [], buyerIds: [] } } : full }];
      });
    });
  }

  private loadSellers(ids: readonly string[]): Promise<Map<string, SellerFacts>> {
    return this.fill(this.sellers, 'seller', ids, async (missing) => {
      const rows = await preparedQuery(this.pool, this.db, sql<{ id: string; roles: string[]; verification_state: string; display_name: string; created_at: Date; rating_count: string | null; rating_sum: string | null; blocked: string[]; lists: Record<string, string[]> | null }>`
        SELECT m.id, m.roles, m.verification_state, m.display_name, m.created_at, st.rating_count, st.rating_sum,
          ARRAY(SELECT buyer_id FROM marketplace.seller_blocks WHERE seller_id = m.id) AS blocked,
          (SELECT json_object_agg(bl.id, ARRAY(SELECT buyer_id FROM marketplace.buyer_list_members WHERE list_id = bl.id))
            FROM marketplace.buyer_lists bl WHERE bl.seller_id = m.id) AS lists
        FROM members.members m LEFT JOIN marketplace.seller_stats st ON st.seller_id = m.id
        WHERE m.id = ANY(${missing}::uuid[])`);
      return rows.map((r) => [r.id, {
        id: r.id, roles: r.roles, approved: r.verification_state === 'approved', displayName: r.display_name, createdAt: r.created_at,
        ratingCount: Number(r.rating_count ?? 0), ratingSum: Number(r.rating_sum ?? 0), blocked: new Set(r.blocked),
        lists: new Map(Object.entries(r.lists ?? {}).map(([id, members]) => [id, new Set(members)])),
      }]);
    });
  }
}

/** A cached listing, converted once: as its seller and admins see it, and as buyers do. */
interface Cached {
  full: Listing;
  shown: Listing;
}

const ownOrAdmin = (v: Viewer, l: Listing) => l.sellerId === v.memberId || v.admin;

/** The listing as this viewer is shown it (its seller and admins see all of it), or null: not visible. */
function shownTo(v: Viewer, c: Cached, seller: SellerFacts | undefined): Listing | null {
  if (ownOrAdmin(v, c.full)) return c.full;
  return buyerSees(v, c.full, seller) ? c.shown : null;
}

/** store.visibleTo for a buyer, on a cached listing. */
function buyerSees(v: Viewer, l: Listing, seller: SellerFacts | undefined): boolean {
  if (!v.buyer || l.state !== 'active' || !seller?.approved || seller.blocked.has(v.memberId)) return false;
  const a = l.audience;
  if (a.kind !== 'restricted') return a.kind === 'all';
  return a.buyerIds.includes(v.memberId) || a.listIds.some((id) => seller.lists.get(id)?.has(v.memberId) ?? false);
}
