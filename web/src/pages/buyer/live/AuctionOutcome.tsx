import { Link } from 'wouter';
import { soldOutcome } from '../../../ui/auctions';
import { formatMoney } from '../../../ui/money';
import type { Auction } from './BidForm';

/** How a closed auction ended, from the viewer's side: won, sold to someone else, or not sold. */
export function AuctionOutcome({ auction, isSeller, won }: { auction: Auction; isSeller: boolean; won: boolean }) {
  const price = formatMoney(auction.priceMinor, auction.currency);
  const sold = soldOutcome(auction.outcome);
  const sealed = auction.kind !== 'english';
  let text: string;
  if (!sold) {
    text = auction.outcome === 'reserve_not_met'
      ? 'This auction has ended. The reserve was not met, so nothing was sold.'
      : 'This auction has ended without bids.';
  } else if (won) {
    text = auction.outcome === 'bought_now' ? `You bought it now for ${price}.` : `You won this auction for ${price}.`;
  } else if (isSeller) {
    text = auction.outcome === 'bought_now' ? `Bought now for ${price}.` : `Sold for ${price}.`;
  } else {
    text = auction.outcome === 'bought_now' ? `Another buyer bought it now for ${price}.` : `This auction has ended: another bidder won it for ${price}.`;
  }
  return (
    <div role="status" className={`rounded-md border px-3 py-3 ${won ? 'border-green-300 bg-green-50 text-green-900' : 'border-slate-300 bg-slate-50 text-slate-800'}`}>
      <h2 className="font-semibold">{sealed ? 'The result' : 'Ended'}</h2>
      <p>{text}</p>
      {sealed && auction.yourMaxMinor !== null && !isSeller && (
        <p className="text-sm">Your sealed bid was {formatMoney(auction.yourMaxMinor, auction.currency)}.</p>
      )}
      {auction.orderId && (
        <Link href={`/orders/${auction.orderId}`} className="mt-1 inline-block text-indigo-700 underline">
          {isSeller ? 'View the order' : 'View your order'}
        </Link>
      )}
    </div>
  );
}
