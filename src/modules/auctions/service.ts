import crypto from 'node:crypto';
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError, fail, ok, type Result } from '../../platform/errors.js';
import { appendEvents, type NewEvent } from '../../platform/events/outbox.js';
import { GroupCommitter, QueueFullError } from '../../platform/group-commit.js';
import { every } from '../../platform/periodic.js';
import type { MarketplaceService, Viewer } from '../marketplace/index.js';
import type { OrdersService } from '../orders/index.js';
import { memberAccountId, type WalletService } from '../wallet/index.js';
import { DEFAULT_INCREMENTS, outcomeOf, sealedResult, type AuctionKind, type Increment } from './engine.js';
import * as store from './store.js';
import { AuctionWatch, type AuctionSnapshot } from './watch.js';
import { Bidding, FundsMoved, liveOf, type BidResult, type BuyNowResult, type Item, type Live } from './bidding.js';

export type { BidResult, BuyNowResult } from './bidding.js';

export const AUCTION_POLICY = {
  durationMaxDays: 30,
  durationMinS: 10,
  incrementBandsMax: 20,
  snipeWindowSDefault: 120,
  snipeExtendSDefault: 120,
  /** Bids grouped into one transaction; at most this many savepoint-free wallet calls each. */
  batch: { batchMax: 64, inFlightMax: 4, queueMax: 20_000 },
  closeIntervalMs: 1_000,
  closeBatchMax: 20,
  retriesMax: 5,
} as const;

export interface NewAuctionInput {
  kind?: AuctionKind;
  listingId: string;
  startPriceMinor: number;
  reserveMinor?: number;
  buyNowMinor?: number;
  increments?: Increment[];
  endsAt: string;
  antiSniping?: { windowS: number; extendS: number };
}


const RETRYABLE = new Set(['40001', '40P01']);

/**
 * English auctions with proxy bids. Bids on one auction apply one after the other under its row
 * lock; concurrent bids are grouped into one transaction (GroupCommitter, keyed by auction), so a
 * hot auction pays one commit for many bids. A leading bid is a wallet hold of the bidder's
 * maximum; the hold of the bid it displaces is voided in the same transaction. The closer ends
 * each auction once (FOR UPDATE SKIP LOCKED), in whichever process finds it first.
 */
export class Auctions {
  private readonly committer: GroupCommitter<Item, BidResult | BuyNowResult>;
  private readonly bidding: Bidding;
  /** An auction's listing and seller, which never change: the one read a bid would otherwise repeat. */
  private readonly listingOf = new LRUCache<string, { listingId: string; sellerId: string }>({ max: 10_000 });
  private stopCloser: (() => void) | null = null;
  /** Watchers' live updates (Server-Sent Events). */
  readonly watch: AuctionWatch;

  constructor(
    readonly db: Db,
    private readonly deps: { wallet: WalletService; marketplace: MarketplaceService; orders: OrdersService; log?: Logger | null; batchMax?: number },
  ) {
    this.watch = new AuctionWatch(db, deps.log ?? null);
    this.bidding = new Bidding(deps.wallet);
    this.committer = new GroupCommitter({ ...AUCTION_POLICY.batch, batchMax: deps.batchMax ?? AUCTION_POLICY.batch.batchMax }, (i) => i.id, (items) => this.flushWithRetry(items), (i) => i.auctionId);
  }

