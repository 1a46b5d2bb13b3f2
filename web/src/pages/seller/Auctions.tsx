import { useState } from 'react';
import { Link } from 'wouter';
import { Button, Empty, ErrorNote, Loading, Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { AuctionStateBadge, KIND_LABELS, useSellerAuctions } from './parts/auctions';
import { formatDate, linkClass, type Auction } from './parts/common';

/** The seller's auctions, newest first: state, price now, bids, reserve, end; each links to its live page. */
export default function Auctions() {
  const [state, setState] = useState<'' | 'open' | 'closed'>('');
  const query = useSellerAuctions({ state: state || undefined });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title="My auctions">
      <p className="mb-3 text-sm text-slate-600">Start an auction from a listing's page under <Link href="/seller/listings" className={linkClass}>My listings</Link>.</p>
      <div className="max-w-xs">
        <Select label="Show" value={state} onChange={(e) => setState(e.target.value as '' | 'open' | 'closed')}>
          <option value="">All auctions</option>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </Select>
      </div>
      {query.isPending ? <Loading what="Loading your auctions" /> : query.error ? <ErrorNote error={query.error} onRetry={() => void query.refetch()} /> :
        items.length === 0 ? <Empty>{state ? `No ${state} auctions.` : 'You have no auctions yet.'}</Empty> : <AuctionTable auctions={items} />}
      {query.hasNextPage && (
        <Button variant="secondary" className="mt-3" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </Page>
  );
}

function reserveText(a: Auction): string {
  if (!a.reserve) return 'None';
  const amount = a.reserve.reserveMinor !== undefined ? formatMoney(a.reserve.reserveMinor, a.currency) : '';
  return `${amount}${amount ? ' · ' : ''}${a.reserve.met ? 'met' : 'not met'}`;
}

function AuctionTable({ auctions }: { auctions: Auction[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[720px] text-left text-sm">
        <caption className="sr-only">Your auctions</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">Listing</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2">Price now</th>
            <th scope="col" className="px-3 py-2">Bids</th>
            <th scope="col" className="px-3 py-2">Reserve</th>
            <th scope="col" className="px-3 py-2">Ends</th>
            <th scope="col" className="px-3 py-2">Order</th>
          </tr>
        </thead>
        <tbody>
          {auctions.map((a) => (
            <tr key={a.id} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/auctions/${a.id}`} className={linkClass}>{a.title}</Link>
                <div className="text-xs font-normal text-slate-600">{KIND_LABELS[a.kind]}</div>
              </th>
              <td className="px-3 py-2"><AuctionStateBadge auction={a} /></td>
              <td className="px-3 py-2 whitespace-nowrap">
                {formatMoney(a.priceMinor, a.currency)}
                {a.kind !== 'english' && a.state === 'open' && <div className="text-xs text-slate-600">sealed until the close</div>}
              </td>
              <td className="px-3 py-2">{a.bidCount}</td>
              <td className="px-3 py-2 whitespace-nowrap">{reserveText(a)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDate(a.state === 'closed' && a.closedAt ? a.closedAt : a.endsAt)}</td>
              <td className="px-3 py-2">{a.orderId ? <Link href={`/orders/${a.orderId}`} className={linkClass}>View order</Link> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
