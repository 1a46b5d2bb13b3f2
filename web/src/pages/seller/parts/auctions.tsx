import { api, must } from '../../../api/client';
import { auctionStateLabel, soldOutcome } from '../../../ui/auctions';
import { Badge } from '../../../ui/kit';
import { usePaged } from '../../../ui/paging';
import type { Auction } from './common';

/** The seller's own auctions, newest first; only a listing's with `listingId`. */
export function useSellerAuctions({ state, listingId }: { state?: 'open' | 'closed'; listingId?: string } = {}) {
  return usePaged({
    queryKey: ['seller-auctions', state ?? 'all', listingId ?? 'any'],
    page: (cursor) => must(api.GET('/v1/auctions', { params: { query: { as: 'seller', state, listingId, limit: 50, cursor } } })),
  });
}

export function AuctionStateBadge({ auction }: { auction: Auction }) {
  const tone = auction.state === 'open' ? 'green' : soldOutcome(auction.outcome) ? 'indigo' : 'slate';
  return <Badge tone={tone}>{auctionStateLabel(auction)}</Badge>;
}
