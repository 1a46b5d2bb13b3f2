import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, must } from '../../../api/client';
import { useCart, type CartItem } from '../../../cart/cart';
import { busyProps } from '../../../ui/ConfirmButton';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { Button, ErrorNote, Field, Select } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { unitPrice, type Listing } from './types';

/** Quantity, "Add to cart" (one seller per cart: asks before replacing) and "Buy now" at the shown price. */
export function BuyBox({ listing, memberId }: { listing: Listing; memberId: string }) {
  const [quantityText, setQuantityText] = useState('1');
  const [payment, setPayment] = useState<'wallet' | 'card'>('wallet');
  const [note, setNote] = useState<'added' | 'other-seller' | 'full' | null>(null);
  const { add, replace } = useCart(memberId);
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const keys = useIdempotencyKey();
  const inFlight = useRef(false);

  const price = unitPrice(listing);
  const quantity = Number(quantityText);
  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= listing.quantity;
  const item: CartItem = { listingId: listing.id, sellerId: listing.sellerId, title: listing.title, currency: listing.currency, unitPriceMinor: price, available: listing.quantity };

  // The key is kept after a lost answer, so pressing Buy now again cannot make a second order.
  const buy = useMutation({
    mutationFn: () => {
      const body = { listingId: listing.id, quantity, expectedUnitPriceMinor: price, payment };
      return keys.run(body, (key) => must(api.POST('/v1/orders', { body, headers: { 'Idempotency-Key': key } })));
    },
    onSuccess: (order) => {
      for (const key of [['orders'], ['wallet'], ['listings'], ['my-listings'], ['listing', listing.id]]) void client.invalidateQueries({ queryKey: key });
      navigate(`/orders/${order.id}`);
    },
    onError: () => {
      void client.invalidateQueries({ queryKey: ['listing', listing.id] });
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const buyNow = () => {
    if (!valid || inFlight.current) return;
    inFlight.current = true;
    buy.mutate();
  };

  return (
    <div className="space-y-3">
      <div className="max-w-40">
        <Field label="Quantity" type="number" min={1} max={listing.quantity} step={1} value={quantityText}
          onChange={(e) => { setQuantityText(e.target.value); setNote(null); }}
          aria-invalid={!valid} hint={valid ? `${listing.quantity} available` : `Choose 1 to ${listing.quantity}`} />
      </div>
      {valid && quantity > 1 && <p className="text-sm text-slate-700">Total: {formatMoney(price * quantity, listing.currency)}</p>}
      <div className="max-w-60">
        <Select label="Pay with" value={payment} onChange={(e) => setPayment(e.target.value as 'wallet' | 'card')}>
          <option value="wallet">Coins from my wallet</option>
          <option value="card">Card (test payment)</option>
        </Select>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={!valid} onClick={() => setNote(add(item, quantity))}>Add to cart</Button>
        <Button disabled={!valid} {...busyProps(buy.isPending)} onClick={buyNow}>{buy.isPending ? 'Buying…' : 'Buy now'}</Button>
      </div>
      <div aria-live="polite">
        {note === 'added' && (
          <p className="text-sm text-green-800">Added to cart. <Link href="/cart" className="text-indigo-700 underline">Go to cart</Link></p>
        )}
        {note === 'full' && <p role="alert" className="text-sm text-red-800">Your cart is full (50 items). Check out first.</p>}
        {note === 'other-seller' && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p className="mb-2">Your cart holds another seller's items. A cart holds one seller's items, so check out separately. Replace your cart with this item?</p>
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => { replace(item, quantity); setNote('added'); }}>Replace cart</Button>
              <Button variant="secondary" onClick={() => setNote(null)}>Keep my cart</Button>
            </div>
          </div>
        )}
      </div>
      <ErrorNote error={buy.error} />
    </div>
  );
}
