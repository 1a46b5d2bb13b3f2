import type { Auction } from './BidForm';
import type { AuctionSnapshot } from './useAuctionStream';

/**
 * The auction as last read, brought up to date by the live stream: the stream's price, bid count,
 * end and state win when they are newer (more bids, or closed). The rest (least next bid, reserve,
 * buy-now) is read again after every change, so it follows a moment later.
 */
export function merge(data: Auction, live: AuctionSnapshot | null): Auction {
  // Once the read says closed it is the truth (a buy-now's close is streamed with the price before it).
  if (!live || live.bidCount < data.bidCount || data.state === 'closed') return data;
  const newer = live.bidCount > data.bidCount || (live.state === 'closed' && data.state === 'open');
  const leading = data.kind === 'english' && live.leading;
  if (!newer) return { ...data, leading };
  const closed = live.state === 'closed';
  return {
    ...data,
    priceMinor: live.priceMinor, bidCount: live.bidCount, endsAt: live.endsAt, state: live.state,
    outcome: (live.outcome as Auction['outcome']) ?? data.outcome, leading,
    ...(closed ? { minimumBidMinor: null, buyNowMinor: null } : {}),
  };
}