  async create(tx: Executor, sellerId: string, input: NewAuctionInput): Promise<Result<store.AuctionRow>> {
    const checked = checkRules(input);
    if (!checked.ok) return checked;
    const taken = await this.deps.marketplace.reserveForAuction(tx, input.listingId, sellerId);
    if (!taken) {
      const listing = await this.deps.marketplace.findListing(tx, input.listingId, { memberId: sellerId, admin: false, buyer: false });
      if (!listing || listing.sellerId !== sellerId) return fail('LISTING_NOT_FOUND');
      return fail('LISTING_STATE_CONFLICT', listing.state === 'active' ? 'The listing has no stock left to auction.' : 'Only an active listing can be auctioned.');
    }
    // Bids are held in escrow, not toward the seller, whose balance would show their (hidden) amounts.
    await this.deps.wallet.ensureEscrowAccount(tx, taken.currency);
    const id = crypto.randomUUID();
    const sealed = (input.kind ?? 'english') !== 'english';
    const inserted = await store.insertAuction(tx, {
      id, kind: input.kind ?? 'english', listingId: taken.listingId, sellerId, title: taken.title, currency: taken.currency, startPriceMinor: input.startPriceMinor,
      reserveMinor: input.reserveMinor ?? null, buyNowMinor: input.buyNowMinor ?? null, increments: input.increments ?? DEFAULT_INCREMENTS, endsAt: input.endsAt,
      // A sealed bid moves no price: nothing to snipe.
      snipeWindowS: sealed ? 0 : input.antiSniping?.windowS ?? AUCTION_POLICY.snipeWindowSDefault, snipeExtendS: sealed ? 0 : input.antiSniping?.extendS ?? AUCTION_POLICY.snipeExtendSDefault,
    });
    if (!inserted) return fail('AUCTION_ALREADY_OPEN');
    await appendEvents(tx, [{ aggregateType: 'auction', aggregateId: id, type: 'auction.opened', payload: { auctionId: id, listingId: taken.listingId, sellerId, endsAt: input.endsAt } }]);
    return ok((await store.findAuction(tx, id))!);
  }

  /** The auction if the viewer may see it: its seller, its leader or winner, an admin, or a buyer who may see the listing. */
  async find(ex: Executor, id: string, viewer: Viewer): Promise<store.AuctionRow | null> {
    const a = await store.findAuction(ex, id);
    return a && (await this.visibleTo(ex, a, viewer)) ? a : null;
  }

  /** The viewer's page of auctions; what it may not see is left out (a page may come back short). */
  async list(ex: Executor, viewer: Viewer, q: Omit<Parameters<typeof store.listAuctions>[1], 'sellerId' | 'bidderId'> & { as?: 'seller' | 'bidder' }) {
    // A listing the viewer may not see has no auctions for it: not even a cursor that names one.
    if (q.listingId && !viewer.admin && !(await this.deps.marketplace.findListing(ex, q.listingId, viewer))) return { items: [], nextCursor: null };
    const page = await store.listAuctions(ex, { ...q, sellerId: q.as === 'seller' ? viewer.memberId : undefined, bidderId: q.as === 'bidder' ? viewer.memberId : undefined });
    const visible = await Promise.all(page.items.map((a) => this.visibleTo(ex, a, viewer)));
    return { items: page.items.filter((_, i) => visible[i]), nextCursor: page.nextCursor };
  }

  private async visibleTo(ex: Executor, a: store.AuctionRow, viewer: Viewer): Promise<boolean> {
    if (viewer.admin || a.seller_id === viewer.memberId || a.leader_id === viewer.memberId || a.winner_id === viewer.memberId) return true;
    return (await this.deps.marketplace.findListing(ex, a.listing_id, viewer)) !== null;
  }

  /**
   * The auction a buyer may bid on: its listing (which never changes, so it is cached) must be one
   * the buyer may see now (checked on every bid, so an audience change counts on the next one).
   */
  async biddable(ex: Executor, id: string, viewer: Viewer): Promise<{ id: string; listingId: string } | null> {
    let known = this.listingOf.get(id);
    if (!known) {
      const a = await store.findAuction(ex, id);
      if (!a) return null;
      this.listingOf.set(id, (known = { listingId: a.listing_id, sellerId: a.seller_id }));
    }
    if (known.sellerId !== viewer.memberId && !(await this.deps.marketplace.findListing(ex, known.listingId, viewer))) return null;
    return { id, listingId: known.listingId };
  }

  bid(auctionId: string, bidderId: string, maxMinor: number): Promise<BidResult> {
    return this.submit({ kind: 'bid', id: crypto.randomUUID(), auctionId, bidderId, maxMinor }) as Promise<BidResult>;
  }

  buyNow(auctionId: string, buyerId: string): Promise<BuyNowResult> {
    return this.submit({ kind: 'buy_now', id: crypto.randomUUID(), auctionId, buyerId }) as Promise<BuyNowResult>;
  }

