import { Badge } from '../../../ui/kit';
import { useSeller } from '../../../ui/members';
import { formatMoney } from '../../../ui/money';

/** The price a buyer pays now; with a surge, the stored price struck through and the reason. */
export function PriceTag({ listing, showReason = false }: { listing: { priceMinor: number; currency: string; surge: { priceMinor: number; multiplierBp: number; reason: string } | null }; showReason?: boolean }) {
  const { surge } = listing;
  if (!surge) return <span className="font-semibold">{formatMoney(listing.priceMinor, listing.currency)}</span>;
  return (
    <span className="inline-flex flex-col">
      <span className="flex flex-wrap items-baseline gap-2">
        <span className="font-semibold">{formatMoney(surge.priceMinor, listing.currency)}</span>
        <s className="text-sm text-slate-500" aria-label={`usually ${formatMoney(listing.priceMinor, listing.currency)}`}>{formatMoney(listing.priceMinor, listing.currency)}</s>
        <Badge tone="amber">Surge ×{(surge.multiplierBp / 10_000).toFixed(2)}</Badge>
      </span>
      {showReason
        ? <span className="mt-1 text-sm text-amber-900">{surge.reason}</span>
        : <span className="mt-1 text-xs text-amber-900">{surge.reason}</span>}
    </span>
  );
}

export function stars(average: number | null, count: number): string {
  if (average === null || count === 0) return 'No ratings yet';
  return `★ ${average.toFixed(1)} (${count} ${count === 1 ? 'rating' : 'ratings'})`;
}

/** The seller's name and rating, fetched once per seller and shared by every card (`name`: shown until then, when known). */
export function SellerLine({ sellerId, name }: { sellerId: string; name?: string }) {
  const seller = useSeller(sellerId);
  if (!seller.data) return <span className="text-sm text-slate-500">{name ?? (seller.isPending ? 'Seller…' : 'Seller')}</span>;
  return (
    <span className="text-sm text-slate-600">
      {seller.data.displayName} · <span aria-label={seller.data.rating.average === null ? 'No ratings yet' : `Rated ${seller.data.rating.average.toFixed(1)} out of 5`}>{stars(seller.data.rating.average, seller.data.rating.count)}</span>
    </span>
  );
}

export const km = (d: number) => (d < 1 ? `${Math.round(d * 1000)} m` : `${d < 10 ? d.toFixed(1) : Math.round(d)} km`);
