import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { formatDate, formatDateTime, plural } from '../../ui/format';
import { Card, Loaded, Page } from '../../ui/kit';
import { orderName } from '../../ui/orders';
import { PagedList, usePaged } from '../../ui/paging';
import { linkClass, Section, useSellerId } from './parts/common';

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
  const ratings = usePaged({
    queryKey: ['seller-ratings', id],
    page: (cursor) => must(api.GET('/v1/sellers/{id}/ratings', { params: { path: { id }, query: { limit: 50, cursor } } })),
    enabled: !!id,
  });
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
                <span className="text-slate-700">from {plural(seller.rating.count, 'rating')}</span>
              </div>
            )}
            <p className="mt-2 text-sm text-slate-600">{plural(seller.listings, 'active listing')} · selling since {formatDate(seller.memberSince)}</p>
          </Card>
        )}
      </Loaded>
      <Section title="What buyers said">
        <PagedList paged={ratings} pending="Loading ratings" empty="No ratings received yet.">
          {(items) => (
            <ul className="space-y-3">
              {items.map((r, i) => (
                <li key={r.orderId ?? `${r.createdAt}-${i}`}>
                  <Card>
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <Stars value={r.stars} />
                      <span className="font-medium">{r.buyerName}</span>
                      <span className="text-xs text-slate-600">{formatDateTime(r.createdAt)}</span>
                      {r.orderId && <Link href={`/orders/${r.orderId}`} className={`ml-auto text-sm ${linkClass}`}>{orderName(r.orderId)}</Link>}
                    </div>
                    {r.comment ? <p className="mt-2 whitespace-pre-line text-slate-800">{r.comment}</p> : <p className="mt-2 text-sm text-slate-500">No comment.</p>}
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </PagedList>
      </Section>
    </Page>
  );
}
