import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn() }));
vi.mock('../src/api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/api/client')>();
  return { ...real, api: { ...real.api, GET: calls.get, POST: calls.post } };
});

import Orders from '../src/pages/seller/Orders';

afterEach(cleanup);

const ok = (body: unknown) => Promise.resolve({ data: body, response: new Response(null, { status: 200 }) });

const order = (id: string, state: string) => ({
  id, buyerId: 'b-1', sellerId: 's-1', buyerName: 'Ada Buyer', sellerName: 'Sam Seller', state, currency: 'COIN',
  lines: [{ listingId: `l-${id}`, title: 'Oak chair', quantity: 1, unitPriceMinor: 250 }], subtotalMinor: 250, discountMinor: 0, totalMinor: 250,
  cashbackCoins: 0, createdAt: '2025-01-02T10:00:00Z', updatedAt: '2025-01-02T10:00:00Z', history: [], payment: null, rating: null,
});

describe('the seller’s orders to fulfil', () => {
  it('names buyers from the order, ships with an Idempotency-Key, and moves focus to the status line when the row leaves', async () => {
    let shipped = false;
    calls.get.mockImplementation((path: string) => {
      if (path !== '/v1/orders') throw new Error(`unexpected GET ${path}`);
      return ok({ items: shipped ? [] : [order('0a0a0a0a-1111-4111-8111-111111111111', 'paid')], nextCursor: null });
    });
    calls.post.mockImplementation(() => {
      shipped = true;
      return ok(order('0a0a0a0a-1111-4111-8111-111111111111', 'shipped'));
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(<QueryClientProvider client={client}><Orders /></QueryClientProvider>);

    const row = (await screen.findByText('Ada Buyer')).closest('tr')!;
    // One read for the list, none per buyer.
    expect(calls.get).toHaveBeenCalledTimes(1);
    const ship = within(row).getByRole('button', { name: 'Mark as shipped Order 0a0a0a0a' });
    ship.focus();
    fireEvent.click(ship);

    await screen.findByText('Nothing to ship: no paid orders are waiting.');
    const [path, init] = calls.post.mock.calls[0]!;
    expect(path).toBe('/v1/orders/{id}/{action}');
    expect(init.params.path).toEqual({ id: '0a0a0a0a-1111-4111-8111-111111111111', action: 'ship' });
    expect(init.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Order 0a0a0a0a marked as shipped.'));
    expect(document.activeElement?.getAttribute('role')).toBe('status');
  });
});
