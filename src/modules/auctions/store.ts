import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { newestFirstAfter, newestFirstPage } from '../../platform/db/paging.js';
import type { AuctionKind, AuctionRules, AuctionState, Increment, SealedBid } from './engine.js';

/** The auctions' SQL. */

export interface AuctionRow {
  id: string;
  listing_id: string;
  seller_id: string;
  title: string;
  kind: AuctionKind;
  currency: string;
  start_price_minor: number;
  reserve_minor: number | null;
  buy_now_minor: number | null;
  increments: Increment[];
  ends_at: Date;
  snipe_window_s: number;
  snipe_extend_s: number;
  state: 'open' | 'closed';
  outcome: 'sold' | 'bought_now' | 'no_bids' | 'reserve_not_met' | null;
  price_minor: number;
  leader_id: string | null;
  leader_max_minor: number | null;
  leader_hold_id: string | null;
  bid_count: number;
  winner_id: string | null;
  order_id: string | null;
  closed_at: Date | null;
  created_at: Date;
}

export const rulesOf = (r: AuctionRow): AuctionRules => ({ startPriceMinor: r.start_price_minor, reserveMinor: r.reserve_minor, increments: r.increments });
export const stateOf = (r: AuctionRow): AuctionState => ({ priceMinor: r.price_minor, leaderId: r.leader_id, leaderMaxMinor: r.leader_max_minor, bidCount: r.bid_count });

export interface NewAuction {
  id: string;
  kind: AuctionKind;
  listingId: string;
  sellerId: string;
  title: string;
  currency: string;
  startPriceMinor: number;
  reserveMinor: number | null;
  buyNowMinor: number | null;
  increments: Increment[];
  endsAt: string;
  snipeWindowS: number;
  snipeExtendS: number;
}

/** False when the listing has an open auction already. */
export async function insertAuction(ex: Executor, a: NewAuction): Promise<boolean> {
  const { rows } = await sql`
    INSERT INTO auctions.auctions (id, kind, listing_id, seller_id, title, currency, start_price_minor, reserve_minor, buy_now_minor, increments, ends_at, snipe_window_s, snipe_extend_s, price_minor)
    VALUES (${a.id}, ${a.kind}, ${a.listingId}, ${a.sellerId}, ${a.title}, ${a.currency}, ${a.startPriceMinor}, ${a.reserveMinor}, ${a.buyNowMinor}, ${JSON.stringify(a.increments)}::jsonb,
            ${a.endsAt}::timestamptz, ${a.snipeWindowS}, ${a.snipeExtendS}, ${a.startPriceMinor})
    ON CONFLICT (listing_id) WHERE state = 'open' DO NOTHING RETURNING 1`.execute(ex);
  return rows.length > 0;
}

export async function findAuction(ex: Executor, id: string): Promise<AuctionRow | null> {
  const { rows } = await sql<AuctionRow>`SELECT * FROM auctions.auctions WHERE id = ${id}`.execute(ex);
  return rows[0] ?? null;
}

/** The auctions' rows locked in id order (no two batches deadlock), and the database's clock. */
/** Auctions newest first: a seller's own, those a member bid on, or those on one listing (the caller checks visibility). */
export async function listAuctions(ex: Executor, q: { sellerId?: string; bidderId?: string; listingId?: string; state?: 'open' | 'closed'; limit: number; cursor?: string }) {
  const { rows } = await sql<AuctionRow & { created_at_exact: string }>`
    SELECT a.*, a.created_at::text AS created_at_exact FROM auctions.auctions a
    WHERE TRUE
      ${q.sellerId ? sql`AND a.seller_id = ${q.sellerId}` : sql``}
      ${q.bidderId ? sql`AND (EXISTS (SELECT 1 FROM auctions.bids b WHERE b.auction_id = a.id AND b.bidder_id = ${q.bidderId})
                           OR EXISTS (SELECT 1 FROM auctions.sealed_bids s WHERE s.auction_id = a.id AND s.bidder_id = ${q.bidderId}))` : sql``}
      ${q.listingId ? sql`AND a.listing_id = ${q.listingId}` : sql``}
      ${q.state ? sql`AND a.state = ${q.state}` : sql``}
      ${newestFirstAfter(q.cursor, 'a')}
    ORDER BY a.created_at DESC, a.id DESC LIMIT ${q.limit + 1}`.execute(ex);
  return newestFirstPage(rows, q.limit, (r) => r);
}

export async function lockAuctions(ex: Executor, ids: readonly string[]): Promise<{ rows: AuctionRow[]; nowMs: number }> {
  const { rows } = await sql<AuctionRow & { now_ms: number }>`
    SELECT a.*, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms FROM auctions.auctions a
    WHERE a.id = ANY(${[...ids]}::uuid[]) ORDER BY a.id FOR UPDATE`.execute(ex);
  return { rows, nowMs: rows[0]?.now_ms ?? Date.now() };
}

