import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/database.js';
import type { NewEvent } from '../../platform/events/outbox.js';
import { derivedUuid } from '../../platform/ids.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import { extendedEnd, minimumBid, placeBid, type AuctionState } from './engine.js';
import * as store from './store.js';

/**
 * How a bid changes an auction and the wallet, within a group of bids applied in one transaction
 * (service.ts forms the groups, locks the auctions and commits).
 */

export type Item = { id: string; auctionId: string } & ({ kind: 'bid'; bidderId: string; maxMinor: number } | { kind: 'buy_now'; buyerId: string });
export interface BidResult { bidId: string; outcome: 'leading' | 'outbid' | 'sealed'; priceMinor: number; minimumBidMinor: number; endsAt: string }
export interface BuyNowResult { orderId: string; priceMinor: number }

export const holdIdOf = (bidId: string) => derivedUuid(`auction-bid:${bidId}:hold`);
export const voidOf = (holdId: string): TransferRequest => ({ id: derivedUuid(`auction-hold:${holdId}:void`), kind: 'void_pending', pendingId: holdId });

/** An auction as a group changes it. */
export interface Live {
  row: store.AuctionRow;
  state: AuctionState;
  /** The hold that backs the leader now (the fast way: the one it had at the start, until the end). */
  holdId: string | null;
  endsAtMs: number;
  dirty: boolean;
  /** The fast way: the bid that leads since the group's last lead change, held at the end. */
  lead: store.BidRow | null;
  /** The fast way: who holds what on this auction as the group plays out (the leader's maximum). */
  virtualHold: { bidderId: string; amount: number } | null;
}

/** An auction as a group starts from: its row, the leader's hold (real and, for the fast way, in memory). */
export const liveOf = (row: store.AuctionRow): Live => ({
  row, state: store.stateOf(row), holdId: row.leader_hold_id, endsAtMs: row.ends_at.getTime(), dirty: false, lead: null,
  virtualHold: row.leader_id && row.leader_hold_id ? { bidderId: row.leader_id, amount: row.leader_max_minor! } : null,
});

/** The fast way's net wallet call was refused: the group is applied again the exact way. */
export class FundsMoved extends Error {}

export class Bidding {
  constructor(private readonly wallet: WalletService) {}

  /** The fast way's one wallet call for an auction: the hold it had is voided and the final leader's maximum held, both or neither. */
  async holdNetLead(tx: Executor, a: Live, lead: store.BidRow): Promise<void> {
    const holdId = holdIdOf(lead.id);
    const ops = [...(a.holdId ? [voidOf(a.holdId)] : []), this.holdOf(a, lead.bidderId, lead.maxMinor, holdId)];
    const results = await this.wallet.transferBatch(tx, ops, true);
    if (results.some((r) => r.result !== 'created')) throw new FundsMoved();
    lead.holdId = holdId;
    a.holdId = holdId;
  }

  /** A bid's hold: from the bidder's wallet toward escrow (the seller must not learn hidden maximums or sealed bids from its balance). */
  holdOf(a: Live, bidderId: string, amount: number, id: string): TransferRequest {
    return {
      id, kind: 'pending', debitAccountId: memberAccountId(bidderId, a.row.currency), creditAccountId: `sys:escrow:${a.row.currency}`,
      amount, asset: a.row.currency, reference: `auction:${a.row.id}`,
    };
  }

  async applyBid(tx: Executor, a: Live, item: Extract<Item, { kind: 'bid' }>, nowMs: number, funds: Map<string, number> | null, bids: store.BidRow[], events: NewEvent[]): Promise<BidResult | Error> {
    const rules = store.rulesOf(a.row);
    const outcome = placeBid(rules, a.state, item.bidderId, item.maxMinor);
    if (outcome.kind === 'refused') return new AppError(outcome.code, `The least you may bid is ${outcome.minimumMinor}.`, { minimumBidMinor: outcome.minimumMinor });
    let holdId: string | null = null;
    if (outcome.kind === 'leading') {
      // The fast way never refuses on its own: funds read at the start may be short only because
      // another group has not committed a release yet, so a bid it cannot cover sends the group the exact way.
      if (funds && this.uncovered(a, item, funds)) throw new FundsMoved();
      const refusal = funds ? null : await this.holdNow(tx, a, item, outcome.previousLeaderId === item.bidderId);
      if (refusal) return new AppError('AUCTION_BID_NOT_COVERED', undefined, { reason: refusal });
      holdId = funds ? null : a.holdId;
    }
    // Only a bid that moves the price or the lead extends the end: a leader raising its hidden
    // maximum cannot keep an auction open by itself.
    const moved = outcome.state.priceMinor !== a.state.priceMinor || outcome.state.leaderId !== a.state.leaderId;
    a.state = outcome.state;
    if (moved) a.endsAtMs = extendedEnd(a.endsAtMs, nowMs, a.row.snipe_window_s, a.row.snipe_extend_s);
    a.dirty = true;
    const row: store.BidRow = { auctionId: a.row.id, seq: a.state.bidCount, id: item.id, bidderId: item.bidderId, maxMinor: item.maxMinor, outcome: outcome.kind, priceAfterMinor: a.state.priceMinor, leaderAfter: a.state.leaderId!, holdId, atMs: nowMs };
    bids.push(row);
    if (funds && outcome.kind === 'leading') a.lead = row;
    events.push({ aggregateType: 'auction', aggregateId: a.row.id, type: 'auction.bid', payload: { auctionId: a.row.id, priceMinor: a.state.priceMinor, bidCount: a.state.bidCount, leaderId: a.state.leaderId, previousLeaderId: outcome.kind === 'leading' ? outcome.previousLeaderId : null, endsAt: new Date(a.endsAtMs).toISOString() } });
    return { bidId: item.id, outcome: outcome.kind, priceMinor: a.state.priceMinor, minimumBidMinor: minimumBid(rules, a.state), endsAt: new Date(a.endsAtMs).toISOString() };
  }

