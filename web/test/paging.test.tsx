import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { PagedList, pagedView, usePaged, type CursorPage } from '../src/ui/paging';
import { Table } from '../src/ui/Table';

afterEach(cleanup);

function wrapper() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

interface Row { id: string; name: string }

/** A list of rows read a page at a time from `page`, as the seller and admin pages do. */
function Rows({ page }: { page: (cursor: string | undefined) => Promise<CursorPage<Row>> }) {
  const rows = usePaged({ queryKey: ['rows'], page });
  return (
    <PagedList paged={rows} pending="Loading rows" empty="No rows yet." more="More rows">
      {(items) => <ul aria-label="Rows">{items.map((r) => <li key={r.id}>{r.name}</li>)}</ul>}
    </PagedList>
  );
}

const first: CursorPage<Row> = { items: [{ id: '1', name: 'Oak chair' }, { id: '2', name: 'Brass lamp' }], nextCursor: 'c2' };
const second: CursorPage<Row> = { items: [{ id: '3', name: 'Wool rug' }], nextCursor: null };
const lost = () => new ApiError('NETWORK', 'Trove could not be reached. Check your connection and try again.', 0);

describe('the paging rule', () => {
  it('decides what a list shows from its state: rows on screen always win', () => {
    expect(pagedView({ isPending: true, error: null, count: 0 })).toBe('loading');
    expect(pagedView({ isPending: false, error: lost(), count: 0 })).toBe('failed');
    expect(pagedView({ isPending: false, error: null, count: 0 })).toBe('empty');
    expect(pagedView({ isPending: false, error: null, count: 3 })).toBe('rows');
    // A later page (or a refetch) failed: the rows stay, the error shows beside them.
    expect(pagedView({ isPending: false, error: lost(), count: 3 })).toBe('rows');
  });

  it('keeps the loaded rows when a later page fails, and retries that page', async () => {
    const page = vi.fn(async (cursor: string | undefined) => {
      if (!cursor) return first;
      if (page.mock.calls.filter(([c]) => c === 'c2').length === 1) throw lost();
      return second;
    });
    render(<Rows page={page} />, { wrapper: wrapper() });
    await screen.findByText('Oak chair');

    fireEvent.click(screen.getByRole('button', { name: 'More rows' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be reached');
    // The rows already there are still there.
    expect(screen.getByText('Oak chair')).toBeTruthy();
    expect(screen.getByText('Brass lamp')).toBeTruthy();
    expect(page).toHaveBeenCalledTimes(2);

    // "Try again" asks for the page that failed, not for the whole list again.
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Wool rug');
    expect(page.mock.calls.map(([c]) => c)).toEqual([undefined, 'c2', 'c2']);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    // The last page came: no button, and the line saying so has the focus the button had.
    expect(screen.queryByRole('button', { name: 'More rows' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('All 3 shown.'));
  });

  it('shows a first page that fails as the list’s error, with a retry', async () => {
    let fail = true;
    const page = vi.fn(async () => {
      if (fail) throw lost();
      return first;
    });
    render(<Rows page={page} />, { wrapper: wrapper() });
    await screen.findByRole('alert');
    expect(screen.queryByRole('list')).toBeNull();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Oak chair');
  });

  it('keeps the load-more button focusable while a page loads (aria-disabled, and a second press does nothing)', async () => {
    let release!: (p: CursorPage<Row>) => void;
    const page = vi.fn((cursor: string | undefined) => (cursor ? new Promise<CursorPage<Row>>((res) => { release = res; }) : Promise.resolve(first)));
    render(<Rows page={page} />, { wrapper: wrapper() });
    await screen.findByText('Oak chair');
    const button = screen.getByRole('button', { name: 'More rows' });
    button.focus();
    fireEvent.click(button);
    const loading = await screen.findByRole('button', { name: 'Loading…' });
    expect(loading.getAttribute('aria-disabled')).toBe('true');
    expect(loading.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(loading);
    fireEvent.click(loading);
    expect(page).toHaveBeenCalledTimes(2);
    release(second);
    await screen.findByText('Wool rug');
  });

  it('says so when the list is empty', async () => {
    render(<Rows page={async () => ({ items: [], nextCursor: null })} />, { wrapper: wrapper() });
    await screen.findByText('No rows yet.');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('the table wrapper', () => {
  it('is a captioned table with column headers, in a box that scrolls sideways', () => {
    const { container } = render(
      <Table caption="Your orders" head={['Order', 'Total', <span key="a" className="sr-only">Actions</span>]}>
        <tr><td>Order 1</td><td>5 coins</td><td /></tr>
      </Table>,
    );
    const table = screen.getByRole('table', { name: 'Your orders' });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Order', 'Total', 'Actions']);
    expect(table.parentElement?.className).toContain('overflow-x-auto');
    expect(container.querySelectorAll('tbody tr')).toHaveLength(1);
  });
});
