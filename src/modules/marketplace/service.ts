import crypto from 'node:crypto';
import type { Db, Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import type { Logger } from 'pino';
import type pg from 'pg';
import { ChangeFollower } from '../../platform/db/change-feed.js';
import { RADIUS_KM_MAX, type Point } from './geo.js';
import { NearbyIndex } from './nearby-index.js';
import { MARKETPLACE_POLICY, STATE_FROM, type Audience, type Listing, type ListingState, type Viewer } from './model.js';
import { searchListings, type ListingQuery, type SearchPage } from './search.js';
import * as store from './store.js';
import * as stock from './stock.js';
import { SurgeBoard, type DemandKind, type Surge } from './surge.js';
import { ListingView } from './view.js';
import type { ChangeKind } from './change-watch.js';

/** A listing found near a point, and how far it is (great-circle km). */
export interface Nearby {
  listing: Listing;
  distanceKm: number;
}

export type NewListing = store.ListingFields & { audience: Audience };
export type ListingPatch = Partial<store.ListingFields> & { state?: ListingState; audience?: Audience };

/** What other modules (auctions, orders) may ask of the marketplace, in their own transaction. */
export interface MarketplaceService {
  findListing(ex: Executor, id: string, viewer: Viewer): Promise<Listing | null>;
  /** Stock for a buyer, with the surge it pays now; null: nothing taken (not visible, not active, its own, or too few). */
  takeStock(ex: Executor, listingId: string, buyerId: string, quantity: number): Promise<(stock.TakenStock & { surge: Surge | null }) | null>;
  /** What takeStock would take now, without taking it. */
  peekStock(ex: Executor, listingId: string, buyerId: string, quantity: number): Promise<(stock.TakenStock & { surge: Surge | null }) | null>;
  returnStock(ex: Executor, listingId: string, quantity: number): Promise<void>;
  /** One unit of the seller's own active listing set aside for an auction; null: none left, or not its own and active. */
  reserveForAuction(ex: Executor, listingId: string, sellerId: string): Promise<stock.TakenStock | null>;
  /** The auction's unit sold, or back in stock. */
  settleAuctionUnit(ex: Executor, listingId: string, sold: boolean): Promise<void>;
  /** The listing's row lock, taken before the wallet's (the order every writer of both keeps). */
  lockListing(ex: Executor, listingId: string): Promise<void>;
  rateSeller(ex: Executor, rating: { orderId: string; sellerId: string; buyerId: string; stars: number; comment: string }): Promise<boolean>;
  /** A demand event for surge pricing (a bid, an order). */
  recordDemand(listingId: string, kind: DemandKind): void;
}

/**
 * Listings and who may see them. The rule lives in one SQL fragment (store.visibleTo) used by
 * every read; the hot reads (by id, nearby, a seller) evaluate the same rule on cached listings
 * and sellers (view.ts) while the change watch keeps them fresh, so an audience change still
 * counts from the next request, in every process.
 */
export class Marketplace implements MarketplaceService {
  /** Null: nearby search by PostgreSQL alone (MARKETPLACE_NEARBY_INDEX=false); both answer the same. */
  readonly index: NearbyIndex | null;
  /** Demand and the surge multipliers it gives: what buyers are shown next to the stored price. */
  readonly surge: SurgeBoard;
  /** During the full build, the rows read so far. */
  private building: { id: string; at: Point | null }[] | null = null;
  /** Null without the index: nothing to follow. */
  private readonly feed: ChangeFollower<store.LocationRow> | null;

  /** With a pool, the hot reads (by id, nearby) run as prepared statements. */
  private readonly pool: pg.Pool | null;
  /** Cached listings and sellers; they answer only between start() and stop(). */
  readonly view: ListingView;

  constructor(readonly db: Db, opts: { nearbyIndex?: boolean; log?: Logger | null; pool?: pg.Pool } = {}) {
    this.pool = opts.pool ?? null;
    const index = opts.nearbyIndex === false ? null : new NearbyIndex();
    this.index = index;
    this.surge = new SurgeBoard(db, opts.log ?? null);
    this.view = new ListingView(db, this.pool, opts.log ?? null);
    const feed = { table: 'marketplace.listings', pageRows: MARKETPLACE_POLICY.feedPageRows, intervalMs: MARKETPLACE_POLICY.feedIntervalMs, log: opts.log ?? null };
    this.feed = index && new ChangeFollower<store.LocationRow>(db, feed, (row) => {
      if (this.building) this.building.push({ id: row.id, at: store.locationOf(row) });
      else index.upsert(row.id, store.locationOf(row));
    });
  }

  /** Loads every listing's location into the index (the only full build); then follows the change feed. */
  async start(): Promise<void> {
    await this.feed?.follow();
    await this.view.watch.start();
    this.surge.start();
  }

  /** Stops following and writes the demand counted but not yet written. */
  async stop(): Promise<void> {
    this.feed?.stop();
    await this.view.watch.stop();
    await this.surge.stop();
  }

  /** A member's roles, approval or name changed (committed): cached sellers drop it, in every process, before the caller answers. */
  memberChanged(memberId: string): Promise<void> {
    return this.view.watch.changed([{ kind: 'seller', key: memberId }]);
  }

  async catchUp(): Promise<number> {
    if (!this.feed || !this.index) return 0;
    if (this.index.size > 0) return this.feed.catchUp();
    // The full build: the rows gathered, then loaded at once (NearbyIndex.load).
    this.building = [];
    try {
      const applied = await this.feed.catchUp();
      this.index.load(this.building);
      return applied;
    } finally {
      this.building = null;
    }
  }

  /** Outside a transaction, from the caches while they are fresh. */
  async findListing(ex: Executor, id: string, viewer: Viewer): Promise<Listing | null> {
    const cached = ex.isTransaction ? null : await this.view.visible(viewer, [id]);
    return cached ? (cached.get(id.toLowerCase()) ?? null) : store.findListing(ex, id, viewer, this.pool);
  }

  async takeStock(ex: Executor, listingId: string, buyerId: string, quantity: number) {
    this.view.unsettled('listing', listingId);
    return this.withSurge(await stock.takeStock(ex, listingId, buyerId, quantity));
  }

  async peekStock(ex: Executor, listingId: string, buyerId: string, quantity: number) {
    return this.withSurge(await stock.peekStock(ex, listingId, buyerId, quantity));
  }

  private withSurge(taken: stock.TakenStock | null) {
    return taken && { ...taken, surge: this.surge.surgeOf(taken.listingId, taken.priceMinor, taken.surgeMaxBp) };
  }

  returnStock(ex: Executor, listingId: string, quantity: number): Promise<void> {
    this.view.unsettled('listing', listingId);
    return stock.returnStock(ex, listingId, quantity);
  }

  reserveForAuction(ex: Executor, listingId: string, sellerId: string): Promise<stock.TakenStock | null> {
    this.view.unsettled('listing', listingId);
    return stock.reserveForAuction(ex, listingId, sellerId);
  }

  settleAuctionUnit(ex: Executor, listingId: string, sold: boolean): Promise<void> {
    this.view.unsettled('listing', listingId);
    return stock.settleAuctionUnit(ex, listingId, sold);
  }

  lockListing(ex: Executor, listingId: string): Promise<void> {
    return stock.lockListing(ex, listingId);
  }

  rateSeller(ex: Executor, rating: { orderId: string; sellerId: string; buyerId: string; stars: number; comment: string }): Promise<boolean> {
    this.view.unsettled('seller', rating.sellerId);
    return stock.rateSeller(ex, rating);
  }

  recordDemand(listingId: string, kind: DemandKind): void {
    this.surge.record(listingId, kind);
  }

  /** The profile from the cached seller; only the count of listings the viewer may see is read each time. */
  async findSeller(id: string, viewer: Viewer): Promise<store.SellerProfile | null> {
    const cached = await this.view.sellerVisible(id, viewer);
    if (cached === null) return store.findSeller(this.db, id, viewer);
    return cached ? store.profileOf(cached, await store.countVisibleListings(this.db, cached.id, viewer, this.pool)) : null;
  }

  async sellerVisible(id: string, viewer: Viewer): Promise<boolean> {
    const cached = await this.view.sellerVisible(id, viewer);
    return cached === null ? store.sellerVisible(this.db, id, viewer) : cached !== false;
  }

  /**
   * Ratings the seller received; null for a seller the viewer may not see. Who rated and for which
   * order is the seller's to know: others see a first name and an initial, and no order.
   */
  async ratingsOf(id: string, viewer: Viewer, q: { limit: number; cursor?: string }) {
    if (!(await this.sellerVisible(id, viewer))) return null;
    const page = await store.listRatings(this.db, id.toLowerCase(), q);
    if (viewer.admin || viewer.memberId === id.toLowerCase()) return page;
    return { ...page, items: page.items.map((r) => ({ ...r, orderId: null, buyerName: shortName(r.buyerName) })) };
  }

  blocksOf(sellerId: string) {
    return store.listBlocks(this.db, sellerId, MARKETPLACE_POLICY.blocksListMax);
  }

  search(viewer: Viewer, query: ListingQuery): Promise<SearchPage> {
    return searchListings(this.db, viewer, query);
  }

  /**
   * The `limit` nearest the viewer may see, at any distance: the radius grows fourfold from 2 km
   * until the page is full (what lies beyond a radius is farther than all within it) or it covers
   * the Earth.
   */
  async nearest(viewer: Viewer, center: Point, limit: number): Promise<Nearby[]> {
    for (let radiusKm = MARKETPLACE_POLICY.nearestStartKm; ; radiusKm *= 4) {
      const found = await this.nearby(viewer, center, Math.min(radiusKm, RADIUS_KM_MAX), limit);
      if (found.length >= limit || radiusKm >= RADIUS_KM_MAX) return found;
    }
  }

  /**
   * The nearest listings the viewer may see within the radius. With the index: its candidates,
   * nearest first, checked for visibility in PostgreSQL a chunk at a time until the page is full
   * (so an audience change counts on the next request); without it, PostgreSQL alone. A listing
   * comes as it is cached, not copied: callers may key on it (the route's JSON does).
   */
  async nearby(viewer: Viewer, center: Point, radiusKm: number, limit: number): Promise<Nearby[]> {
    if (!this.index) return (await store.nearbyListings(this.db, viewer, center, radiusKm, limit, this.pool)).map(({ distanceKm, ...listing }) => ({ listing, distanceKm }));
    const index = this.index;
    let version = index.version;
    let walk = index.nearest(center, radiusKm);
    const checked = new Set<string>();
    const found: Nearby[] = [];
    // Most candidates are usually visible: a page and a quarter first, then the same again until full.
    const chunkSize = Math.ceil(limit * 1.25) + MARKETPLACE_POLICY.visibilityChunkMin;
    while (found.length < limit && checked.size < MARKETPLACE_POLICY.nearbyCandidatesMax) {
      // The index changed while visibility was read: walk again, past what was already checked.
      if (index.version !== version) [version, walk] = [index.version, index.nearest(center, radiusKm)];
      const chunk = take(walk, Math.min(chunkSize, MARKETPLACE_POLICY.nearbyCandidatesMax - checked.size), (c) => !checked.has(c.id));
      if (chunk.length === 0) break;
      for (const c of chunk) checked.add(c.id);
      const ids = chunk.map((c) => c.id);
      const visible = this.view.visibleCached(viewer, ids) ?? (await this.view.visible(viewer, ids)) ?? await store.visibleListings(this.db, viewer, ids, this.pool);
      for (const c of chunk) {
        const listing = visible.get(c.id);
        if (listing && found.length < limit) found.push({ listing, distanceKm: c.distanceKm });
      }
    }
    return found;
  }

  async createListing(sellerId: string, input: NewListing): Promise<Result<Listing>> {
    return this.indexed(await this.db.transaction().execute(async (tx): Promise<Result<Listing>> => {
      const checked = await checkAudience(tx, sellerId, input.audience);
      if (!checked.ok) return checked;
      const id = crypto.randomUUID();
      const { audience, ...fields } = input;
      await store.insertListing(tx, id, sellerId, fields, audience.kind);
      if (audience.kind === 'restricted') await store.setAudience(tx, id, audience.listIds, audience.buyerIds);
      return ok((await store.findListing(tx, id, { memberId: sellerId, admin: false, buyer: false }))!);
    }));
  }

  /** After the commit: this process's index sees its own change at once; others through the feed. */
  private indexed(result: Result<Listing>): Result<Listing> {
    if (result.ok) this.index?.upsert(result.value.id, result.value.location);
    return result;
  }

  /** The seller's own listing (or any, for an admin: sellerId null); a state change only along STATE_FROM. */
  async updateListing(id: string, sellerId: string | null, patch: ListingPatch): Promise<Result<Listing>> {
    return this.settled(this.indexed(await this.db.transaction().execute(async (tx): Promise<Result<Listing>> => {
      const { audience, state, ...fields } = patch;
      const owner = sellerId ?? (await store.sellerOf(tx, id));
      if (!owner) return fail('LISTING_NOT_FOUND');
      if (audience) {
        const checked = await checkAudience(tx, owner, audience);
        if (!checked.ok) return checked;
      }
      const updated = await store.updateListing(tx, id, sellerId, { ...fields, state, visibility: audience?.kind }, state ? STATE_FROM[state] : null);
      if (updated === 'missing') return fail('LISTING_NOT_FOUND');
      if (updated === 'bad_state') return fail('LISTING_STATE_CONFLICT');
      if (audience) await store.setAudience(tx, id, audience.kind === 'restricted' ? audience.listIds : [], audience.kind === 'restricted' ? audience.buyerIds : []);
      return ok((await store.findListing(tx, id, { memberId: owner, admin: false, buyer: false }))!);
    })), (l) => ({ kind: 'listing', key: l.id }));
  }

  /** After a committed change: it counts from the next request in every process (ChangeWatch.changed) before the answer goes out. */
  private async settled<T>(result: Result<T>, change: (value: T) => { kind: ChangeKind; key: string }): Promise<Result<T>> {
    if (result.ok) await this.view.watch.changed([change(result.value)]);
    return result;
  }

  async createList(sellerId: string, name: string): Promise<Result<store.BuyerList>> {
    const id = crypto.randomUUID();
    if (!(await store.insertList(this.db, id, sellerId, name))) return fail('BUYER_LIST_NAME_TAKEN');
    return ok((await store.findList(this.db, id, sellerId))!);
  }

  lists(sellerId: string) {
    return store.findLists(this.db, sellerId);
  }

  async setListMembers(listId: string, sellerId: string, buyerIds: readonly string[]): Promise<Result<store.BuyerList>> {
    return this.settled(await this.db.transaction().execute(async (tx): Promise<Result<store.BuyerList>> => {
      // The list's row lock: concurrent replacements apply one after the other, never merged.
      if (!(await store.lockList(tx, listId, sellerId))) return fail('BUYER_LIST_NOT_FOUND');
      const unique = [...new Set(buyerIds.map((id) => id.toLowerCase()))];
      if ((await store.existingMembers(tx, unique)) !== unique.length) return fail('LISTING_AUDIENCE_INVALID', 'A buyer id is not a member.');
      await store.setListMembers(tx, listId, unique);
      return ok((await store.findList(tx, listId, sellerId))!);
    }), () => ({ kind: 'seller', key: sellerId }));
  }

  async setBlock(sellerId: string, buyerId: string, blocked: boolean): Promise<Result<null>> {
    if (blocked && (await store.existingMembers(this.db, [buyerId.toLowerCase()])) === 0) return fail('NOT_FOUND', 'No such member.');
    await store.setBlock(this.db, sellerId, buyerId.toLowerCase(), blocked);
    return this.settled(ok(null), () => ({ kind: 'seller', key: sellerId }));
  }
}

async function checkAudience(ex: Executor, sellerId: string, audience: Audience): Promise<Result<null>> {
  if (audience.kind !== 'restricted') return ok(null);
  const lists = [...new Set(audience.listIds.map((id) => id.toLowerCase()))];
  const buyers = [...new Set(audience.buyerIds.map((id) => id.toLowerCase()))];
  if (lists.length > MARKETPLACE_POLICY.audienceListsMax || buyers.length > MARKETPLACE_POLICY.audienceBuyersMax) return fail('LISTING_AUDIENCE_INVALID', 'Too many lists or buyers.');
  if ((await store.ownedListIds(ex, sellerId, lists)) !== lists.length) return fail('LISTING_AUDIENCE_INVALID', 'A buyer list is not yours.');
  if ((await store.existingMembers(ex, buyers)) !== buyers.length) return fail('LISTING_AUDIENCE_INVALID', 'A buyer id is not a member.');
  return ok(null);
}

function take<T>(from: Iterator<T>, n: number, wanted: (item: T) => boolean): T[] {
  const taken: T[] = [];
  while (taken.length < n) {
    const next = from.next();
    if (next.done) break;
    if (wanted(next.value)) taken.push(next.value);
  }
  return taken;
}

/** "Ayşe Yılmaz" -> "Ayşe Y.": enough to read as a person, not to find one. */
function shortName(name: string): string {
  const [first, second] = name.trim().split(/\s+/);
  return second ? `${first} ${[...second][0]}.` : (first ?? '');
}