  /**
   * The fast way's check, which plays the holds out in memory: `funds` starts as what each bidder
   * could spend at the start of the group; a new lead releases the hold the auction had (to its
   * holder) and takes the bidder's maximum. So a bidder outbid on one auction of the group can
   * spend that hold on another, as the exact way would allow. Null: covered (and the funds moved);
   * else the wallet's refusal it stands for (the caller then takes the exact way, which decides).
   */
  private uncovered(a: Live, item: Extract<Item, { kind: 'bid' }>, funds: Map<string, number>): string | null {
    const account = memberAccountId(item.bidderId, a.row.currency);
    const available = funds.get(account);
    if (available === undefined) return 'TRANSFER_DEBIT_ACCOUNT_NOT_FOUND';
    const held = a.virtualHold;
    const own = held?.bidderId === item.bidderId ? held.amount : 0;
    if (item.maxMinor > available + own) return 'TRANSFER_EXCEEDS_CREDITS';
    if (held) {
      const holder = memberAccountId(held.bidderId, a.row.currency);
      funds.set(holder, (funds.get(holder) ?? 0) + held.amount);
    }
    funds.set(account, funds.get(account)! - item.maxMinor);
    a.virtualHold = { bidderId: item.bidderId, amount: item.maxMinor };
    return null;
  }

  /**
   * The exact way: the new maximum is held at once. The leader raising its own trades its hold for
   * a larger one, both or neither (a savepoint); a new leader's hold comes first, then the displaced
   * leader's is voided. Null: held; else the wallet's refusal, and nothing changed.
   */
  private async holdNow(tx: Executor, a: Live, item: Extract<Item, { kind: 'bid' }>, raising: boolean): Promise<string | null> {
    const hold = this.holdOf(a, item.bidderId, item.maxMinor, holdIdOf(item.id));
    const own = raising && a.holdId !== null;
    const results = own ? await this.wallet.transferBatch(tx, [voidOf(a.holdId!), hold], true) : await this.wallet.transferBatch(tx, [hold], false);
    const refused = results.find((r) => r.result !== 'created');
    if (refused) return refused.result;
    if (!own && a.holdId) await this.voidHold(tx, a.holdId);
    a.holdId = hold.id;
    return null;
  }

  /**
   * A sealed bid: at least the start price, and above the bidder's own standing bid, which it
   * replaces; held at once (the old hold traded for the new one, both or neither). Nothing about
   * other bids is told: the price stays the start price until the close.
   */
  async applySealedBid(tx: Executor, a: Live, item: Extract<Item, { kind: 'bid' }>, nowMs: number, bids: store.BidRow[], events: NewEvent[]): Promise<BidResult | Error> {
    const standing = await store.sealedBidOf(tx, a.row.id, item.bidderId);
    const minimum = standing ? standing.amountMinor + 1 : a.row.start_price_minor;
    if (item.maxMinor < minimum) return new AppError('AUCTION_BID_TOO_LOW', `The least you may bid is ${minimum}.`, { minimumBidMinor: minimum });
    const hold = this.holdOf(a, item.bidderId, item.maxMinor, holdIdOf(item.id));
    const results = standing ? await this.wallet.transferBatch(tx, [voidOf(standing.holdId), hold], true) : await this.wallet.transferBatch(tx, [hold], false);
    const refused = results.find((r) => r.result !== 'created');
    if (refused) return new AppError('AUCTION_BID_NOT_COVERED', undefined, { reason: refused.result });
    a.state = { ...a.state, bidCount: a.state.bidCount + 1 };
    a.dirty = true;
    await store.putSealedBid(tx, a.row.id, { bidderId: item.bidderId, amountMinor: item.maxMinor, seq: a.state.bidCount, holdId: hold.id });
    bids.push({ auctionId: a.row.id, seq: a.state.bidCount, id: item.id, bidderId: item.bidderId, maxMinor: item.maxMinor, outcome: 'sealed', priceAfterMinor: a.row.start_price_minor, leaderAfter: item.bidderId, holdId: hold.id, atMs: nowMs });
    events.push({ aggregateType: 'auction', aggregateId: a.row.id, type: 'auction.bid', payload: { auctionId: a.row.id, bidCount: a.state.bidCount, sealed: true } });
    return { bidId: item.id, outcome: 'sealed', priceMinor: a.row.start_price_minor, minimumBidMinor: item.maxMinor + 1, endsAt: new Date(a.endsAtMs).toISOString() };
  }

  private async transfer(tx: Executor, t: TransferRequest): Promise<string> {
    const [r] = await this.wallet.transferBatch(tx, [t], false);
    return r!.result;
  }

  async voidHold(tx: Executor, holdId: string): Promise<void> {
    const result = await this.transfer(tx, voidOf(holdId));
    if (result !== 'created' && result !== 'exists') throw new Error(`voiding hold ${holdId} was refused: ${result}`);
  }
}
