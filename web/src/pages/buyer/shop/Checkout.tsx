import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError, must } from '../../../api/client';
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
  const idempotency = useRef<string | null>(null);

  const pay = useMutation({
    mutationFn: (payment: 'wallet' | 'card') => {
      idempotency.current ??= crypto.randomUUID();
      return must(api.POST('/v1/orders', {
        body: {
          lines: quote!.lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity, expectedUnitPriceMinor: l.unitPriceMinor })),
          payment,
          ...(couponId ? { couponId } : {}),
          ...(codes.length ? { couponCodes: codes } : {}),
        },
        headers: { 'Idempotency-Key': idempotency.current },
      }));
    },
    onSuccess: (order) => {
      idempotency.current = null;
      void client.invalidateQueries({ queryKey: ['orders'] });
      void client.invalidateQueries({ queryKey: ['wallet'] });
      void client.invalidateQueries({ queryKey: ['coupons'] });
      if (order.state === 'pending_payment') {
        onCardOrder(order);
      } else {
        onOrdered();
        navigate(`/orders/${order.id}`);
      }
    },
    onError: (err) => {
      idempotency.current = null;
      if (err instanceof ApiError && ['ORDER_PRICE_CHANGED', 'ORDER_PROMOTIONS_CHANGED', 'ORDER_OUT_OF_STOCK', 'LISTING_NOT_FOUND'].includes(err.code)) onStale();
    },
  });

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
        <Button disabled={!quote || blocked || pay.isPending} onClick={() => pay.mutate('wallet')}>
          {pay.isPending && pay.variables === 'wallet' ? 'Paying…' : 'Pay with coins'}
        </Button>
        <Button variant="secondary" disabled={!quote || blocked || pay.isPending} onClick={() => pay.mutate('card')}>
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
