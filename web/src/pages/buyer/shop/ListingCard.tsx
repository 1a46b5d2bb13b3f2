import { Link } from 'wouter';
import { Card } from '../../../ui/kit';
import { km, PriceTag, SellerLine } from './bits';
import type { ListingItem } from './types';

const CONDITION: Record<string, string> = { new: 'New', like_new: 'Like new', good: 'Good', fair: 'Fair', for_parts: 'For parts' };
export const conditionLabel = (c: string) => CONDITION[c] ?? c;

/** One search result: a link to the listing, its price (with any surge), seller rating and distance. */
export function ListingCard({ listing, showDistance }: { listing: ListingItem; showDistance: boolean }) {
  const image = listing.images.find((u) => u.startsWith('https://'));
  return (
    <li>
      <Card className="flex h-full gap-3">
        {image && <img src={image} alt="" loading="lazy" referrerPolicy="no-referrer" className="h-20 w-20 shrink-0 rounded-md bg-slate-100 object-cover" />}
        <div className="min-w-0 flex-1 space-y-1">
          <h2 className="text-base font-semibold">
            <Link href={`/listings/${listing.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{listing.title}</Link>
          </h2>
          <PriceTag listing={listing} />
          <p className="text-sm text-slate-600">
            {listing.category} · {conditionLabel(listing.condition)} · {listing.quantity} left
            {showDistance && listing.distanceKm !== undefined && <> · <span>{km(listing.distanceKm)} away</span></>}
          </p>
          <SellerLine sellerId={listing.sellerId} />
        </div>
      </Card>
    </li>
  );
}
