import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn() }));
vi.mock('../src/api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/api/client')>();
  return { ...real, api: { ...real.api, GET: calls.get, POST: calls.post } };
});

import Verification from '../src/pages/admin/Verification';

afterEach(cleanup);

const ok = (body: unknown) => Promise.resolve({ data: body, response: new Response(null, { status: 200 }) });
const member = { id: 'm-1', email: 'new@example.com', displayName: 'New Comer', roles: ['buyer'], verificationState: 'pending', createdAt: '2025-01-02T10:00:00Z', timeZone: 'UTC' };

describe('the verification queue', () => {
  it('asks for a reason, then approves; the row leaves and focus goes to the line saying so', async () => {
    let approved = false;
    calls.get.mockImplementation((path: string) => {
      if (path === '/v1/members') return ok({ items: approved ? [] : [member], nextCursor: null });
      if (path === '/v1/members/me') return ok({ id: 'admin-1', roles: ['admin'] });
      return ok({ items: [] });
    });
    calls.post.mockImplementation(() => {
      approved = true;
      return ok({});
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    client.setQueryData(['me'], { id: 'admin-1', roles: ['admin'] });
    render(<QueryClientProvider client={client}><Verification /></QueryClientProvider>);

    const row = (await screen.findByText('new@example.com')).closest('tr')!;
    const approve = within(row).getByRole('button', { name: 'Approve' });
    fireEvent.click(approve);
    // No reason: nothing is sent, the reason box says why and takes the focus.
    expect(calls.post).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(row).getByLabelText('Reason'));

    fireEvent.change(within(row).getByLabelText('Reason'), { target: { value: 'Checked the documents' } });
    approve.focus();
    fireEvent.click(approve);
    await screen.findByText('No members are waiting for verification.');
    expect(calls.post.mock.calls[0]![1].body).toEqual({ decision: 'approved', reason: 'Checked the documents' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('New Comer (new@example.com): approved.'));
  });
});
