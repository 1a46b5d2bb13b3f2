import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api/client';
import { CardStep } from '../src/pages/buyer/shop/CardStep';
import { OrderActions } from '../src/pages/buyer/shop/OrderActions';
import { ConfirmButton } from '../src/ui/ConfirmButton';
import { stepsFor, type Order } from '../src/ui/orders';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const order = (state: Order['state']): Order => ({
  id: '0b5e3f7a-0000-4000-8000-000000000001', buyerId: 'b', sellerId: 's', buyerName: 'Bea', sellerName: 'Sam', rating: null,
  lines: [{ listingId: 'l1', title: 'Oak chair', quantity: 1, listPriceMinor: 100, surgeBp: 10_000, unitPriceMinor: 100 }],
  subtotalMinor: 100, discountMinor: 0, cashbackCoins: 0, coupon: null, totalMinor: 100, currency: 'COIN',
  payment: { method: 'wallet', holdTransferId: null, providerPaymentId: null }, state,
  history: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

describe('order steps', () => {
  it('gives each side its own steps from each state', () => {
    const names = (state: Order['state'], viewer: { isBuyer: boolean; isSeller: boolean }) => stepsFor(order(state), viewer).map((s) => s.step);
    expect(names('paid', { isBuyer: true, isSeller: false })).toEqual(['cancel']);
    expect(names('paid', { isBuyer: false, isSeller: true })).toEqual(['ship', 'cancel']);
    expect(names('shipped', { isBuyer: true, isSeller: false })).toEqual(['complete']);
    expect(names('delivered', { isBuyer: false, isSeller: true })).toEqual(['refund']);
    expect(names('completed', { isBuyer: true, isSeller: false })).toEqual([]);
  });

  it('asks before cancelling, retries a lost answer with the same key, and then says what was done', async () => {
    const sent: string[] = [];
    const post = vi.spyOn(api, 'POST').mockImplementation((async (_path: string, init: { headers: Record<string, string> }) => {
      sent.push(init.headers['Idempotency-Key']!);
      if (sent.length === 1) throw new TypeError('Failed to fetch');
      return { data: order('cancelled'), response: new Response(null, { status: 200 }) };
    }) as never);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(<QueryClientProvider client={client}><OrderActions order={order('paid')} isBuyer isSeller={false} /></QueryClientProvider>);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(post).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel' })));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be reached/);
    // Focus came back to the step's button, which is still there.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel order' }));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel' })));
    const status = await screen.findByRole('status');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(status.textContent).toBe('Order 0b5e3f7a cancelled.');
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(client.getQueryData(['order', order('paid').id])).toMatchObject({ state: 'cancelled' });
  });
});

describe('the confirm button', () => {
  it('moves focus to the confirmation, and back to the button on Keep or Escape', () => {
    const confirmed = vi.fn();
    render(<ConfirmButton label="Withdraw" confirm="Yes, withdraw" question="Withdraw it?" onConfirm={confirmed} />);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, withdraw' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Yes, withdraw' }), { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Withdraw' }));
    expect(confirmed).not.toHaveBeenCalled();
  });

  it('does nothing while its action is in flight, and stays focusable', () => {
    const confirmed = vi.fn();
    render(<ConfirmButton label="Refund" confirm="Yes, refund" question="Refund?" busy onConfirm={confirmed} />);
    const button = screen.getByRole('button', { name: 'Refund' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(screen.queryByRole('button', { name: 'Yes, refund' })).toBeNull();
  });
});

describe('the test card payment', () => {
  it('finishes by the order\'s state when the payment was settled already (an answer lost before)', async () => {
    const card = { ...order('pending_payment'), payment: { method: 'card' as const, holdTransferId: null, providerPaymentId: `pi_sandbox_${'a'.repeat(32)}` } };
    vi.spyOn(api, 'POST').mockResolvedValue({
      error: { error: { code: 'CONFLICT', message: 'The payment is settled already.' } }, response: new Response(null, { status: 409 }),
    } as never);
    const get = vi.spyOn(api, 'GET').mockResolvedValue({ data: { ...card, state: 'paid' }, response: new Response(null, { status: 200 }) } as never);
    const done = vi.fn();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(<QueryClientProvider client={client}><CardStep order={card} onDone={done} /></QueryClientProvider>);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Confirm test card payment' })));
    await waitFor(() => expect(done).toHaveBeenCalledWith('succeeded'));
    expect(get).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
