import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge } from '../../../ui/kit';
import type { Auction } from './common';
import { api, must } from '../../../api/client';

/** The seller's own auctions, newest first; only a listing's with `listingId`. */
export function useSellerAuctions({ state, listingId }: { state?: 'open' | 'closed'; listingId?: string } = {}) {
  return useInfiniteQuery({
    queryKey: ['seller-auctions', state ?? 'all', listingId ?? 'any'],
    queryFn: ({ pageParam }) => must(api.GET('/v1/auctions', { params: { query: { as: 'seller', state, listingId, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const OUTCOMES: Record<NonNullable<Auction['outcome']>, string> = { sold: 'Sold', bought_now: 'Bought now', no_bids: 'No bids', reserve_not_met: 'Reserve not met' };

export function AuctionStateBadge({ auction }: { auction: Auction }) {
  if (auction.state === 'open') return <Badge tone="green">Open</Badge>;
  return <Badge tone={auction.outcome === 'sold' || auction.outcome === 'bought_now' ? 'indigo' : 'slate'}>Closed{auction.outcome ? `: ${OUTCOMES[auction.outcome]}` : ''}</Badge>;
}

export const KIND_LABELS: Record<Auction['kind'], string> = { english: 'English', sealed_first: 'Sealed, first price', sealed_second: 'Sealed, second price' };
