import type { Json } from '../api/client';

/** Auction kinds and outcomes in words, one way across the site (docs/auctions.md). */

type Auction = Json<'/v1/auctions/{id}', 'get'>;
export type AuctionKind = Auction['kind'];
export type AuctionOutcome = NonNullable<Auction['outcome']>;

/** Short names, for badges and tables. */
export const AUCTION_KIND_LABELS: Record<AuctionKind, string> = {
  english: 'English',
  sealed_first: 'Sealed, first price',
  sealed_second: 'Sealed, second price',
};

/** What each kind means, for a seller choosing one. */
export const AUCTION_KIND_DESCRIPTIONS: Record<AuctionKind, string> = {
  english: 'English (open bids, highest wins)',
  sealed_first: 'Sealed bids, first price (winner pays own bid)',
  sealed_second: 'Sealed bids, second price (winner pays the second-highest bid)',
};

export const AUCTION_KINDS = Object.keys(AUCTION_KIND_LABELS) as AuctionKind[];

export const AUCTION_OUTCOME_LABELS: Record<AuctionOutcome, string> = {
  sold: 'Sold',
  bought_now: 'Bought now',
  no_bids: 'No bids',
  reserve_not_met: 'Reserve not met',
};

/** Whether the auction ended in a sale (by bids or by buy-now). */
export const soldOutcome = (outcome: Auction['outcome'] | undefined) => outcome === 'sold' || outcome === 'bought_now';

/** A closed auction's outcome as a label ("Closed: Sold"), or the open state. */
export function auctionStateLabel(a: { state: Auction['state']; outcome?: Auction['outcome'] }): string {
  if (a.state === 'open') return 'Open';
  return a.outcome ? `Closed: ${AUCTION_OUTCOME_LABELS[a.outcome]}` : 'Closed';
}
