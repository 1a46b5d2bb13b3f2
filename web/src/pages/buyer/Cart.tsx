import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError, must } from '../../api/client';
import { useMe } from '../../auth/session';
import { useCart } from '../../cart/cart';
import { Button, Empty, ErrorNote, Page } from '../../ui/kit';
import { SellerLine } from './shop/bits';
import { CardStep } from './shop/CardStep';
import { CartExplanation } from './shop/CartExplanation';
import { CartLines } from './shop/CartLines';
import { Checkout } from './shop/Checkout';
import { CouponPicker } from './shop/CouponPicker';
import type { Order } from './shop/types';

/** The cart: one seller's items, priced now by the quote (promotions, coupon, codes), and checkout. */
export default function Cart() {
  const me = useMe();
  const { cart, setQuantity, remove, clear } = useCart(me.data?.id);
  const [couponId, setCouponId] = useState('');
  const [codes, setCodes] = useState<string[]>([]);
  const [cardOrder, setCardOrder] = useState<Order | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [removed, setRemoved] = useState<{ title: string; n: number } | null>(null);
  const removedNote = useRef<HTMLParagraphElement>(null);
  const [, navigate] = useLocation();
  // A removed line's row is gone: focus goes to the sentence saying so, not to the page's start.
  useEffect(() => {
    if (removed) removedNote.current?.focus();
  }, [removed]);
  const removeLine = (listingId: string) => {
    const line = cart?.lines.find((l) => l.listingId === listingId);
    remove(listingId);
    if (line) setRemoved((r) => ({ title: line.title, n: (r?.n ?? 0) + 1 }));
  };
  const removedText = removed && (
    <p ref={removedNote} tabIndex={-1} role="status" className="mb-3 rounded-md bg-slate-100 p-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
      Removed {removed.title} from your cart.
    </p>
  );
  const lines = cart?.lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity })) ?? [];

  const quote = useQuery({
    queryKey: ['quote', lines, couponId, codes],
    enabled: lines.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => must(api.POST('/v1/orders/quote', {
      body: { lines, ...(couponId ? { couponId } : {}), ...(codes.length ? { couponCodes: codes } : {}) },
    })),
  });

  if (cardOrder) {
    return (
      <Page title="Pay by card">
        <p className="mb-3 text-sm text-slate-700">Your order is placed and its items are set aside. It waits for the card payment.</p>
        <CardStep order={cardOrder} onDone={(outcome) => {
          setCardOrder(null);
          if (outcome === 'canceled') return setCancelled(true);
          clear();
          navigate(`/orders/${cardOrder.id}`);
        }} />
      </Page>
    );
  }

  if (!cart) {
    return (
      <Page title="Cart">
        {removedText}
        <Empty>Your cart is empty. <Link href="/listings" className="text-indigo-700 underline">Browse listings</Link></Empty>
      </Page>
    );
  }

  const error = quote.error instanceof ApiError ? quote.error : quote.error ? new ApiError('UNKNOWN', 'Your cart could not be priced. Try again.', 0) : null;
  const problemListing = error && typeof (error.details as { listingId?: unknown } | undefined)?.listingId === 'string'
    ? (error.details as { listingId: string }).listingId : null;
  const current = quote.isPlaceholderData || error ? undefined : quote.data;

  return (
    <Page title="Cart" actions={<Button variant="secondary" onClick={clear}>Empty cart</Button>}>
      <p className="mb-3 text-sm">Sold by <SellerLine sellerId={cart.sellerId} /></p>
      {removedText}
      {cancelled && <p role="status" className="mb-3 rounded-md bg-slate-100 p-3 text-sm">The card payment was cancelled, and so was its order. Your cart is as it was.</p>}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <CartLines cart={cart} quote={quote.data} problem={problemListing && error ? { listingId: problemListing, message: error.message } : null}
            onQuantity={setQuantity} onRemove={removeLine} />
          {error && (
            <div>
              <ErrorNote error={error} onRetry={() => void quote.refetch()} />
              {['COUPON_ALREADY_REDEEMED', 'COUPON_EXPIRED', 'COUPON_NOT_YET_VALID', 'COUPON_RESERVED', 'COUPON_NOT_YOURS', 'COUPON_NOT_FOUND', 'ORDER_COUPON_NOT_APPLICABLE'].includes(error.code) && couponId && (
                <Button variant="secondary" onClick={() => setCouponId('')}>Remove coupon</Button>
              )}
            </div>
          )}
          {quote.data && !error && <CartExplanation quote={quote.data} />}
        </div>
        <div className="space-y-4">
          <CouponPicker currency={cart.currency} couponId={couponId} codes={codes} onCoupon={setCouponId} onCodes={setCodes} />
          <Checkout quote={current} blocked={!!error || quote.isFetching} refused={!!error} couponId={couponId} codes={codes}
            onOrdered={clear} onCardOrder={(o) => { setCancelled(false); setCardOrder(o); }} onStale={() => void quote.refetch()} />
        </div>
      </div>
    </Page>
  );
}