  private async submit(item: Item): Promise<BidResult | BuyNowResult> {
    try {
      return await this.committer.submit(item);
    } catch (err) {
      if (err instanceof QueueFullError) throw new AppError('SERVICE_UNAVAILABLE', 'Bidding is at capacity; bid again.');
      throw err;
    }
  }

  /**
   * A group is first applied the fast way: each leading bid is checked against the bidders'
   * balances read once at the start, and only the group's net change reaches the wallet (the
   * displaced hold voided, the final leader's maximum held) in one call per auction. If a bid is
   * not covered by those balances, or that call is refused (a balance fell meanwhile), or the group
   * has a buy-now, it is applied again the exact way: a hold per lead, as it happens, under the
   * wallet's locks, which is what decides. A deadlock or
   * serialization failure rolled the whole group back: it is applied again from the start.
   */
  private async flushWithRetry(items: Item[]): Promise<(BidResult | BuyNowResult | Error)[]> {
    let exact = items.some((i) => i.kind === 'buy_now');
    for (let attempt = 1; ; attempt++) {
      try {
        const { results, changed } = await this.db.transaction().execute((tx) => this.flush(tx, items, exact));
        for (const snapshot of changed) this.watch.publish(snapshot);
        return results;
      } catch (err) {
        if (err instanceof FundsMoved && !exact) {
          exact = true;
          continue;
        }
        const code = (err as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= AUCTION_POLICY.retriesMax) throw err;
        this.deps.log?.warn({ code, attempt, size: items.length }, 'bid group retried');
      }
    }
  }

  private async flush(tx: Executor, items: Item[], exact: boolean): Promise<{ results: (BidResult | BuyNowResult | Error)[]; changed: AuctionSnapshot[] }> {
    const { rows, nowMs } = await store.lockAuctions(tx, [...new Set(items.map((i) => i.auctionId))]);
    const auctions = new Map(rows.map((r): [string, Live] => [r.id, liveOf(r)]));
    const accounts = items.flatMap((i) => (i.kind === 'bid' && auctions.get(i.auctionId)?.row.kind === 'english' ? [memberAccountId(i.bidderId, auctions.get(i.auctionId)!.row.currency)] : []));
    const funds = exact ? null : accounts.length === 0 ? new Map<string, number>() : await this.deps.wallet.availableOf(tx, [...new Set(accounts)]);
    // A buy-now ends its auction and so changes its listing: that lock comes before any wallet row
    // the group's bids take, the order orders keep (listing, then wallet).
    const ending = items.flatMap((i) => (i.kind === 'buy_now' && auctions.has(i.auctionId) ? [auctions.get(i.auctionId)!.row.listing_id] : []));
    for (const listingId of [...new Set(ending)].sort()) await this.deps.marketplace.lockListing(tx, listingId);
    const bids: store.BidRow[] = [];
    const events: NewEvent[] = [];
    const results: (BidResult | BuyNowResult | Error)[] = [];
    for (const item of items) {
      const a = auctions.get(item.auctionId);
      if (!a) results.push(new AppError('AUCTION_NOT_FOUND'));
      else if (a.row.state !== 'open' || nowMs >= a.endsAtMs) results.push(new AppError('AUCTION_CLOSED'));
      else if ((item.kind === 'bid' ? item.bidderId : item.buyerId) === a.row.seller_id) results.push(new AppError('AUCTION_OWN_LISTING'));
      else if (item.kind === 'buy_now') results.push(await this.buyNowNow(tx, a, item.buyerId, events));
      else if (a.row.kind !== 'english') results.push(await this.bidding.applySealedBid(tx, a, item, nowMs, bids, events));
      else results.push(await this.bidding.applyBid(tx, a, item, nowMs, funds, bids, events));
    }
    if (funds) for (const a of auctions.values()) if (a.lead) await this.bidding.holdNetLead(tx, a, a.lead);
    await store.insertBids(tx, bids);
    for (const [id, a] of auctions) if (a.dirty && a.row.state === 'open') await store.saveState(tx, id, a.state, a.holdId, a.endsAtMs);
    await appendEvents(tx, events);
    return { results, changed: [...auctions.values()].filter((a) => a.dirty || a.row.state === 'closed').map(snapshotOf) };
  }

