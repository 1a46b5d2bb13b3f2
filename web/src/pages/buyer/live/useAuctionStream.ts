import { useEffect, useRef, useState } from 'react';

/** One `auction` event of GET /v1/auctions/{id}/events (src/modules/auctions/routes.ts). */
export interface AuctionSnapshot {
  auctionId: string;
  priceMinor: number;
  bidCount: number;
  endsAt: string;
  state: 'open' | 'closed';
  outcome: string | null;
  leading: boolean;
}

/** What the live list shows: bids seen while watching (with the price after them), extensions and the close. */
export type HistoryEntry =
  | { kind: 'bid'; key: string; at: Date; bidCount: number; newBids: number; priceMinor: number; leading: boolean; extendedTo: string | null }
  | { kind: 'closed'; key: string; at: Date; priceMinor: number; outcome: string | null; leading: boolean };

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

const HISTORY_MAX = 100;

function isSnapshot(v: unknown): v is AuctionSnapshot {
  const s = v as AuctionSnapshot;
  return !!s && typeof s.priceMinor === 'number' && typeof s.bidCount === 'number' && typeof s.endsAt === 'string' && (s.state === 'open' || s.state === 'closed');
}

/** The history entries a new snapshot adds after the previous one (pure, for tests). */
export function entriesBetween(prev: AuctionSnapshot, next: AuctionSnapshot, at: Date): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  if (next.bidCount > prev.bidCount) {
    out.push({
      kind: 'bid', key: `b${next.bidCount}`, at, bidCount: next.bidCount, newBids: next.bidCount - prev.bidCount, priceMinor: next.priceMinor,
      leading: next.leading, extendedTo: new Date(next.endsAt) > new Date(prev.endsAt) ? next.endsAt : null,
    });
  }
  if (next.state === 'closed' && prev.state !== 'closed') {
    out.push({ kind: 'closed', key: 'closed', at, priceMinor: next.priceMinor, outcome: next.outcome, leading: next.leading });
  }
  return out;
}

/**
 * Watches an auction over Server-Sent Events (same origin, the session cookie goes along). The
 * browser reconnects by itself after a network failure; a refusal (the auction is no longer
 * visible) stops the stream, and `reconnect` starts it again. The stream ends once the auction closes.
 */
export function useAuctionStream(auctionId: string, enabled: boolean, onChange?: (s: AuctionSnapshot) => void) {
  const [snapshot, setSnapshot] = useState<AuctionSnapshot | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  const last = useRef<AuctionSnapshot | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  // Another auction: nothing seen on the previous one carries over (its price, its bids).
  const [watching, setWatching] = useState(auctionId);
  if (watching !== auctionId) {
    setWatching(auctionId);
    setSnapshot(null);
    setHistory([]);
    setStatus('connecting');
  }
  useEffect(() => {
    last.current = null;
  }, [auctionId]);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    setStatus('connecting');
    const source = new EventSource(`/v1/auctions/${encodeURIComponent(auctionId)}/events`);
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting');
    source.addEventListener('auction', (event) => {
      let next: unknown;
      try {
        next = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      if (!isSnapshot(next)) return;
      const prev = last.current;
      if (prev && prev.bidCount === next.bidCount && prev.priceMinor === next.priceMinor && prev.endsAt === next.endsAt && prev.state === next.state && prev.leading === next.leading) return;
      last.current = next;
      if (prev) {
        const added = entriesBetween(prev, next, new Date());
        if (added.length) setHistory((h) => [...added.reverse(), ...h].slice(0, HISTORY_MAX));
      }
      setSnapshot(next);
      setStatus('live');
      changed.current?.(next);
      if (next.state === 'closed') {
        source.close();
        setStatus('stopped');
      }
    });
    return () => source.close();
  }, [auctionId, enabled, generation]);

  return { snapshot, history, status, reconnect: () => setGeneration((g) => g + 1) };
}
