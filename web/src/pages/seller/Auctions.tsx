import { useState } from 'react';
import { Link } from 'wouter';
import { AUCTION_KIND_LABELS } from '../../ui/auctions';
import { formatDateTime } from '../../ui/format';
import { Page, Select } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { PagedList } from '../../ui/paging';
import { Table, td } from '../../ui/Table';
import { AuctionStateBadge, useSellerAuctions } from './parts/auctions';
import { linkClass, type Auction } from './parts/common';

/** The seller's auctions, newest first: state, price now, bids, reserve, end; each links to its live page. */
export default function Auctions() {
  const [state, setState] = useState<'' | 'open' | 'closed'>('');
  const auctions = useSellerAuctions({ state: state || undefined });
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
      <PagedList paged={auctions} pending="Loading your auctions" empty={state ? `No ${state} auctions.` : 'You have no auctions yet.'}>
        {(items) => <AuctionTable auctions={items} />}
      </PagedList>
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
    <Table caption="Your auctions" minWidth="min-w-[720px]" head={['Listing', 'State', 'Price now', 'Bids', 'Reserve', 'Ends', 'Order']}>
      {auctions.map((a) => (
        <tr key={a.id}>
          <th scope="row" className={`${td} font-medium`}>
            <Link href={`/auctions/${a.id}`} className={linkClass}>{a.title}</Link>
            <div className="text-xs font-normal text-slate-600">{AUCTION_KIND_LABELS[a.kind]}</div>
          </th>
          <td className={td}><AuctionStateBadge auction={a} /></td>
          <td className={`${td} whitespace-nowrap`}>
            {formatMoney(a.priceMinor, a.currency)}
            {a.kind !== 'english' && a.state === 'open' && <div className="text-xs text-slate-600">sealed until the close</div>}
          </td>
          <td className={td}>{a.bidCount}</td>
          <td className={`${td} whitespace-nowrap`}>{reserveText(a)}</td>
          <td className={`${td} whitespace-nowrap`}>{formatDateTime(a.state === 'closed' && a.closedAt ? a.closedAt : a.endsAt)}</td>
          <td className={td}>
            {a.orderId ? <Link href={`/orders/${a.orderId}`} className={linkClass}>View order<span className="sr-only"> for {a.title}</span></Link> : '—'}
          </td>
        </tr>
      ))}
    </Table>
  );
}