  /**
   * Buy-now, while no bid has reached its price: the auction ends sold to this buyer at that price.
   * Under a savepoint: a buyer who cannot pay leaves the auction as it was.
   */
  private async buyNowNow(tx: Executor, a: Live, buyerId: string, events: NewEvent[]): Promise<BuyNowResult | Error> {
    const price = a.row.buy_now_minor;
    if (price === null || a.state.priceMinor >= price) return new AppError('AUCTION_BUY_NOW_UNAVAILABLE');
    await sql`SAVEPOINT auction_buy_now`.execute(tx);
    const holdBefore = a.holdId;
    const ended = await this.end(tx, a, 'bought_now', { buyerId, priceMinor: price }, events);
    if (ended instanceof AppError) {
      // The savepoint undoes the void of the leader's hold: so must the auction as held in memory.
      await sql`ROLLBACK TO SAVEPOINT auction_buy_now`.execute(tx);
      a.holdId = holdBefore;
      return ended;
    }
    return { orderId: ended!, priceMinor: price };
  }

  /**
   * Ends an auction, in the order every writer of these rows takes them (the auction, then the
   * listing, then the wallet), so it never deadlocks with an order: the unit is settled; the
   * leader's hold is voided (so a leader who buys now, or wins, can pay with the same coins); a
   * sale makes the buyer's order, which holds the price. Returns the order's id (or null), or the
   * order's refusal.
   */
  private async end(tx: Executor, a: Live, outcome: NonNullable<store.AuctionRow['outcome']>, sale: { buyerId: string; priceMinor: number } | null, events: NewEvent[]): Promise<string | null | AppError> {
    await this.deps.marketplace.settleAuctionUnit(tx, a.row.listing_id, sale !== null);
    const holds = a.row.kind === 'english' ? (a.holdId ? [a.holdId] : []) : (await store.sealedBids(tx, a.row.id)).map((b) => b.holdId);
    for (const hold of holds) await this.bidding.voidHold(tx, hold);
    a.holdId = null;
    let orderId: string | null = null;
    if (sale) {
      const order = await this.deps.orders.createPaid(tx, {
        buyerId: sale.buyerId, sellerId: a.row.seller_id, currency: a.row.currency, method: 'wallet',
        lines: [{ listingId: a.row.listing_id, title: a.row.title, quantity: 1, listPriceMinor: sale.priceMinor, surgeBp: 10_000, unitPriceMinor: sale.priceMinor }],
      });
      if (!order.ok) return new AppError(order.code, order.message, order.details);
      orderId = order.value.id;
    }
    // A buy-now's buyer and price become the auction's last state (replacing the leader), so
    // watchers' closing update says who bought it and for how much.
    if (outcome === 'bought_now' && sale) a.state = { ...a.state, priceMinor: sale.priceMinor, leaderId: sale.buyerId, leaderMaxMinor: sale.priceMinor };
    const priceMinor = a.state.priceMinor;
    await store.saveState(tx, a.row.id, a.state, null, a.endsAtMs);
    await store.close(tx, a.row.id, outcome, sale && orderId ? { orderId, winnerId: sale.buyerId } : null, priceMinor);
    a.row = { ...a.row, state: 'closed', outcome };
    events.push({ aggregateType: 'auction', aggregateId: a.row.id, type: 'auction.closed', payload: { auctionId: a.row.id, sellerId: a.row.seller_id, outcome, orderId, winnerId: sale?.buyerId ?? null, priceMinor } });
    return orderId;
  }

