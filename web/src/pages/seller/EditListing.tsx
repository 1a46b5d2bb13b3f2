import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { busyProps, ConfirmButton } from '../../ui/ConfirmButton';
import { Button, Card, ErrorNote, Loaded, Page } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { AudienceEditor } from './parts/AudienceEditor';
import { linkClass, ListingStateBadge, Saved, Section, useFocusWhen, type Listing } from './parts/common';
import { EditDetails } from './parts/EditDetails';
import { ListingAuctions } from './parts/ListingAuctions';
import { SurgeEditor } from './parts/SurgeEditor';
import { useListingState } from './parts/useListingState';

/** One listing of the seller's: its state, details, audience, surge opt-in and auctions. */
export default function EditListing({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const query = useQuery({ queryKey: ['listing', id], queryFn: () => must(api.GET('/v1/listings/{id}', { params: { path: { id } } })) });
  return (
    <Page title={query.data ? `Edit listing: ${query.data.title}` : 'Edit listing'}
      actions={<Link href="/seller/listings" className={linkClass}>Back to my listings</Link>}>
      <Loaded query={query}>
        {(listing) => (
          <div key={listing.id}>
            <StateBar listing={listing} />
            <div className="grid items-start gap-6 lg:grid-cols-2">
              <Card>
                <Section title="Details"><EditDetails listing={listing} /></Section>
              </Card>
              <div className="space-y-6">
                <Card>
                  <Section title="Audience"><AudienceEditor listing={listing} /></Section>
                </Card>
                <Card>
                  <Section title="Surge pricing"><SurgeEditor listing={listing} /></Section>
                </Card>
              </div>
            </div>
            <Card className="mt-6">
              <Section title="Auction">
                <ListingAuctions listing={listing} />
              </Section>
            </Card>
          </div>
        )}
      </Loaded>
    </Page>
  );
}

function StateBar({ listing }: { listing: Listing }) {
  const change = useListingState();
  const status = useRef<HTMLParagraphElement>(null);
  const changedTo = change.isSuccess ? change.data.state : null;
  // Publish and Withdraw go away with the state they change: focus goes to the line saying it was done.
  useFocusWhen(!!changedTo && listing.state === changedTo, status);
  return (
    <Card className="mb-6">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-700">State:</span>
        <ListingStateBadge state={listing.state} />
        <span className="text-sm text-slate-700">{formatMoney(listing.priceMinor, listing.currency)} · {listing.quantity} in stock</span>
        <div className="ml-auto flex flex-wrap gap-2">
          {listing.state === 'draft' && (
            <Button {...busyProps(change.isPending)} onClick={() => { if (!change.isPending) change.mutate({ id: listing.id, state: 'active' }); }}>Publish</Button>
          )}
          {(listing.state === 'draft' || listing.state === 'active') && (
            <ConfirmButton label="Withdraw" confirm="Yes, withdraw" question="Withdraw for good? Buyers will no longer see it." busy={change.isPending}
              onConfirm={() => change.mutate({ id: listing.id, state: 'withdrawn' })} />
          )}
          <Link href={`/listings/${listing.id}`} className="inline-flex min-h-10 items-center rounded-md px-2 text-sm text-indigo-700 underline">View as buyers see it</Link>
        </div>
      </div>
      <ErrorNote error={change.error} />
      <Saved ref={status}>{changedTo === 'active' ? 'Published: buyers who may see it can find it now.' : changedTo === 'withdrawn' ? 'Withdrawn: buyers no longer see it.' : ''}</Saved>
    </Card>
  );
}
