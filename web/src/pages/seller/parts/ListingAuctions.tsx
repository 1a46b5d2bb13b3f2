import { useState } from 'react';
import { Link } from 'wouter';
import { ErrorNote, Loading } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { AuctionStarter } from './AuctionStarter';
import { AuctionStateBadge, useSellerAuctions } from './auctions';
import { formatDate, linkClass, Saved, type Listing } from './common';

/** This listing's auctions, each linking to its page, and the form to start one while none is open. */
export function ListingAuctions({ listing }: { listing: Listing }) {
  const query = useSellerAuctions({ listingId: listing.id });
  const [started, setStarted] = useState(false);
  if (query.isPending) return <Loading what="Loading this listing's auctions" />;
  if (query.error) return <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
  const auctions = query.data.pages.flatMap((p) => p.items);
  const open = auctions.some((a) => a.state === 'open');
  return (
    <div>
      {started && <Saved>Auction started.</Saved>}
      {auctions.length > 0 && (
        <ul className="mb-4 space-y-2">
          {auctions.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2 text-sm">
              <AuctionStateBadge auction={a} />
              <span>{formatMoney(a.priceMinor, a.currency)} · {a.bidCount} {a.bidCount === 1 ? 'bid' : 'bids'} · {a.state === 'open' ? 'ends' : 'ended'} {formatDate(a.closedAt ?? a.endsAt)}</span>
              <Link href={`/auctions/${a.id}`} className={linkClass}>Open the auction</Link>
            </li>
          ))}
        </ul>
      )}
      {open ? <p className="text-sm text-slate-600">A listing has one open auction at a time.</p>
        : listing.state !== 'active' ? <p className="text-sm text-slate-600">Publish the listing to auction it.</p>
        : <AuctionStarter listing={listing} onStarted={() => setStarted(true)} />}
    </div>
  );
}
