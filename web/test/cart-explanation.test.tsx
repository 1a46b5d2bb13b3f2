import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addToCart, parseCart } from '../src/cart/cart';
import { CartExplanation, nearMissSentence } from '../src/pages/buyer/shop/CartExplanation';
import type { Quote } from '../src/pages/buyer/shop/types';

afterEach(cleanup);

function quote(over: Omit<Partial<Quote>, 'promotions'> & { promotions?: Partial<Quote['promotions']> } = {}): Quote {
  const { promotions, ...rest } = over;
  return {
    sellerId: 's1',
    currency: 'EUR',
    lines: [{ listingId: 'l1', title: 'Oak chair', quantity: 1, listPriceMinor: 2_000, surgeBp: 10_000, unitPriceMinor: 2_000 }],
    subtotalMinor: 2_000,
    discountMinor: 0,
    totalMinor: 2_000,
    cashbackCoins: 0,
    coupon: null,
    ...rest,
    promotions: { applied: [], notApplied: [], nearMisses: [], ...promotions },
  };
}

describe('the cart explanation', () => {
  it('lists each applied promotion with what it takes off, and the coupon', () => {
    render(<CartExplanation quote={quote({
      discountMinor: 500,
      coupon: { id: 'c1', discountMinor: 300 },
      promotions: {
        applied: [
          { promotionId: 'p1', name: 'Spring sale', discountMinor: 200, shippingOffMinor: 0, cashbackCoins: 0, giftProductId: null },
          { promotionId: 'p2', name: 'Coins back', discountMinor: 0, shippingOffMinor: 0, cashbackCoins: 40, giftProductId: null },
        ],
      },
    })} />);
    const applied = screen.getByRole('list', { name: 'Applied promotions' });
    const items = within(applied).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]!.textContent).toContain('Spring sale');
    expect(items[0]!.textContent).toContain('−€2.00');
    expect(items[1]!.textContent).toContain('Coins back');
    expect(items[1]!.textContent).toContain('40 coins back');
    expect(items[2]!.textContent).toContain('Coupon');
    expect(items[2]!.textContent).toContain('−€3.00');
    expect(screen.queryByText('No promotions apply to this cart.')).toBeNull();
  });

  it('turns a near miss into a sentence in the cart currency', () => {
    render(<CartExplanation quote={quote({
      promotions: {
        nearMisses: [
          { promotionId: 'p3', name: 'Ten off from 30', missingMinor: 4_250 },
          { promotionId: 'p4', name: 'Three for two', missingQuantity: 1 },
        ],
      },
    })} />);
    expect(screen.getByText('Add €42.50 more for Ten off from 30')).toBeTruthy();
    expect(screen.getByText('Add 1 more item for Three for two')).toBeTruthy();
  });

  it('writes coin near misses in coins and plural quantities', () => {
    expect(nearMissSentence({ promotionId: 'p', name: 'Ten off from 500', missingMinor: 225 }, 'COIN')).toBe('Add 225 coins more for Ten off from 500');
    expect(nearMissSentence({ promotionId: 'p', name: 'Buy 3 lamps', missingQuantity: 2 }, 'COIN')).toBe('Add 2 more items for Buy 3 lamps');
  });

  it('folds away the promotions that do not apply, with each failed condition', () => {
    const { container } = render(<CartExplanation quote={quote({
      promotions: {
        notApplied: [
          { promotionId: 'p5', name: 'Code SPRING', failures: [{ condition: 'coupon_code', message: 'Needs its coupon code.' }] },
          { promotionId: 'p6', name: 'Big spender', failures: [
            { condition: 'min_cart_amount', message: 'The cart needs 1000 more (minor units).', missingMinor: 1_000 },
            { condition: 'first_order', message: 'Only for a first order.' },
          ] },
        ],
      },
    })} />);
    const details = container.querySelector('details');
    expect(details).not.toBeNull();
    expect(details!.open).toBe(false);
    expect(within(details!).getByText('2 promotions do not apply')).toBeTruthy();
    expect(within(details!).getByText('Code SPRING')).toBeTruthy();
    expect(within(details!).getByText('Needs its coupon code.')).toBeTruthy();
    // An amount is written in the cart's currency, not the engine's minor units.
    expect(within(details!).getByText('The cart needs €10.00 more.')).toBeTruthy();
    expect(within(details!).getByText('Only for a first order.')).toBeTruthy();
  });

  it('says so when no promotion is involved', () => {
    render(<CartExplanation quote={quote()} />);
    expect(screen.getByText('No promotions apply to this cart.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Applied promotions' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Almost there' })).toBeNull();
  });
});

describe('the cart store', () => {
  const chair = { listingId: 'l1', sellerId: 's1', title: 'Oak chair', currency: 'COIN', unitPriceMinor: 120, available: 3 };

  it('adds, merges up to what is left, and refuses another seller', () => {
    const one = addToCart(null, chair, 2);
    expect(one).toEqual({ sellerId: 's1', currency: 'COIN', lines: [{ listingId: 'l1', title: 'Oak chair', quantity: 2, unitPriceMinor: 120 }] });
    const more = addToCart(one as never, chair, 5);
    expect(typeof more === 'object' && more.lines[0]!.quantity).toBe(3);
    expect(addToCart(one as never, { ...chair, listingId: 'l9', sellerId: 's2' }, 1)).toBe('other-seller');
  });

  it('reads nothing from a broken or empty stored cart', () => {
    expect(parseCart('')).toBeNull();
    expect(parseCart('{not json')).toBeNull();
    expect(parseCart(JSON.stringify({ sellerId: 's1', currency: 'COIN', lines: [] }))).toBeNull();
  });
});
