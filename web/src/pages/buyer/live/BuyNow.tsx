import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import type { Auction } from './BidForm';

/**
 * Buy at the buy-now price (after a confirmation): the auction ends and the wallet pays at once.
 * Focus: "Buy now" moves it to "Confirm purchase"; Cancel (or Escape) brings it back to "Buy now";
 * after the purchase it goes to the sentence saying so.
 */
export function BuyNow({ auction, onBought }: { auction: Auction; onBought: () => void }) {
  const [asking, setAsking] = useState(false);
  const refocus = useRef(false);
  const askButton = useRef<HTMLDivElement>(null);
  const boughtNote = useRef<HTMLDivElement>(null);
  const inFlight = useRef(false);
  const buy = useMutation({
    mutationFn: () => must(api.POST('/v1/auctions/{id}/buy-now', { params: { path: { id: auction.id } } })),
    onSuccess: () => {
      setAsking(false);
      onBought();
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });

  useEffect(() => {
    if (buy.data) boughtNote.current?.focus();
  }, [buy.data]);
  useEffect(() => {
    if (asking || !refocus.current) return;
    refocus.current = false;
    askButton.current?.querySelector('button')?.focus();
  });

  const cancel = () => {
    if (buy.isPending) return;
    refocus.current = true;
    setAsking(false);
  };
  const confirm = () => {
    if (inFlight.current) return;
    inFlight.current = true;
    buy.mutate();
  };

  if (buy.data) {
    return (
      <div ref={boughtNote} tabIndex={-1} role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
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
        <div ref={askButton} className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => setAsking(true)}>Buy now</Button>
          <span className="text-sm text-slate-700">for {price}, ending the auction at once.</span>
        </div>
      ) : (
        <div role="group" aria-labelledby="buy-now-question" className="rounded-md border border-amber-300 bg-amber-50 p-3"
          onKeyDown={(e) => { if (e.key === 'Escape') cancel(); }}>
          <p id="buy-now-question" className="mb-2 text-sm text-amber-950">Buy it now for {price}? The auction ends and your wallet pays at once.</p>
          <div className="flex flex-wrap gap-2">
            <Button autoFocus onClick={confirm} {...busyProps(buy.isPending)}>{buy.isPending ? 'Buying…' : 'Confirm purchase'}</Button>
            <Button variant="secondary" onClick={cancel} {...busyProps(buy.isPending)}>Cancel</Button>
          </div>
        </div>
      )}
      <ErrorNote error={buy.error} />
    </div>
  );
}
