import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, must } from '../../api/client';
import { useMe } from '../../auth/session';
import { plural } from '../../ui/format';
import { Button, Empty, ErrorNote, Loading, Page } from '../../ui/kit';
import { ListingCard } from './shop/ListingCard';
import { readSearch, SearchForm, toQuery, writeSearch, type SearchState } from './shop/SearchForm';
import type { SearchPage } from './shop/types';

const PAGE = 20;

/** Browse and search the listings the buyer may see: text, filters, sort, distance; paged. */
export default function Listings() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const me = useMe();
  const home = me.data?.homeLocation ?? null;
  const state = useMemo(() => readSearch(search), [search]);
  const query = useMemo(() => toQuery(state, home), [state, home]);

  const results = useInfiniteQuery({
    queryKey: ['listings', query],
    initialPageParam: '',
    queryFn: ({ pageParam }) => must(api.GET('/v1/listings', {
      params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : { facets: true }) } },
    })),
    getNextPageParam: (last: SearchPage) => last.nextCursor ?? undefined,
  });

  const facets = results.data?.pages[0]?.facets;
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const onSearch = (s: SearchState) => {
    const qs = writeSearch(s);
    navigate(qs ? `/listings?${qs}` : '/listings');
  };
  const pickCategory = (category: string) => onSearch({ ...state, category });
  const filtered = Object.keys(query).length > 0;

  return (
    <Page title="Browse listings" actions={<Link href="/nearby" className="text-sm text-indigo-700 underline">Show on a map</Link>}>
      <SearchForm value={state} categories={facets?.categories.map((c) => c.category) ?? []} hasHome={!!home} onSearch={onSearch} />

      {facets && (
        <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
          <p role="status" aria-live="polite" className="mr-2 font-medium">
            {plural(facets.total, 'listing')}
          </p>
          {facets.categories.length > 1 && facets.categories.map((c) => (
            <button key={c.category} type="button" onClick={() => pickCategory(c.category)}
              className="rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
              {c.category} <span className="text-slate-500">{c.count}</span>
            </button>
          ))}
          {state.category && (
            <button type="button" onClick={() => pickCategory('')} className="rounded-full bg-indigo-50 px-3 py-1 text-indigo-800 hover:bg-indigo-100">
              {state.category} ✕<span className="sr-only"> Clear category</span>
            </button>
          )}
        </div>
      )}

      {results.isPending ? <Loading what="Searching" /> : results.error && items.length === 0 ? (
        <ErrorNote error={results.error} onRetry={() => void results.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{filtered ? 'No listings match. Try other words or fewer filters.' : 'No listings yet. Check back soon.'}</Empty>
      ) : (
        <>
          <ul aria-label="Results" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {items.map((l) => <ListingCard key={l.id} listing={l} showDistance={query.lat !== undefined} />)}
          </ul>
          {results.error && <ErrorNote error={results.error} onRetry={() => void results.fetchNextPage()} />}
          {results.hasNextPage && (
            <div className="mt-4 text-center">
              <Button variant="secondary" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
                {results.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
