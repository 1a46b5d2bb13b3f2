import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, must } from '../../../api/client';
import { Card } from '../../../ui/kit';
import { formatDateTime } from '../../../ui/format';
import { formatMoney } from '../../../ui/money';

/** The listing's open auction, if it has one the viewer may see: a link to bid (or, for its seller, to watch). */
export function AuctionLink({ listingId, own }: { listingId: string; own: boolean }) {
  const auctions = useQuery({
    queryKey: ['auctions', 'listing', listingId],
    queryFn: () => must(api.GET('/v1/auctions', { params: { query: { listingId, state: 'open', limit: 1 } } })),
    retry: false,
  });
  const auction = auctions.data?.items[0];
  if (!auction) return null;
  const sealed = auction.kind !== 'english';
  return (
    <Card className="space-y-2 border-indigo-200">
      <h2 className="text-lg font-semibold">{sealed ? 'Sealed-bid auction' : 'Auction'}</h2>
      <p className="text-sm text-slate-700">
        {sealed ? `Starts at ${formatMoney(auction.startPriceMinor, auction.currency)}` : `Now ${formatMoney(auction.priceMinor, auction.currency)}`}
        {' · '}{auction.bidCount === 1 ? '1 bid' : `${auction.bidCount} bids`} · ends {formatDateTime(auction.endsAt)}
      </p>
      <Link href={`/auctions/${auction.id}`} className="inline-block font-medium text-indigo-700 underline">
        {own ? 'View the auction' : 'Bid in the auction'}
      </Link>
    </Card>
  );
}
