import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The API client, replaced: each test says what the service answers.
const calls = vi.hoisted(() => ({ post: vi.fn(), patch: vi.fn() }));
vi.mock('../src/api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/api/client')>();
  return { ...real, api: { ...real.api, POST: calls.post, PATCH: calls.patch } };
});

import { ApiError } from '../src/api/client';
import { CreateListing } from '../src/pages/seller/parts/CreateListing';
import { bodyOf, draftOf, type ListingDraft } from '../src/pages/seller/parts/ListingFields';

afterEach(cleanup);
beforeEach(() => {
  calls.post.mockReset();
  calls.patch.mockReset();
});

const answer = (status: number, body: unknown) => Promise.resolve(status < 400
  ? { data: body, response: new Response(null, { status }) }
  : { error: body, response: new Response(null, { status }) });

const draft = (over: Partial<ListingDraft> = {}): ListingDraft => ({ ...draftOf(), title: 'Oak chair', category: 'furniture', price: '250', ...over });

describe('the listing form’s checks', () => {
  it('refuses a price that is not an amount of the currency, at the price field', () => {
    for (const [price, currency] of [['1,000', 'COIN'], ['10.6', 'COIN'], ['1.005', 'EUR'], ['', 'EUR'], ['abc', 'TRY']] as const) {
      const checked = bodyOf(draft({ price, currency }));
      expect('field' in checked && checked.field).toBe('price');
    }
    const coins = bodyOf(draft({ price: '1,000' }));
    expect('error' in coins && coins.error).toMatch(/whole number of coins/);
    const euros = bodyOf(draft({ price: '12,5', currency: 'EUR' }));
    expect('body' in euros && euros.body.priceMinor).toBe(1250);
  });

  it('takes only https image addresses (buyers’ pages never show http ones)', () => {
    const http = bodyOf(draft({ images: 'https://img.example/a.jpg\nhttp://img.example/b.jpg' }));
    expect('field' in http && http.field).toBe('images');
    expect('error' in http && http.error).toContain('http://img.example/b.jpg');
    const https = bodyOf(draft({ images: 'https://img.example/a.jpg\n\nHTTPS://img.example/b.jpg' }));
    expect('body' in https && https.body.images).toEqual(['https://img.example/a.jpg', 'HTTPS://img.example/b.jpg']);
  });

  it('writes a stored price back as typed text without a float, in any currency', () => {
    const listing = { title: 't', description: '', category: 'c', priceMinor: 4250, currency: 'EUR', quantity: 1, condition: 'new', location: null, images: [], attributes: {} };
    expect(draftOf(listing as never).price).toBe('42.50');
    expect(draftOf({ ...listing, priceMinor: 7, currency: 'COIN' } as never).price).toBe('7');
    // A code Intl does not know must not throw while rendering.
    expect(draftOf({ ...listing, priceMinor: 105, currency: 'XQQ' } as never).price).toBe('1.05');
  });
});

describe('creating and publishing a listing', () => {
  function renderForm() {
    const onDone = vi.fn();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(<QueryClientProvider client={client}><CreateListing onDone={onDone} onCancel={() => {}} /></QueryClientProvider>);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Oak chair' } });
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'furniture' } });
    fireEvent.change(screen.getByLabelText('Price'), { target: { value: '250' } });
    return onDone;
  }

  it('stops at a saved draft when publishing fails, instead of offering to create it again', async () => {
    calls.post.mockReturnValue(answer(201, { id: 'l-1', state: 'draft' }));
    calls.patch.mockReturnValue(answer(409, { error: { code: 'CONFLICT', message: 'No.' } }));
    const onDone = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create and publish' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [id, published, publishError] = onDone.mock.calls[0]!;
    expect([id, published]).toEqual(['l-1', false]);
    expect(publishError).toBeInstanceOf(ApiError);
    expect(calls.post).toHaveBeenCalledTimes(1);
  });

  it('shows a price that is not an amount at the field, focused, and sends nothing', () => {
    const onDone = renderForm();
    fireEvent.change(screen.getByLabelText('Price'), { target: { value: '1,000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as draft' }));
    const price = screen.getByLabelText('Price');
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(price);
    const described = (price.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(described).toMatch(/whole number of coins/);
    expect(calls.post).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });
});
