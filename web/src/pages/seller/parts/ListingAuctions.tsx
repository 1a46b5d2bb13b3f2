import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { formatDateTime, plural } from '../../../ui/format';
import { ErrorNote, Loading } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { LoadMore } from '../../../ui/paging';
import { AuctionStateBadge, useSellerAuctions } from './auctions';
import { AuctionStarter } from './AuctionStarter';
import { linkClass, Saved, useFocusWhen, type Listing } from './common';

/** This listing's auctions, each linking to its page, and the form to start one while none is open. */
export function ListingAuctions({ listing }: { listing: Listing }) {
  const auctions = useSellerAuctions({ listingId: listing.id });
  const [started, setStarted] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  const open = auctions.items.some((a) => a.state === 'open');
  // Starting replaces the form (and its button) with the new auction: focus goes to the line saying so.
  useFocusWhen(started && open, status);
  if (auctions.isPending) return <Loading what="Loading this listing's auctions" />;
  if (auctions.items.length === 0 && auctions.error) return <ErrorNote error={auctions.error} onRetry={() => void auctions.refetch()} />;
  return (
    <div>
      <Saved ref={status}>{started ? 'Auction started.' : ''}</Saved>
      {auctions.items.length > 0 && (
        <ul className="mb-4 space-y-2">
          {auctions.items.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2 text-sm">
              <AuctionStateBadge auction={a} />
              <span>{formatMoney(a.priceMinor, a.currency)} · {plural(a.bidCount, 'bid')} · {a.state === 'open' ? 'ends' : 'ended'} {formatDateTime(a.closedAt ?? a.endsAt)}</span>
              <Link href={`/auctions/${a.id}`} className={linkClass}>
                Open the auction<span className="sr-only"> {a.state === 'open' ? 'ending' : 'that ended'} {formatDateTime(a.closedAt ?? a.endsAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <LoadMore paged={auctions} label="More auctions" />
      {open ? <p className="text-sm text-slate-600">A listing has one open auction at a time.</p>
        : listing.state !== 'active' ? <p className="text-sm text-slate-600">Publish the listing to auction it.</p>
        : <AuctionStarter listing={listing} onStarted={() => setStarted(true)} />}
    </div>
  );
}
