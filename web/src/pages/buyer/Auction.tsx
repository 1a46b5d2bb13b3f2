import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { Link } from 'wouter';
import { api, ApiError, must } from '../../api/client';
import { hasRole, useMe } from '../../auth/session';
import { AUCTION_KIND_LABELS, soldOutcome } from '../../ui/auctions';
import { Badge, Card, Empty, ErrorNote, Loading, Page } from '../../ui/kit';
import { AuctionFacts } from './live/AuctionFacts';
import { AuctionOutcome } from './live/AuctionOutcome';
import { BidForm } from './live/BidForm';
import { BidHistory } from './live/BidHistory';
import { BuyNow } from './live/BuyNow';
import { merge } from './live/merge';
import { useAuctionStream } from './live/useAuctionStream';


/** One auction, live. Keyed by its id: opening another auction starts afresh (stream, history, bid form). */
export default function AuctionPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  return <AuctionView key={id} id={id} />;
}

function AuctionView({ id }: { id: string }) {
  const me = useMe();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['auction', id], queryFn: () => must(api.GET('/v1/auctions/{id}', { params: { path: { id } } })) });
  // Exactly the auction: ['auction', id, 'bids', n] (the earlier bids) does not change with new bids.
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: ['auction', id], exact: true }), [client, id]);
  const stream = useAuctionStream(id, query.isSuccess && query.data.state === 'open', refresh);

  // When the end passes, read the auction again a moment later (the stream says so too; this is the fallback).
  const endsAt = query.data ? merge(query.data, stream.snapshot).endsAt : null;
  const isOpen = query.data?.state === 'open';
  useEffect(() => {
    if (!endsAt || !isOpen) return;
    const wait = new Date(endsAt).getTime() - Date.now() + 2_500;
    if (wait > 2 ** 31 - 1) return;
    const t = setTimeout(refresh, Math.max(0, wait));
    return () => clearTimeout(t);
  }, [endsAt, isOpen, refresh]);

  if (query.isPending) return <Page title="Auction"><Loading what="Loading the auction" /></Page>;
  if (query.error instanceof ApiError && (query.error.code === 'AUCTION_NOT_FOUND' || query.error.code === 'VALIDATION_FAILED')) {
    return (
      <Page title="Auction">
        <Empty>This auction does not exist, or it is not open to you. <Link href="/listings" className="text-indigo-700 underline">Browse listings</Link></Empty>
      </Page>
    );
  }
  if (query.error || !query.data) return <Page title="Auction"><ErrorNote error={query.error} onRetry={() => void query.refetch()} /></Page>;

  const a = merge(query.data, stream.snapshot);
  const isSeller = me.data?.id === a.sellerId;
  const open = a.state === 'open';
  const sold = soldOutcome(a.outcome);
  // The read is the truth about who won (only the winner and the seller see the order); until it
  // arrives after the stream said "closed", the result is being fetched.
  const settling = !open && query.data.state === 'open';
  const won = !isSeller && sold && a.orderId !== null;
  const canBid = open && !isSeller && hasRole(me.data, 'buyer');

  return (
    <Page title={a.title} actions={
      <div className="flex flex-wrap gap-2">
        <Badge tone="indigo">Auction: {AUCTION_KIND_LABELS[a.kind]}</Badge>
        <Badge tone={open ? 'green' : 'slate'}>{open ? 'Open' : 'Ended'}</Badge>
      </div>
    }>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="min-w-0 space-y-4">
          <Card><AuctionFacts auction={a} isSeller={isSeller} /></Card>
          {settling && <Card><p role="status" className="text-slate-700">The auction has ended. Getting the result…</p></Card>}
          {!open && !settling && <AuctionOutcome auction={a} isSeller={isSeller} won={won} />}
          {open && isSeller && (
            <Card><p className="text-slate-700">This is your auction. Buyers in the listing's audience bid on it; you see every change here as it happens.</p></Card>
          )}
          {open && !isSeller && !canBid && (
            <Card><p className="text-slate-700">Bidding needs a buyer account.</p></Card>
          )}
          {canBid && (
            <Card className="space-y-6">
              <BidForm key={a.kind} auction={a} onPlaced={refresh} />
              {a.kind === 'english' && <BuyNow auction={a} onBought={refresh} />}
            </Card>
          )}
        </div>
        <Card className="min-w-0 md:self-start">
          <BidHistory
            auctionId={a.id}
            entries={stream.history} status={stream.status} sealed={a.kind !== 'english'} isSeller={isSeller} currency={a.currency}
            bidsBefore={Math.max(0, a.bidCount - stream.history.reduce((n, e) => n + (e.kind === 'bid' ? e.newBids : 0), 0))}
            closed={!open} onReconnect={stream.reconnect}
          />
        </Card>
      </div>
    </Page>
  );
}
