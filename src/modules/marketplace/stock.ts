import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Viewer } from './model.js';
import { visibleTo } from './store.js';

/** What an order takes from a listing at the moment it takes its stock. */
export interface TakenStock {
  listingId: string;
  sellerId: string;
  title: string;
  category: string;
  /** The `brand` attribute, if any (promotions may target brands). */
  brand: string;
  priceMinor: number;
  currency: string;
  surgeMaxBp: number | null;
}

interface TakenRow { id: string; seller_id: string; title: string; category: string; brand: string | null; price_minor: string; currency: string; surge_max_bp: number | null }
const TAKEN_COLUMNS = sql.raw(`id, seller_id, title, category, attributes ->> 'brand' AS brand, price_minor, currency, surge_max_bp`);
const toTaken = (r: TakenRow): TakenStock => ({
  listingId: r.id, sellerId: r.seller_id, title: r.title, category: r.category, brand: r.brand ?? '', priceMinor: Number(r.price_minor), currency: r.currency, surgeMaxBp: r.surge_max_bp,
});

/**
 * Takes `quantity` of an active listing the buyer may see and does not sell itself, in one
 * conditional UPDATE: concurrent buyers queue on the row and each re-checks `quantity >= n`, so
 * stock never goes below zero. The last unit sold marks the listing sold, unless units are set
 * aside for an open auction (its bidders must still see it). Null: nothing taken.
 */
export async function takeStock(ex: Executor, listingId: string, buyerId: string, quantity: number): Promise<TakenStock | null> {
  const buyer: Viewer = { memberId: buyerId, admin: false, buyer: true };
  const { rows } = await sql<TakenRow>`
    UPDATE marketplace.listings l SET quantity = l.quantity - ${quantity}, updated_at = now(),
      state = CASE WHEN l.quantity = ${quantity} AND l.reserved_units = 0 THEN 'sold' ELSE l.state END
    WHERE l.id = ${listingId} AND l.state = 'active' AND l.quantity >= ${quantity} AND l.seller_id <> ${buyerId}::uuid AND ${visibleTo(buyer)}
    RETURNING ${TAKEN_COLUMNS}`.execute(ex);
  return rows[0] ? toTaken(rows[0]) : null;
}

/** What takeStock would take now, without taking it (a checkout quote): null when it would take nothing. */
export async function peekStock(ex: Executor, listingId: string, buyerId: string, quantity: number): Promise<TakenStock | null> {
  const buyer: Viewer = { memberId: buyerId, admin: false, buyer: true };
  const { rows } = await sql<TakenRow>`
    SELECT ${TAKEN_COLUMNS} FROM marketplace.listings l
    WHERE l.id = ${listingId} AND l.state = 'active' AND l.quantity >= ${quantity} AND l.seller_id <> ${buyerId}::uuid AND ${visibleTo(buyer)}`.execute(ex);
  return rows[0] ? toTaken(rows[0]) : null;
}

/** Gives back what a cancelled order took; a listing its last order sold out is active again. */
export async function returnStock(ex: Executor, listingId: string, quantity: number): Promise<void> {
  await sql`
    UPDATE marketplace.listings SET quantity = quantity + ${quantity}, updated_at = now(),
      state = CASE WHEN state = 'sold' AND quantity = 0 THEN 'active' ELSE state END
    WHERE id = ${listingId}`.execute(ex);
}

/**
 * Records a buyer's rating of an order's seller and adds it to the seller's running sums, in the
 * caller's transaction. False when the order was rated already (its id is the ratings' key).
 */
export async function rateSeller(ex: Executor, r: { orderId: string; sellerId: string; buyerId: string; stars: number; comment: string }): Promise<boolean> {
  const { rows } = await sql`
    INSERT INTO marketplace.ratings (order_id, seller_id, buyer_id, stars, comment)
    VALUES (${r.orderId}, ${r.sellerId}, ${r.buyerId}, ${r.stars}, ${r.comment}) ON CONFLICT (order_id) DO NOTHING RETURNING 1`.execute(ex);
  if (rows.length === 0) return false;
  await sql`
    INSERT INTO marketplace.seller_stats (seller_id, rating_count, rating_sum) VALUES (${r.sellerId}, 1, ${r.stars})
    ON CONFLICT (seller_id) DO UPDATE SET rating_count = seller_stats.rating_count + 1, rating_sum = seller_stats.rating_sum + excluded.rating_sum`.execute(ex);
  return true;
}

/**
 * Sets one unit of the seller's own active listing aside for an auction (settled with
 * settleAuctionUnit). The listing stays active, so its audience can see and bid.
 */
export async function reserveForAuction(ex: Executor, listingId: string, sellerId: string): Promise<TakenStock | null> {
  const { rows } = await sql<TakenRow>`
    UPDATE marketplace.listings SET quantity = quantity - 1, reserved_units = reserved_units + 1, updated_at = now()
    WHERE id = ${listingId} AND seller_id = ${sellerId} AND state = 'active' AND quantity >= 1
    RETURNING ${TAKEN_COLUMNS}`.execute(ex);
  return rows[0] ? toTaken(rows[0]) : null;
}

/**
 * An auction's unit is settled: sold (a listing with nothing left is then sold) or back in stock.
 * Called before any wallet change of the same transaction: listing, then wallet, as orders do.
 */
export async function settleAuctionUnit(ex: Executor, listingId: string, sold: boolean): Promise<void> {
  await sql`
    UPDATE marketplace.listings SET reserved_units = reserved_units - 1, quantity = quantity + ${sold ? 0 : 1}, updated_at = now(),
      state = CASE WHEN ${sold} AND state = 'active' AND quantity = 0 AND reserved_units = 1 THEN 'sold' ELSE state END
    WHERE id = ${listingId}`.execute(ex);
}

/** Takes a listing's row lock first, for a transaction that will change it after touching other rows it shares with orders. */
export async function lockListing(ex: Executor, listingId: string): Promise<void> {
  await sql`SELECT 1 FROM marketplace.listings WHERE id = ${listingId} FOR UPDATE`.execute(ex);
}