/** Open auctions past their end, locked; another process's closer skips them (exactly one closes each). */
export async function lockDue(ex: Executor, limit: number, except: readonly string[] = []): Promise<AuctionRow[]> {
  const { rows } = await sql<AuctionRow>`
    SELECT * FROM auctions.auctions WHERE state = 'open' AND ends_at <= now() AND id <> ALL(${[...except]}::uuid[])
    ORDER BY ends_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(ex);
  return rows;
}

export async function saveState(ex: Executor, id: string, s: AuctionState, leaderHoldId: string | null, endsAtMs: number): Promise<void> {
  await sql`
    UPDATE auctions.auctions SET price_minor = ${s.priceMinor}, leader_id = ${s.leaderId}, leader_max_minor = ${s.leaderMaxMinor},
      leader_hold_id = ${leaderHoldId}, bid_count = ${s.bidCount}, ends_at = to_timestamp(${endsAtMs / 1000}::float8)
    WHERE id = ${id}`.execute(ex);
}

export async function close(ex: Executor, id: string, outcome: NonNullable<AuctionRow['outcome']>, sale: { orderId: string; winnerId: string } | null, priceMinor: number): Promise<void> {
  await sql`
    UPDATE auctions.auctions SET state = 'closed', outcome = ${outcome}, order_id = ${sale?.orderId ?? null}, winner_id = ${sale?.winnerId ?? null},
      price_minor = ${priceMinor}, leader_hold_id = NULL, closed_at = now()
    WHERE id = ${id}`.execute(ex);
}

export interface BidRow {
  auctionId: string;
  seq: number;
  id: string;
  bidderId: string;
  maxMinor: number;
  outcome: 'leading' | 'outbid' | 'sealed';
  priceAfterMinor: number;
  leaderAfter: string;
  holdId: string | null;
  atMs: number;
}

export async function insertBids(ex: Executor, bids: readonly BidRow[]): Promise<void> {
  if (bids.length === 0) return;
  const col = <K extends keyof BidRow>(k: K) => bids.map((b) => b[k]);
  await sql`
    INSERT INTO auctions.bids (auction_id, seq, id, bidder_id, max_minor, outcome, price_after_minor, leader_after, hold_id, at)
    SELECT a, s, i, b, m, o, p, l, h, to_timestamp(t / 1000)
    FROM unnest(${col('auctionId')}::uuid[], ${col('seq')}::int[], ${col('id')}::uuid[], ${col('bidderId')}::uuid[], ${col('maxMinor')}::bigint[],
                ${col('outcome')}::text[], ${col('priceAfterMinor')}::bigint[], ${col('leaderAfter')}::uuid[], ${col('holdId')}::uuid[], ${col('atMs')}::float8[])
      AS x(a, s, i, b, m, o, p, l, h, t)`.execute(ex);
}

/** The auction's bids in order; with `latest`, only the last that many (still in order). */
export async function bidLog(ex: Executor, auctionId: string, latest?: number): Promise<BidRow[]> {
  const { rows } = await sql<{ seq: number; id: string; bidder_id: string; max_minor: number; outcome: BidRow['outcome']; price_after_minor: number; leader_after: string; hold_id: string | null; at: Date }>`
    SELECT * FROM (SELECT * FROM auctions.bids WHERE auction_id = ${auctionId} ORDER BY seq DESC ${latest ? sql`LIMIT ${latest}` : sql``}) b ORDER BY seq`.execute(ex);
  return rows.map((r) => ({ auctionId, seq: r.seq, id: r.id, bidderId: r.bidder_id, maxMinor: r.max_minor, outcome: r.outcome, priceAfterMinor: r.price_after_minor, leaderAfter: r.leader_after, holdId: r.hold_id, atMs: r.at.getTime() }));
}

/** A sealed auction's standing bids (each bidder's latest, with its hold). */
export async function sealedBids(ex: Executor, auctionId: string): Promise<(SealedBid & { holdId: string })[]> {
  const { rows } = await sql<{ bidder_id: string; amount_minor: number; seq: number; hold_id: string }>`
    SELECT bidder_id, amount_minor, seq, hold_id FROM auctions.sealed_bids WHERE auction_id = ${auctionId}`.execute(ex);
  return rows.map((r) => ({ bidderId: r.bidder_id, amountMinor: r.amount_minor, seq: r.seq, holdId: r.hold_id }));
}

export async function sealedBidOf(ex: Executor, auctionId: string, bidderId: string): Promise<{ amountMinor: number; holdId: string } | null> {
  const { rows } = await sql<{ amount_minor: number; hold_id: string }>`
    SELECT amount_minor, hold_id FROM auctions.sealed_bids WHERE auction_id = ${auctionId} AND bidder_id = ${bidderId}`.execute(ex);
  return rows[0] ? { amountMinor: rows[0].amount_minor, holdId: rows[0].hold_id } : null;
}

export async function putSealedBid(ex: Executor, auctionId: string, bid: SealedBid & { holdId: string }): Promise<void> {
  await sql`
    INSERT INTO auctions.sealed_bids (auction_id, bidder_id, amount_minor, hold_id, seq) VALUES (${auctionId}, ${bid.bidderId}, ${bid.amountMinor}, ${bid.holdId}, ${bid.seq})
    ON CONFLICT (auction_id, bidder_id) DO UPDATE SET amount_minor = excluded.amount_minor, hold_id = excluded.hold_id, seq = excluded.seq`.execute(ex);
}

/** Accepted bids per UTC day. */
export async function dailyBids(ex: Executor, from: string, to: string): Promise<{ day: string; bids: number }[]> {
  const { rows } = await sql<{ day: string; bids: number }>`
    SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS bids
    FROM auctions.bids WHERE at >= ${from}::date AND at < ${to}::date + 1 GROUP BY 1 ORDER BY 1`.execute(ex);
  return rows;
}
