import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { busyProps, ConfirmButton } from '../../ui/ConfirmButton';
import { Button, Empty, ErrorNote, Loading, Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { LoadMore, usePaged } from '../../ui/paging';
import { Table, td } from '../../ui/Table';
import { audienceLabel, linkClass, ListingStateBadge, Saved, useFocusWhen, useSellerId, type Listing, type ListingState } from './parts/common';
import { CreateListing } from './parts/CreateListing';
import { useListingState } from './parts/useListingState';

const FILTERS: { value: '' | ListingState; label: string }[] = [
  { value: '', label: 'All' }, { value: 'draft', label: 'Drafts' }, { value: 'active', label: 'Active' }, { value: 'sold', label: 'Sold' }, { value: 'withdrawn', label: 'Withdrawn' },
];

/**
 * The seller's listings in every state (the search shows a seller their own drafts and closed
 * listings), filtered by state on the server, with publish and withdraw.
 */
export default function Listings() {
  const sellerId = useSellerId();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; published: boolean; publishError?: unknown } | null>(null);
  const [filter, setFilter] = useState<'' | ListingState>('');
  const listings = usePaged({
    queryKey: ['my-listings', sellerId, filter],
    page: (cursor) => must(api.GET('/v1/listings', { params: { query: { sellerId, sort: 'newest', limit: 100, cursor, ...(filter ? { state: filter } : {}) } } })),
    enabled: !!sellerId,
  });
  const { error, items } = listings;
  return (
    <Page title="My listings" actions={!creating && <Button onClick={() => { setCreating(true); setCreated(null); }}>New listing</Button>}>
      {creating && (
        <CreateListing onCancel={() => setCreating(false)} onDone={(id, published, publishError) => { setCreated({ id, published, publishError }); setCreating(false); }} />
      )}
      <Saved>
        {created && (
          <>
            {created.published ? 'Listing created and published.' : created.publishError ? 'Draft saved; publishing failed.' : 'Draft saved.'}{' '}
            <Link href={`/seller/listings/${created.id}`} className={linkClass}>Edit it or choose who can see it</Link>
          </>
        )}
      </Saved>
      {created?.publishError ? <ErrorNote error={created.publishError} /> : null}
      <div className="max-w-xs">
        <Select label="Show" value={filter} onChange={(e) => setFilter(e.target.value as '' | ListingState)}>
          {FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
        </Select>
      </div>
      {listings.isPending ? <Loading what="Loading your listings" /> : items.length === 0 && error ? (
        <ErrorNote error={error} onRetry={() => void listings.refetch()} />
      ) : (
        <>
          {items.length > 0 ? <ListingTable listings={items} /> : (
            <Empty>{filter ? 'No listings in this state.' : 'You have no listings yet. Use “New listing” to create one.'}</Empty>
          )}
          <LoadMore paged={listings} />
        </>
      )}
    </Page>
  );
}

function ListingTable({ listings }: { listings: Listing[] }) {
  const change = useListingState();
  const [changed, setChanged] = useState<{ id: string; title: string; state: 'active' | 'withdrawn' } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const row = changed && listings.find((l) => l.id === changed.id);
  // The button pressed goes away with the state (or the row, under a filter): focus goes to the status line.
  useFocusWhen(!!changed && (!row || row.state === changed.state), status);
  const act = (l: Listing, state: 'active' | 'withdrawn') => {
    if (change.isPending) return;
    setChanged(null);
    change.mutate({ id: l.id, state }, { onSuccess: () => setChanged({ id: l.id, title: l.title, state }) });
  };
  return (
    <>
      <ErrorNote error={change.error} />
      <Saved ref={status}>{changed && `“${changed.title}” ${changed.state === 'active' ? 'published' : 'withdrawn'}.`}</Saved>
      <Table caption="Your listings" minWidth="min-w-[640px]" head={['Title', 'State', 'Price', 'Quantity', 'Who can see it', <span className="sr-only">Actions</span>]}>
        {listings.map((l) => {
          return (
            <tr key={l.id}>
              <th scope="row" className={`${td} font-medium`}>
                <Link href={`/seller/listings/${l.id}`} id={`title-${l.id}`} className={linkClass}>{l.title}</Link>
                <div className="text-xs font-normal text-slate-600">{l.category}</div>
              </th>
              <td className={td}><ListingStateBadge state={l.state} /></td>
              <td className={`${td} whitespace-nowrap`}>{formatMoney(l.priceMinor, l.currency)}</td>
              <td className={td}>{l.quantity}</td>
              <td className={td}>{audienceLabel(l.audience)}</td>
              <td className={td}>
                <div className="flex flex-wrap justify-end gap-2">
                  <Link href={`/seller/listings/${l.id}`} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-800 hover:bg-slate-100">
                    Edit<span className="sr-only"> {l.title}</span>
                  </Link>
                  {l.state === 'draft' && (
                    <Button id={`publish-${l.id}`} aria-labelledby={`publish-${l.id} title-${l.id}`} {...busyProps(change.isPending)} onClick={() => act(l, 'active')}>
                      Publish
                    </Button>
                  )}
                  {(l.state === 'draft' || l.state === 'active') && (
                    <ConfirmButton label="Withdraw" confirm="Yes, withdraw" whatId={`title-${l.id}`} question="Withdraw for good?" busy={change.isPending}
                      onConfirm={() => act(l, 'withdrawn')} />
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
