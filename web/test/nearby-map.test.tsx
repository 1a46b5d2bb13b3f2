import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NearbyMap } from '../src/pages/buyer/shop/NearbyMap';
import type { NearbyItem } from '../src/pages/buyer/shop/types';

afterEach(cleanup);

const item = {
  id: 'l1', title: 'Oak chair', priceMinor: 120, currency: 'COIN', surge: null, distanceKm: 1.5, location: { lat: 41.01, lng: 28.98 },
} as unknown as NearbyItem;

describe('the nearby map', () => {
  it('makes each dot a real SVG link that leaves Ctrl-click and middle-click to the browser', () => {
    render(<NearbyMap centre={{ lat: 41, lng: 29 }} radiusKm={5} items={[item]} />);
    const link = screen.getByRole('link', { name: 'Oak chair, 120 coins, 1.5 km away' });
    expect(link.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(link.getAttribute('href')).toBe('/listings/l1');
    // A Ctrl-click is not taken over (the browser opens a new tab); a plain click navigates in the page.
    expect(fireEvent.click(link, { ctrlKey: true, button: 0 })).toBe(true);
    expect(fireEvent.click(link, { button: 0 })).toBe(false);
    expect(location.pathname).toBe('/listings/l1');
  });
});
