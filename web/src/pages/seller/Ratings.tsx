import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { Button, Card, Empty, ErrorNote, Loaded, Loading, Page } from '../../ui/kit';
import { formatDate, linkClass, Section, useSellerId } from './parts/common';

function Stars({ value }: { value: number }) {
  const full = Math.round(value);
  return (
    <span role="img" aria-label={`${Number.isInteger(value) ? value : value.toFixed(1)} of 5 stars`} className="tracking-wider text-amber-500">
      {'★'.repeat(full)}<span className="text-slate-300">{'★'.repeat(5 - full)}</span>
    </span>
  );
}

/** The seller's rating (average and count) and the ratings buyers left, newest first. */
export default function Ratings() {
  const id = useSellerId();
  const profile = useQuery({ queryKey: ['seller', id], queryFn: () => must(api.GET('/v1/sellers/{id}', { params: { path: { id } } })), enabled: !!id });
  const ratings = useInfiniteQuery({
    queryKey: ['seller-ratings', id],
    queryFn: ({ pageParam }) => must(api.GET('/v1/sellers/{id}/ratings', { params: { path: { id }, query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!id,
  });
  const items = ratings.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title="Ratings">
      <Loaded query={profile}>
        {(seller) => (
          <Card className="mb-6">
            <h2 className="sr-only">Your rating</h2>
            {seller.rating.count === 0 || seller.rating.average === null ? (
              <p className="text-slate-700">No ratings yet. Buyers rate you after they complete an order.</p>
            ) : (
              <div className="flex flex-wrap items-baseline gap-3">
                <span className="text-4xl font-semibold">{seller.rating.average.toFixed(1)}</span>
                <Stars value={seller.rating.average} />
                <span className="text-slate-700">from {seller.rating.count} {seller.rating.count === 1 ? 'rating' : 'ratings'}</span>
              </div>
            )}
            <p className="mt-2 text-sm text-slate-600">{seller.listings} active {seller.listings === 1 ? 'listing' : 'listings'} · selling since {new Date(seller.memberSince).toLocaleDateString('en', { dateStyle: 'medium' })}</p>
          </Card>
        )}
      </Loaded>
      <Section title="What buyers said">
        {ratings.isPending ? <Loading what="Loading ratings" /> : ratings.error ? <ErrorNote error={ratings.error} onRetry={() => void ratings.refetch()} /> :
          items.length === 0 ? <Empty>No ratings received yet.</Empty> : (
            <ul className="space-y-3">
              {items.map((r) => (
                <li key={r.orderId}>
                  <Card>
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <Stars value={r.stars} />
                      <span className="font-medium">{r.buyerName}</span>
                      <span className="text-xs text-slate-600">{formatDate(r.createdAt)}</span>
                      <Link href={`/orders/${r.orderId}`} className={`ml-auto text-sm ${linkClass}`}>Order {r.orderId.slice(0, 8)}</Link>
                    </div>
                    {r.comment ? <p className="mt-2 whitespace-pre-line text-slate-800">{r.comment}</p> : <p className="mt-2 text-sm text-slate-500">No comment.</p>}
                  </Card>
                </li>
              ))}
            </ul>
          )}
        {ratings.hasNextPage && (
          <Button variant="secondary" className="mt-3" disabled={ratings.isFetchingNextPage} onClick={() => void ratings.fetchNextPage()}>
            {ratings.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </Section>
    </Page>
  );
}
