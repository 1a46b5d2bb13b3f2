/**
 * The English auction's rules, without I/O: what a bid does to an auction's state. The service
 * applies bids one after the other under the auction's row lock, so these rules see every bid in
 * the order the database serialised them; the tests replay the accepted bids through a separate
 * reference model and compare.
 *
 * Proxy bidding (as eBay's): a bid names the most the bidder will pay; the price is the lowest
 * that keeps the highest maximum ahead of the second, one increment above it, capped at that
 * maximum. A tie goes to the earlier bid. A hidden reserve: once a maximum reaches it, the price
 * rises to it.
 */

export interface Increment {
  fromMinor: number;
  incrementMinor: number;
}

/** Used when the seller gives none: bands of the price, in minor units. */
export const DEFAULT_INCREMENTS: Increment[] = [
  { fromMinor: 0, incrementMinor: 100 },
  { fromMinor: 10_000, incrementMinor: 500 },
  { fromMinor: 100_000, incrementMinor: 2_500 },
  { fromMinor: 1_000_000, incrementMinor: 10_000 },
];

export interface AuctionRules {
  startPriceMinor: number;
  reserveMinor: number | null;
  increments: Increment[];
}

export interface AuctionState {
  /** The price a winner would pay now; the start price before the first bid. */
  priceMinor: number;
  leaderId: string | null;
  /** The leader's maximum (never shown to others). */
  leaderMaxMinor: number | null;
  bidCount: number;
}

export type BidOutcome =
  /** The bidder leads (a new leader, or the leader raising its maximum). */
  | { kind: 'leading'; state: AuctionState; previousLeaderId: string | null }
  /** Accepted, but another maximum is at least as high: the price rose, the leader stays. */
  | { kind: 'outbid'; state: AuctionState }
  | { kind: 'refused'; code: 'AUCTION_BID_TOO_LOW'; minimumMinor: number };

/** The increment at a price: the band it falls in (bands sorted by fromMinor, the first from 0). */
export function incrementAt(increments: readonly Increment[], priceMinor: number): number {
  let inc = increments[0]!.incrementMinor;
  for (const band of increments) if (priceMinor >= band.fromMinor) inc = band.incrementMinor;
  return inc;
}

/** The least a new bidder (not the leader) may bid now. */
export function minimumBid(rules: AuctionRules, s: AuctionState): number {
  return s.leaderId === null ? rules.startPriceMinor : s.priceMinor + incrementAt(rules.increments, s.priceMinor);
}

/** With the reserve reached by the leader's maximum, the price is at least the reserve. */
function withReserve(rules: AuctionRules, price: number, leaderMax: number): number {
  return rules.reserveMinor !== null && leaderMax >= rules.reserveMinor ? Math.max(price, rules.reserveMinor) : price;
}

export function placeBid(rules: AuctionRules, s: AuctionState, bidderId: string, maxMinor: number): BidOutcome {
  const count = s.bidCount + 1;
  if (s.leaderId === bidderId) {
    // The leader raises its own maximum: the price moves only to meet the reserve.
    if (maxMinor <= s.leaderMaxMinor!) return { kind: 'refused', code: 'AUCTION_BID_TOO_LOW', minimumMinor: s.leaderMaxMinor! + 1 };
    return { kind: 'leading', previousLeaderId: bidderId, state: { ...s, leaderMaxMinor: maxMinor, priceMinor: withReserve(rules, s.priceMinor, maxMinor), bidCount: count } };
  }
  const minimum = minimumBid(rules, s);
  if (maxMinor < minimum) return { kind: 'refused', code: 'AUCTION_BID_TOO_LOW', minimumMinor: minimum };
  if (s.leaderId === null) {
    return { kind: 'leading', previousLeaderId: null, state: { priceMinor: withReserve(rules, rules.startPriceMinor, maxMinor), leaderId: bidderId, leaderMaxMinor: maxMinor, bidCount: count } };
  }
  const leaderMax = s.leaderMaxMinor!;
  if (maxMinor <= leaderMax) {
    // The leader's proxy answers: one increment above the new bid, at most its maximum.
    const price = Math.min(leaderMax, maxMinor + incrementAt(rules.increments, maxMinor));
    return { kind: 'outbid', state: { ...s, priceMinor: withReserve(rules, Math.max(s.priceMinor, price), leaderMax), bidCount: count } };
  }
  const price = Math.min(maxMinor, leaderMax + incrementAt(rules.increments, leaderMax));
  return { kind: 'leading', previousLeaderId: s.leaderId, state: { priceMinor: withReserve(rules, Math.max(s.priceMinor, price), maxMinor), leaderId: bidderId, leaderMaxMinor: maxMinor, bidCount: count } };
}

/** Anti-sniping: a bid within the last `windowS` seconds moves the end to `extendS` seconds after it. */
export function extendedEnd(endsAtMs: number, bidAtMs: number, windowS: number, extendS: number): number {
  return windowS > 0 && bidAtMs >= endsAtMs - windowS * 1000 ? Math.max(endsAtMs, bidAtMs + extendS * 1000) : endsAtMs;
}

/** How an auction ends: sold to the leader at the price, or not (no bids, or the reserve not met). */
export function outcomeOf(rules: AuctionRules, s: AuctionState): 'sold' | 'no_bids' | 'reserve_not_met' {
  if (s.leaderId === null) return 'no_bids';
  if (rules.reserveMinor !== null && s.priceMinor < rules.reserveMinor) return 'reserve_not_met';
  return 'sold';
}

export type AuctionKind = 'english' | 'sealed_first' | 'sealed_second';

export interface SealedBid {
  bidderId: string;
  amountMinor: number;
  seq: number;
}

/**
 * A sealed auction's result: the highest bid wins (the earlier on a tie); first-price pays its own
 * bid, second-price the second-highest bid (the start price when alone), never below the reserve.
 * No sale if the highest bid is below the reserve.
 */
export function sealedResult(kind: 'sealed_first' | 'sealed_second', rules: AuctionRules, bids: readonly SealedBid[]):
  { outcome: 'sold'; winnerId: string; priceMinor: number } | { outcome: 'no_bids' | 'reserve_not_met' } {
  if (bids.length === 0) return { outcome: 'no_bids' };
  const ranked = [...bids].sort((a, b) => b.amountMinor - a.amountMinor || a.seq - b.seq);
  const top = ranked[0]!;
  if (rules.reserveMinor !== null && top.amountMinor < rules.reserveMinor) return { outcome: 'reserve_not_met' };
  const second = ranked[1]?.amountMinor ?? rules.startPriceMinor;
  const price = kind === 'sealed_first' ? top.amountMinor : Math.max(second, rules.reserveMinor ?? 0, rules.startPriceMinor);
  return { outcome: 'sold', winnerId: top.bidderId, priceMinor: Math.min(price, top.amountMinor) };
}
