import { AUCTION_OUTCOME_LABELS, type AuctionOutcome } from '../../../ui/auctions';
import { Button } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { EarlierBids } from './EarlierBids';
import type { HistoryEntry, StreamStatus } from './useAuctionStream';

const time = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const STATUS: Record<StreamStatus, { text: string; dot: string }> = {
  connecting: { text: 'Connecting…', dot: 'bg-slate-400' },
  live: { text: 'Live', dot: 'bg-green-600' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-500' },
  stopped: { text: 'Live updates stopped', dot: 'bg-slate-400' },
};

/** The streamed outcome in words ("sold", "reserve not met, not sold"); "ended" for one it does not know. */
function outcomeText(outcome: string | null): string {
  const label = outcome && outcome in AUCTION_OUTCOME_LABELS ? AUCTION_OUTCOME_LABELS[outcome as AuctionOutcome].toLowerCase() : null;
  if (!label) return 'ended';
  return outcome === 'reserve_not_met' ? `${label}, not sold` : label;
}

/**
 * The bids seen while this page is open, newest first, announced politely: each entry is a change
 * the live stream reported (the price after it and who leads); the bids before it, folded below.
 */
export function BidHistory({ auctionId, entries, status, sealed, isSeller, currency, bidsBefore, closed, onReconnect }: {
  auctionId: string;
  entries: HistoryEntry[];
  status: StreamStatus;
  sealed: boolean;
  isSeller: boolean;
  currency: string;
  bidsBefore: number;
  closed: boolean;
  onReconnect: () => void;
}) {
  const s = STATUS[status];
  return (
    <section aria-labelledby="bids-heading">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="bids-heading" className="text-lg font-semibold">Bid history</h2>
        {!closed && (
          <span className="flex items-center gap-2 text-sm text-slate-700">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${s.dot}`} />
            {s.text}
            {status === 'stopped' && <Button variant="secondary" className="min-h-8 px-2 py-1" onClick={onReconnect}>Reconnect</Button>}
          </span>
        )}
      </div>
      <ol aria-label="Bids" aria-live="polite" className={entries.length ? 'divide-y divide-slate-100 rounded-md border border-slate-200 bg-white' : ''}>
        {entries.map((e) => (
          <li key={e.key} className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-2 text-sm">
            {e.kind === 'bid' ? (
              <>
                <span>
                  {e.newBids > 1 ? `${e.newBids} new bids` : 'New bid'}
                  {sealed ? '' : <> · price <strong>{formatMoney(e.priceMinor, currency)}</strong></>}
                  {sealed || isSeller ? '' : e.leading ? ' · you lead' : ' · another bidder leads'}
                  {e.extendedTo ? ' · end extended' : ''}
                </span>
                <time dateTime={e.at.toISOString()} className="text-xs text-slate-600">{time(e.at)}</time>
              </>
            ) : (
              <>
                <span className="font-semibold">Auction ended: {outcomeText(e.outcome)}{e.outcome === 'sold' ? ` at ${formatMoney(e.priceMinor, currency)}` : ''}</span>
                <time dateTime={e.at.toISOString()} className="text-xs text-slate-600">{time(e.at)}</time>
              </>
            )}
          </li>
        ))}
      </ol>
      {entries.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
          {closed ? 'No bids while you watched.' : 'No new bids yet. New bids appear here as they happen.'}
        </p>
      )}
      {bidsBefore > 0 && !sealed && <EarlierBids auctionId={auctionId} upToSeq={bidsBefore} currency={currency} />}
      {bidsBefore > 0 && sealed && (
        <p className="mt-1 text-xs text-slate-600">{bidsBefore} sealed {bidsBefore === 1 ? 'bid was' : 'bids were'} placed before you opened this page.</p>
      )}
    </section>
  );
}
