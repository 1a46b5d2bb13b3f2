import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Badge } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import type { Auction } from './BidForm';
import { Countdown } from './Countdown';

const spell = (s: number) => (s % 60 === 0 ? `${s / 60} min` : s > 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`);

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 py-2 last:border-0">
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

/** The auction as it stands (merged with the live stream by the page). */
export function AuctionFacts({ auction, isSeller }: { auction: Auction; isSeller: boolean }) {
  const money = (n: number) => formatMoney(n, auction.currency);
  const open = auction.state === 'open';
  const sealed = auction.kind !== 'english';
  const priceTerm = sealed ? (open ? 'Starting price' : 'Winning price') : open ? 'Current price' : 'Final price';
  const leader = !open ? null
    : sealed ? 'Hidden until the close'
    : auction.bidCount === 0 ? 'No bids yet'
    : isSeller ? null
    : auction.leading ? <Badge tone="green">You are leading</Badge>
    : <Badge tone="amber">Another bidder leads</Badge>;
  const { windowS, extendS } = auction.antiSniping;
  return (
    <div>
      <div className="mb-3">
        <p className="text-sm text-slate-600">{priceTerm}</p>
        {/* Not announced: the bid history below announces each new bid once. */}
        <output aria-label={sealed && open ? 'Starting price' : 'Current price'} aria-live="off" className="block text-3xl font-bold tabular-nums text-slate-900">
          {money(auction.priceMinor)}
        </output>
      </div>
      <Countdown endsAt={open ? auction.endsAt : auction.closedAt ?? auction.endsAt} open={open} />
      <dl className="mt-3">
        {leader !== null && <Fact term="Leader">{leader}</Fact>}
        <Fact term="Bids">{auction.bidCount}</Fact>
        {open && auction.minimumBidMinor !== null && !isSeller && (
          <Fact term={sealed && auction.yourMaxMinor !== null ? 'Minimum raised bid' : 'Minimum next bid'}>{money(auction.minimumBidMinor)}</Fact>
        )}
        {auction.yourMaxMinor !== null && <Fact term={sealed ? 'Your sealed bid' : 'Your maximum'}>{money(auction.yourMaxMinor)}</Fact>}
        <Fact term="Reserve">
          {auction.reserve === null ? 'No reserve'
            : auction.reserve.met ? <Badge tone="green">Reserve met</Badge>
            : sealed && open ? 'Checked at the close'
            : <Badge tone="slate">Reserve not met yet</Badge>}
          {auction.reserve?.reserveMinor !== undefined && <span className="ml-2 text-sm text-slate-600">({money(auction.reserve.reserveMinor)}, only you see this)</span>}
        </Fact>
        {auction.buyNowMinor !== null && <Fact term="Buy-now price">{money(auction.buyNowMinor)}</Fact>}
        {sealed && <Fact term="Winner pays">{auction.kind === 'sealed_first' ? 'Their own bid' : 'The second-highest bid'}</Fact>}
        <Fact term="Listing"><Link href={`/listings/${auction.listingId}`} className="text-indigo-700 underline">View the listing</Link></Fact>
      </dl>
      {!sealed && open && windowS > 0 && extendS > 0 && (
        <p className="mt-2 text-xs text-slate-600">
          Anti-sniping: a bid in the last {spell(windowS)} moves the end to {spell(extendS)} after it.
        </p>
      )}
    </div>
  );
}
