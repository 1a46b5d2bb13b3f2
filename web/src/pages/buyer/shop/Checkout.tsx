import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { MY_COUPONS_KEY } from '../../../ui/coupons';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { Button, Card, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import type { Order, Quote } from './types';

interface Props {
  quote: Quote | undefined;
  /** The quote is being refreshed or refused: paying waits. */
  blocked: boolean;
  /** The quote was refused: the cart needs a change before it can be priced. */
  refused: boolean;
  couponId: string;
  codes: string[];
  onOrdered: () => void;
  /** A card order waits for its payment: the page shows the card form. */
  onCardOrder: (order: Order) => void;
  onStale: () => void;
}

/** The totals and the two ways to pay; a card order then goes through the test card form. */
export function Checkout({ quote, blocked, refused, couponId, codes, onOrdered, onCardOrder, onStale }: Props) {
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const keys = useIdempotencyKey();
  const inFlight = useRef(false);

  // One key per checkout: kept after a lost answer (pressing Pay again is the same order), new
  // once the answer came or the cart (the body) changed. See ui/idempotency.ts.
  const pay = useMutation({
    mutationFn: (payment: 'wallet' | 'card') => {
      const body = {
        lines: quote!.lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity, expectedUnitPriceMinor: l.unitPriceMinor })),
        payment,
        ...(couponId ? { couponId } : {}),
        ...(codes.length ? { couponCodes: codes } : {}),
      };
      return keys.run(body, (key) => must(api.POST('/v1/orders', { body, headers: { 'Idempotency-Key': key } })));
    },
    onSuccess: (order) => {
      const listings = new Set(order.lines.map((l) => l.listingId));
      void client.invalidateQueries({
        predicate: ({ queryKey: [head, id] }) => ['orders', 'wallet', 'listings', 'my-listings', MY_COUPONS_KEY[0]].includes(head as string)
          || (head === 'listing' && listings.has(id as string)),
      });
      if (order.state === 'pending_payment') {
        onCardOrder(order);
      } else {
        onOrdered();
        navigate(`/orders/${order.id}`);
      }
    },
    onError: (err) => {
      if (err instanceof ApiError && ['ORDER_PRICE_CHANGED', 'ORDER_PROMOTIONS_CHANGED', 'ORDER_OUT_OF_STOCK', 'LISTING_NOT_FOUND'].includes(err.code)) onStale();
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const unavailable = !quote || blocked || pay.isPending;
  const start = (payment: 'wallet' | 'card') => {
    if (unavailable || inFlight.current) return;
    inFlight.current = true;
    pay.mutate(payment);
  };

  const currency = quote?.currency ?? 'COIN';
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">Total</h2>
      {quote ? (
        <dl className="space-y-1 text-sm">
          <Row label="Subtotal" value={formatMoney(quote.subtotalMinor, currency)} />
          {quote.discountMinor > 0 && <Row label="Discount" value={`−${formatMoney(quote.discountMinor, currency)}`} tone="text-green-800" />}
          <Row label="To pay" value={formatMoney(quote.totalMinor, currency)} strong />
          {quote.cashbackCoins > 0 && <Row label="Cashback" value={`${formatMoney(quote.cashbackCoins, 'COIN')} when you complete the order`} tone="text-green-800" />}
        </dl>
      ) : (
        <p className="text-sm text-slate-600">{refused ? 'Fix the problem with your cart to see the total.' : 'Pricing your cart…'}</p>
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button {...busyProps(unavailable)} onClick={() => start('wallet')}>
          {pay.isPending && pay.variables === 'wallet' ? 'Paying…' : 'Pay with coins'}
        </Button>
        <Button variant="secondary" {...busyProps(unavailable)} onClick={() => start('card')}>
          {pay.isPending && pay.variables === 'card' ? 'Starting…' : 'Pay by card'}
        </Button>
      </div>
      <p className="text-xs text-slate-600">Coins are held in your wallet until you mark the order as received.</p>
      <ErrorNote error={pay.error} />
    </Card>
  );
}

function Row({ label, value, strong, tone = '' }: { label: string; value: string; strong?: boolean; tone?: string }) {
  return (
    <div className={`flex justify-between gap-4 ${strong ? 'border-t border-slate-200 pt-1 text-base font-semibold' : ''} ${tone}`}>
      <dt>{label}</dt>
      <dd className="text-right">{value}</dd>
    </div>
  );
}
