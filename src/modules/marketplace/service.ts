import crypto from 'node:crypto';
import type { Db, Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import type { Point } from './geo.js';
import { MARKETPLACE_POLICY, STATE_FROM, type Audience, type Listing, type ListingState, type Viewer } from './model.js';
import * as store from './store.js';

export type NewListing = store.ListingFields & { audience: Audience };
export type ListingPatch = Partial<store.ListingFields> & { state?: ListingState; audience?: Audience };

/** What other modules (auctions, orders) may ask of the marketplace: always as a viewer. */
export interface MarketplaceService {
  findListing(ex: Executor, id: string, viewer: Viewer): Promise<Listing | null>;
}

/**
 * Listings and who may see them. The rule lives in one SQL fragment (store.visibleTo) used by
 * every read, so an audience change counts from the next request and nothing is cached per viewer.
 */
export class Marketplace implements MarketplaceService {
  constructor(readonly db: Db) {}

  findListing(ex: Executor, id: string, viewer: Viewer): Promise<Listing | null> {
    return store.findListing(ex, id, viewer);
  }

  search(viewer: Viewer, query: store.ListingQuery) {
    return store.searchListings(this.db, viewer, query);
  }

  /** The nearest listings the viewer may see within the radius (PostgreSQL alone for now). */
  nearby(viewer: Viewer, center: Point, radiusKm: number, limit: number) {
    return store.nearbyListings(this.db, viewer, center, radiusKm, limit);
  }

  async createListing(sellerId: string, input: NewListing): Promise<Result<Listing>> {
    return this.db.transaction().execute(async (tx) => {
      const checked = await checkAudience(tx, sellerId, input.audience);
      if (!checked.ok) return checked;
      const id = crypto.randomUUID();
      const { audience, ...fields } = input;
      await store.insertListing(tx, id, sellerId, fields, audience.kind);
      if (audience.kind === 'restricted') await store.setAudience(tx, id, audience.listIds, audience.buyerIds);
      return ok((await store.findListing(tx, id, { memberId: sellerId, admin: false, buyer: false }))!);
    });
  }

  /** The seller's own listing (or any, for an admin: sellerId null); a state change only along STATE_FROM. */
  async updateListing(id: string, sellerId: string | null, patch: ListingPatch): Promise<Result<Listing>> {
    return this.db.transaction().execute(async (tx) => {
      const { audience, state, ...fields } = patch;
      const owner = sellerId ?? (await store.findListing(tx, id, { memberId: crypto.randomUUID(), admin: true, buyer: false }))?.sellerId;
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
    });
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
    return this.db.transaction().execute(async (tx) => {
      if (!(await store.findList(tx, listId, sellerId))) return fail('BUYER_LIST_NOT_FOUND');
      const unique = [...new Set(buyerIds)];
      if ((await store.existingMembers(tx, unique)) !== unique.length) return fail('LISTING_AUDIENCE_INVALID', 'A buyer id is not a member.');
      await store.setListMembers(tx, listId, unique);
      return ok((await store.findList(tx, listId, sellerId))!);
    });
  }

  setBlock(sellerId: string, buyerId: string, blocked: boolean) {
    return store.setBlock(this.db, sellerId, buyerId, blocked);
  }
}

async function checkAudience(ex: Executor, sellerId: string, audience: Audience): Promise<Result<null>> {
  if (audience.kind !== 'restricted') return ok(null);
  const lists = [...new Set(audience.listIds)];
  const buyers = [...new Set(audience.buyerIds)];
  if (lists.length > MARKETPLACE_POLICY.audienceListsMax || buyers.length > MARKETPLACE_POLICY.audienceBuyersMax) return fail('LISTING_AUDIENCE_INVALID', 'Too many lists or buyers.');
  if ((await store.ownedListIds(ex, sellerId, lists)) !== lists.length) return fail('LISTING_AUDIENCE_INVALID', 'A buyer list is not yours.');
  if ((await store.existingMembers(ex, buyers)) !== buyers.length) return fail('LISTING_AUDIENCE_INVALID', 'A buyer id is not a member.');
  return ok(null);
}
