import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { hasRole, useMe } from '../../auth/session';
import { formatDateTime } from '../../ui/format';
import { Badge, Card, Loaded, Page } from '../../ui/kit';
import { AuctionLink } from './shop/AuctionLink';
import { PriceTag, SellerLine } from './shop/bits';
import { BuyBox } from './shop/BuyBox';
import { conditionLabel } from './shop/ListingCard';
import type { Listing as ListingT } from './shop/types';

/** One listing: details, images, the price now (and why, with a surge), and buying. */
export default function Listing({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const me = useMe();
  const listing = useQuery({
    queryKey: ['listing', id],
    queryFn: () => must(api.GET('/v1/listings/{id}', { params: { path: { id } } })),
    retry: (n, err) => n < 2 && !(err && 'status' in err && err.status === 404),
  });

  return (
    <Loaded query={listing}>
      {(l) => <ListingView listing={l} memberId={me.data?.id ?? ''} canBuy={hasRole(me.data, 'buyer')} />}
    </Loaded>
  );
}

function ListingView({ listing: l, memberId, canBuy }: { listing: ListingT; memberId: string; canBuy: boolean }) {
  const own = l.sellerId === memberId;
  // Only https images: a plain http one would be blocked (mixed content) or leak the visit.
  const images = l.images.filter((u) => u.startsWith('https://'));
  const attributes = Object.entries(l.attributes);
  const forSale = !own && l.state === 'active' && l.quantity > 0;

  return (
    <Page title={l.title} actions={<Link href={own ? '/seller/listings' : '/listings'} className="text-sm text-indigo-700 underline">{own ? 'My listings' : 'Back to listings'}</Link>}>
      <div className="grid grid-cols-1 gap-6 md:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          {images.length > 0 && (
            <ul aria-label="Images" className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {images.map((src, i) => (
                <li key={src}>
                  <img src={src} referrerPolicy="no-referrer" alt={images.length === 1 ? l.title : `${l.title}, image ${i + 1} of ${images.length}`}
                    className="aspect-square w-full rounded-md bg-slate-100 object-cover" />
                </li>
              ))}
            </ul>
          )}
          <div className="flex flex-wrap gap-2">
            <Badge tone="indigo">{l.category}</Badge>
            <Badge>{conditionLabel(l.condition)}</Badge>
            {l.state !== 'active' && <Badge tone="red">{l.state}</Badge>}
          </div>
          {l.description && <p className="whitespace-pre-line text-slate-800">{l.description}</p>}
          {attributes.length > 0 && (
            <div className="relative overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="mb-1 text-left font-semibold">Details</caption>
                <tbody>
                  {attributes.map(([name, value]) => (
                    <tr key={name} className="border-t border-slate-200">
                      <th scope="row" className="py-1 pr-4 text-left font-medium text-slate-600">{name}</th>
                      <td className="py-1">{typeof value === 'string' ? value : JSON.stringify(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="text-sm text-slate-600">Listed {formatDateTime(l.createdAt)}</p>
        </div>

        <aside aria-label="Buy" className="space-y-4">
          <Card className="space-y-3">
            <h2 className="sr-only">Price</h2>
            <div className="text-xl"><PriceTag listing={l} showReason /></div>
            <p><SellerLine sellerId={l.sellerId} /></p>
            {own ? (
              <p className="text-sm">This is your listing. <Link href={`/seller/listings/${l.id}`} className="text-indigo-700 underline">Edit it</Link></p>
            ) : forSale && canBuy ? (
              <BuyBox listing={l} memberId={memberId} />
            ) : forSale ? (
              <p className="text-sm text-slate-600">Buying needs a buyer account.</p>
            ) : (
              <p className="text-sm text-slate-600">This listing is not for sale right now.</p>
            )}
          </Card>
          <AuctionLink listingId={l.id} own={own} />
        </aside>
      </div>
    </Page>
  );
}