  /**
   * Closes the auctions past their end (each exactly once, whichever process gets there first),
   * each in a transaction of its own, so its rows are taken in the order every writer takes them
   * (the auction, the listing, then the wallet) and nothing else is held meanwhile. One that cannot
   * close is logged and left for the next pass, without holding the others back.
   */
  async closeDue(): Promise<number> {
    const failed: string[] = [];
    let closed = 0;
    for (let i = 0; i < AUCTION_POLICY.closeBatchMax; i++) {
      let current: string | null = null;
      try {
        const a = await this.db.transaction().execute(async (tx) => {
          const [row] = await store.lockDue(tx, 1, failed);
          if (!row) return null;
          current = row.id;
          const live = liveOf(row);
          const { outcome, sale } = await this.resultOf(tx, live);
          const events: NewEvent[] = [];
          const result = await this.end(tx, live, outcome, sale, events);
          if (result instanceof AppError) throw result;
          await appendEvents(tx, events);
          return live;
        });
        if (!a) break;
        closed += 1;
        this.watch.publish(snapshotOf(a));
      } catch (err) {
        if (current === null) throw err;
        failed.push(current);
        this.deps.log?.error({ err, auctionId: current }, 'auction could not be closed; it stays open for the next pass');
      }
    }
    return closed;
  }

  /** Who wins an ended auction, at what price: the leader at the price, or the sealed bids revealed. */
  private async resultOf(tx: Executor, a: Live): Promise<{ outcome: NonNullable<store.AuctionRow['outcome']>; sale: { buyerId: string; priceMinor: number } | null }> {
    const rules = store.rulesOf(a.row);
    if (a.row.kind === 'english') {
      const outcome = outcomeOf(rules, a.state);
      return { outcome, sale: outcome === 'sold' ? { buyerId: a.state.leaderId!, priceMinor: a.state.priceMinor } : null };
    }
    const result = sealedResult(a.row.kind, rules, await store.sealedBids(tx, a.row.id));
    if (result.outcome !== 'sold') return { outcome: result.outcome, sale: null };
    a.state = { ...a.state, priceMinor: result.priceMinor };
    return { outcome: 'sold', sale: { buyerId: result.winnerId, priceMinor: result.priceMinor } };
  }

  start(): void {
    this.stopCloser ??= every(AUCTION_POLICY.closeIntervalMs, () => this.closeDue(), this.deps.log ?? null, 'auction closer');
  }

  async stop(): Promise<void> {
    this.watch.stop();
    this.stopCloser?.();
    this.stopCloser = null;
    await this.committer.drain();
  }

  async yourSealedBid(ex: Executor, auctionId: string, bidderId: string): Promise<number | null> {
    return (await store.sealedBidOf(ex, auctionId, bidderId))?.amountMinor ?? null;
  }

  bidLog(ex: Executor, auctionId: string, latest?: number) {
    return store.bidLog(ex, auctionId, latest);
  }
}

const snapshotOf = (a: Live): AuctionSnapshot => ({
  auctionId: a.row.id, priceMinor: a.state.priceMinor, bidCount: a.state.bidCount, leaderId: a.state.leaderId,
  endsAt: new Date(a.endsAtMs).toISOString(), state: a.row.state, outcome: a.row.outcome,
});


function checkRules(input: NewAuctionInput): Result<null> {
  const invalid = (message: string) => fail('VALIDATION_FAILED', message);
  const endsAtMs = Date.parse(input.endsAt);
  const now = Date.now();
  if (!(endsAtMs >= now + AUCTION_POLICY.durationMinS * 1000) || endsAtMs > now + AUCTION_POLICY.durationMaxDays * 86_400_000) {
    return invalid(`endsAt must be between ${AUCTION_POLICY.durationMinS} s and ${AUCTION_POLICY.durationMaxDays} days from now.`);
  }
  if (input.reserveMinor !== undefined && input.reserveMinor < input.startPriceMinor) return invalid('reserveMinor is below startPriceMinor.');
  if (input.kind && input.kind !== 'english' && input.buyNowMinor !== undefined) return invalid('A sealed auction has no buy-now price.');
  if (input.buyNowMinor !== undefined && input.buyNowMinor < Math.max(input.startPriceMinor, input.reserveMinor ?? 0)) return invalid('buyNowMinor is below the start price or the reserve.');
  const bands = input.increments;
  if (bands && (bands[0]?.fromMinor !== 0 || bands.some((b, i) => i > 0 && b.fromMinor <= bands[i - 1]!.fromMinor))) {
    return invalid('increments start from 0 and rise strictly by fromMinor.');
  }
  return ok(null);
}
