import { useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Empty, ErrorNote, Loading } from './kit';

/**
 * Cursor-paged lists (GET ... ?limit=&cursor= answering { items, nextCursor }), one way across the
 * site. The rule: rows already on screen stay on screen. A later page that fails (or a background
 * refetch that fails) shows its error beside the rows, with a retry, and never in their place; only
 * a first page that fails replaces the list with its error.
 */

export interface CursorPage<T = unknown> {
  items: T[];
  nextCursor: string | null;
}

type Item<P> = P extends CursorPage<infer T> ? T : never;

/** Every page loaded so far, flattened into `items`, and the next page on demand. */
export function usePaged<P extends CursorPage>({ queryKey, page, enabled, refetchInterval }: {
  queryKey: QueryKey;
  /** One page: the cursor is undefined for the first. */
  page: (cursor: string | undefined) => Promise<P>;
  enabled?: boolean;
  refetchInterval?: number;
}) {
  const query = useInfiniteQuery<P, Error, InfiniteData<P, string>, QueryKey, string>({
    queryKey,
    queryFn: ({ pageParam }) => page(pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    refetchInterval,
  });
  const items = (query.data?.pages.flatMap((p) => p.items) ?? []) as Item<P>[];
  return Object.assign(query, { items });
}

/** What a paged list shows, from its state: the whole of the rule above. */
export type PagedView = 'loading' | 'failed' | 'empty' | 'rows';
export function pagedView(state: { isPending: boolean; error: unknown; count: number }): PagedView {
  if (state.count > 0) return 'rows';
  if (state.isPending) return 'loading';
  if (state.error) return 'failed';
  return 'empty';
}

/**
 * The list's loading, first-page error and empty states; else its rows (children) and, under them,
 * LoadMore. `pending` and `empty` are what to say; `more` is the button's name ("Load more").
 */
export function PagedList<T>({ paged, pending = 'Loading', empty, more, children }: {
  paged: PagedLike<T>;
  pending?: string;
  empty: ReactNode;
  more?: string;
  children: (items: T[]) => ReactNode;
}) {
  const view = pagedView({ isPending: paged.isPending, error: paged.error, count: paged.items.length });
  if (view === 'loading') return <Loading what={pending} />;
  if (view === 'failed') return <ErrorNote error={paged.error} onRetry={() => void paged.refetch()} />;
  if (view === 'empty') return <Empty>{empty}</Empty>;
  return (
    <>
      {children(paged.items)}
      <LoadMore paged={paged} label={more} />
    </>
  );
}

/** What PagedList and LoadMore read from usePaged (or from a react-query infinite query plus its items). */
export interface PagedLike<T> {
  items: T[];
  isPending: boolean;
  error: unknown;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/**
 * A later page's error (with a retry) and the "Load more" button. The button stays focusable while
 * the page loads (aria-disabled, not disabled, so a keyboard user keeps their place); when the last
 * page has come, focus moves to the line saying so instead of falling to the page's top.
 */
export function LoadMore<T>({ paged, label = 'Load more' }: { paged: PagedLike<T>; label?: string }) {
  const [loadedMore, setLoadedMore] = useState(false);
  const end = useRef<HTMLParagraphElement>(null);
  const busy = paged.isFetchingNextPage;
  const last = loadedMore && !busy && !paged.hasNextPage;
  useEffect(() => {
    // The button (or the error's retry) went away with the last page: the focus would fall to the page's top.
    const active = document.activeElement;
    if (last && (!active || active === document.body)) end.current?.focus();
  }, [last]);
  const retry = () => void (paged.isFetchNextPageError ? paged.fetchNextPage() : paged.refetch());
  if (!paged.error && !paged.hasNextPage && !loadedMore) return null;
  return (
    <div className="mt-3">
      {paged.error ? <ErrorNote error={paged.error} onRetry={retry} /> : null}
      {paged.hasNextPage ? (
        <Button variant="secondary" aria-disabled={busy || undefined} onClick={() => {
          if (busy) return;
          setLoadedMore(true);
          void paged.fetchNextPage();
        }}>
          {busy ? 'Loading…' : label}
        </Button>
      ) : loadedMore ? (
        <p ref={end} tabIndex={-1} className="text-sm text-slate-600 focus:outline-none">
          All {paged.items.length} shown.
        </p>
      ) : null}
    </div>
  );
}
