import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CouponPicker } from '../src/pages/buyer/shop/CouponPicker';
import { couponStateOf } from '../src/pages/buyer/live/YourCoupons';
import { couponValueText, isUsable, MY_COUPONS_KEY, type MyCoupon } from '../src/ui/coupons';

afterEach(cleanup);

const NOW = new Date('2026-05-01T12:00:00Z');
const LATER = '2026-06-01T00:00:00Z';
const EARLIER = '2026-04-01T00:00:00Z';

function coupon(over: Partial<MyCoupon> & { id: string }, campaign: Partial<MyCoupon['campaign']> = {}): MyCoupon {
  return {
    campaignId: 'camp', memberId: 'm', code: `CODE-${over.id}`, state: 'issued', source: 'spin', cartId: null, reservedUntil: null, orderId: null,
    issuedAt: '2026-04-20T00:00:00Z',
    ...over,
    campaign: { name: 'Spring', value: { kind: 'fixed', amountMinor: 500 }, currency: 'EUR', minCartMinor: 0, validTo: LATER, ...campaign },
  };
}

describe('whether a coupon can be used now', () => {
  it('takes an issued coupon, and a reserved one whose reservation lapsed', () => {
    expect(isUsable(coupon({ id: 'a' }), NOW)).toBe(true);
    expect(isUsable(coupon({ id: 'b', state: 'reserved', reservedUntil: EARLIER }), NOW)).toBe(true);
  });

  it('refuses a used, an expired, and a reserved coupon whose cart still holds it', () => {
    expect(isUsable(coupon({ id: 'c', state: 'redeemed' }), NOW)).toBe(false);
    expect(isUsable(coupon({ id: 'd' }, { validTo: EARLIER }), NOW)).toBe(false);
    expect(isUsable(coupon({ id: 'e', state: 'reserved', reservedUntil: LATER }), NOW)).toBe(false);
  });

  it('says the same in "Your coupons": a lapsed reservation is ready to use, an expired coupon is not', () => {
    expect(couponStateOf(coupon({ id: 'b', state: 'reserved', reservedUntil: EARLIER }), NOW).text).toBe('Ready to use');
    expect(couponStateOf(coupon({ id: 'e', state: 'reserved', reservedUntil: LATER }), NOW).text).toMatch(/^In a cart until/);
    expect(couponStateOf(coupon({ id: 'd' }, { validTo: EARLIER }), NOW).text).toBe('Expired');
  });

  it('writes what a coupon takes off in its currency', () => {
    expect(couponValueText({ value: { kind: 'fixed', amountMinor: 500 }, currency: 'EUR' })).toBe('€5.00 off');
    expect(couponValueText({ value: { kind: 'percent', percent: 10, capMinor: 200 }, currency: 'COIN' })).toBe('10% off (at most 200 coins)');
    expect(couponValueText({ value: { kind: 'percent', percent: 15, capMinor: null }, currency: 'EUR' })).toBe('15% off');
  });
});

function Picker({ codes: initial = [] as string[] }) {
  const [couponId, setCouponId] = useState('');
  const [codes, setCodes] = useState(initial);
  return <CouponPicker currency="EUR" couponId={couponId} codes={codes} onCoupon={setCouponId} onCodes={setCodes} />;
}

function renderPicker(items: MyCoupon[], codes?: string[]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(MY_COUPONS_KEY, { items });
  return render(<QueryClientProvider client={client}><Picker codes={codes} /></QueryClientProvider>);
}

describe('the coupon picker of the cart', () => {
  it('offers only coupons usable now in the cart currency, each with its value', () => {
    const now = Date.now();
    const future = new Date(now + 86_400_000).toISOString();
    const past = new Date(now - 86_400_000).toISOString();
    renderPicker([
      coupon({ id: 'ok' }, { name: 'Five off', validTo: future }),
      coupon({ id: 'lapsed', state: 'reserved', reservedUntil: past }, { name: 'Lapsed hold', validTo: future }),
      coupon({ id: 'held', state: 'reserved', reservedUntil: future }, { name: 'Held elsewhere', validTo: future }),
      coupon({ id: 'old' }, { name: 'Expired one', validTo: past }),
      coupon({ id: 'coins' }, { name: 'Coin coupon', currency: 'COIN', validTo: future }),
      coupon({ id: 'used', state: 'redeemed' }, { name: 'Used one', validTo: future }),
    ]);
    const options = within(screen.getByLabelText('Coupon')).getAllByRole('option').map((o) => o.textContent ?? '');
    expect(options).toHaveLength(3);
    expect(options[0]).toBe('No coupon');
    expect(options[1]).toMatch(/^Five off: €5\.00 off \(until .+\) · CODE-ok/);
    expect(options[2]).toMatch(/^Lapsed hold/);
  });

  it('moves focus to the next code, then to the field, when a code is removed', async () => {
    renderPicker([], ['SPRING', 'LAMP10']);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove code SPRING' }));
      await new Promise((r) => requestAnimationFrame(r));
    });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove code LAMP10' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove code LAMP10' }));
      await new Promise((r) => requestAnimationFrame(r));
    });
    expect(document.activeElement).toBe(screen.getByLabelText('Promotion code'));
  });
});
