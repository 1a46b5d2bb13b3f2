import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../../api/client';
import { Button, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import type { Auction } from './BidForm';

/** Buy at the buy-now price (after a confirmation): the auction ends and the wallet pays at once. */
export function BuyNow({ auction, onBought }: { auction: Auction; onBought: () => void }) {
  const [asking, setAsking] = useState(false);
  const buy = useMutation({
    mutationFn: () => must(api.POST('/v1/auctions/{id}/buy-now', { params: { path: { id: auction.id } } })),
    onSuccess: () => {
      setAsking(false);
      onBought();
    },
  });
  if (buy.data) {
    return (
      <div role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        <p className="font-semibold">You bought it for {formatMoney(buy.data.priceMinor, auction.currency)}.</p>
        <Link href={`/orders/${buy.data.orderId}`} className="text-indigo-700 underline">View your order</Link>
      </div>
    );
  }
  if (auction.buyNowMinor === null) return null;
  const price = formatMoney(auction.buyNowMinor, auction.currency);
  return (
    <div className="space-y-2">
      <h2 className="text-lg font-semibold">Buy it now</h2>
      {!asking ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => setAsking(true)}>Buy now</Button>
          <span className="text-sm text-slate-700">for {price}, ending the auction at once.</span>
        </div>
      ) : (
        <div role="group" aria-labelledby="buy-now-question" className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p id="buy-now-question" className="mb-2 text-sm text-amber-950">Buy it now for {price}? The auction ends and your wallet pays at once.</p>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => buy.mutate()} disabled={buy.isPending}>Confirm purchase</Button>
            <Button variant="secondary" onClick={() => setAsking(false)} disabled={buy.isPending}>Cancel</Button>
          </div>
        </div>
      )}
      <ErrorNote error={buy.error} />
    </div>
  );
}
