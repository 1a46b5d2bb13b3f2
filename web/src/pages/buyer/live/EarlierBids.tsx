import { useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { formatDateTime } from '../../../ui/format';
import { formatMoney } from '../../../ui/money';

/**
 * The bids placed before the page opened (GET /v1/auctions/{id}/bids: prices and which were
 * yours; bidders stay anonymous), newest first, folded away under their count.
 */
export function EarlierBids({ auctionId, upToSeq, currency }: { auctionId: string; upToSeq: number; currency: string }) {
  const bids = useQuery({ queryKey: ['auction', auctionId, 'bids', upToSeq], queryFn: () => must(api.GET('/v1/auctions/{id}/bids', { params: { path: { id: auctionId } } })) });
  const earlier = (bids.data?.items ?? []).filter((b) => b.seq <= upToSeq).reverse();
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-700">{upToSeq} {upToSeq === 1 ? 'bid was' : 'bids were'} placed before you opened this page</summary>
      {bids.isPending && <p role="status" className="px-3 py-2 text-slate-600">Loading…</p>}
      {bids.error && <p role="alert" className="px-3 py-2 text-red-800">The earlier bids could not be loaded.</p>}
      {earlier.length > 0 && (
        <ol aria-label="Earlier bids" className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {earlier.map((b) => (
            <li key={b.seq} className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-2">
              <span>Bid {b.seq} · price <strong>{formatMoney(b.priceAfterMinor, currency)}</strong>{b.yours ? ' · yours' : ''}</span>
              <time dateTime={b.at} className="text-xs text-slate-600">{formatDateTime(b.at, { seconds: true })}</time>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
