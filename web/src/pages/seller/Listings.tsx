import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { Button, Empty, ErrorNote, Loading, Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { audienceLabel, linkClass, ListingStateBadge, Saved, useSellerId, type Listing, type ListingState } from './parts/common';
import { ConfirmButton } from './parts/ConfirmButton';
import { CreateListing } from './parts/CreateListing';
import { useListingState } from './parts/useListingState';

const FILTERS: { value: '' | ListingState; label: string }[] = [
  { value: '', label: 'All' }, { value: 'draft', label: 'Drafts' }, { value: 'active', label: 'Active' }, { value: 'sold', label: 'Sold' }, { value: 'withdrawn', label: 'Withdrawn' },
];

/** The seller's listings in every state (the search shows a seller its own drafts and closed listings), with publish and withdraw. */
export default function Listings() {
  const sellerId = useSellerId();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; published: boolean } | null>(null);
  const [filter, setFilter] = useState<'' | ListingState>('');
  const query = useInfiniteQuery({
    queryKey: ['my-listings', sellerId],
    queryFn: ({ pageParam }) => must(api.GET('/v1/listings', { params: { query: { sellerId, sort: 'newest', limit: 100, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!sellerId,
  });
  const all = query.data?.pages.flatMap((p) => p.items) ?? [];
  const shown = filter ? all.filter((l) => l.state === filter) : all;
  return (
    <Page title="My listings" actions={!creating && <Button onClick={() => { setCreating(true); setCreated(null); }}>New listing</Button>}>
      {creating && (
        <CreateListing onCancel={() => setCreating(false)} onDone={(id, published) => { setCreated({ id, published }); setCreating(false); }} />
      )}
      {created && (
        <Saved>
          {created.published ? 'Listing created and published.' : 'Draft saved.'}{' '}
          <Link href={`/seller/listings/${created.id}`} className={linkClass}>Edit it or choose who can see it</Link>
        </Saved>
      )}
      <div className="max-w-xs">
        <Select label="Show" value={filter} onChange={(e) => setFilter(e.target.value as '' | ListingState)}>
          {FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
        </Select>
      </div>
      {query.isPending ? <Loading what="Loading your listings" /> : query.error ? (
        <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      ) : shown.length === 0 ? (
        <Empty>{all.length === 0 ? 'You have no listings yet. Use “New listing” to create one.' : 'No listings in this state.'}</Empty>
      ) : (
        <ListingTable listings={shown} />
      )}
      {query.hasNextPage && (
        <Button variant="secondary" className="mt-3" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </Page>
  );
}

function ListingTable({ listings }: { listings: Listing[] }) {
  const change = useListingState();
  return (
    <>
      <ErrorNote error={change.error} />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[640px] text-left text-sm">
          <caption className="sr-only">Your listings</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Title</th>
              <th scope="col" className="px-3 py-2">State</th>
              <th scope="col" className="px-3 py-2">Price</th>
              <th scope="col" className="px-3 py-2">Quantity</th>
              <th scope="col" className="px-3 py-2">Who can see it</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {listings.map((l) => {
              const busy = change.isPending && change.variables?.id === l.id;
              return (
                <tr key={l.id} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/seller/listings/${l.id}`} id={`title-${l.id}`} className={linkClass}>{l.title}</Link>
                    <div className="text-xs font-normal text-slate-600">{l.category}</div>
                  </th>
                  <td className="px-3 py-2"><ListingStateBadge state={l.state} /></td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatMoney(l.priceMinor, l.currency)}</td>
                  <td className="px-3 py-2">{l.quantity}</td>
                  <td className="px-3 py-2">{audienceLabel(l.audience)}</td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap justify-end gap-2">
                      <Link href={`/seller/listings/${l.id}`} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-800 hover:bg-slate-100">
                        Edit
                      </Link>
                      {l.state === 'draft' && (
                        <Button id={`publish-${l.id}`} aria-labelledby={`publish-${l.id} title-${l.id}`} disabled={busy} onClick={() => change.mutate({ id: l.id, state: 'active' })}>Publish</Button>
                      )}
                      {(l.state === 'draft' || l.state === 'active') && (
                        <ConfirmButton label="Withdraw" confirm="Yes, withdraw" whatId={`title-${l.id}`} question="Withdraw for good?" disabled={busy}
                          onConfirm={() => change.mutate({ id: l.id, state: 'withdrawn' })} />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
