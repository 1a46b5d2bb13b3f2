import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import { every } from '../../platform/periodic.js';

/** What a watcher is told of an auction (whether it leads is worked out per watcher). */
export interface AuctionSnapshot {
  auctionId: string;
  priceMinor: number;
  bidCount: number;
  leaderId: string | null;
  endsAt: string;
  state: 'open' | 'closed';
  outcome: string | null;
}

type Listener = (s: AuctionSnapshot) => void;

export const WATCH_POLICY = { pollMs: 1_000, watchersMax: 10_000 } as const;

/**
 * Live updates for watchers (Server-Sent Events). Bids applied in this process are pushed the
 * moment they commit; bids applied by another process are seen by a poll of the watched auctions
 * once a second (one query for all of them), so every process's watchers see every change,
 * without a broker. A snapshot is sent only when the auction changed since the last one sent.
 */
export class AuctionWatch {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly lastSent = new Map<string, string>();
  private stopPoll: (() => void) | null = null;

  constructor(private readonly db: Db, private readonly log: Logger | null = null) {}

  get watchers(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Returns the function that stops watching. */
  watch(auctionId: string, listener: Listener): () => void {
    let set = this.listeners.get(auctionId);
    if (!set) this.listeners.set(auctionId, (set = new Set()));
    set.add(listener);
    this.stopPoll ??= every(WATCH_POLICY.pollMs, () => this.poll(), this.log, 'auction watch poll');
    return () => {
      set.delete(listener);
      if (set.size > 0) return;
      this.listeners.delete(auctionId);
      this.lastSent.delete(auctionId);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Tells the auction's watchers, unless they were told this already. */
  publish(s: AuctionSnapshot): void {
    const set = this.listeners.get(s.auctionId);
    if (!set) return;
    const key = `${s.bidCount}|${s.priceMinor}|${s.endsAt}|${s.state}`;
    if (this.lastSent.get(s.auctionId) === key) return;
    this.lastSent.set(s.auctionId, key);
    for (const listener of set) listener(s);
  }

  async poll(): Promise<void> {
    const ids = [...this.listeners.keys()];
    if (ids.length === 0) return;
    const { rows } = await sql<{ id: string; price_minor: number; bid_count: number; leader_id: string | null; ends_at: Date; state: 'open' | 'closed'; outcome: string | null }>`
      SELECT id, price_minor, bid_count, leader_id, ends_at, state, outcome FROM auctions.auctions WHERE id = ANY(${ids}::uuid[])`.execute(this.db);
    for (const r of rows) this.publish({ auctionId: r.id, priceMinor: r.price_minor, bidCount: r.bid_count, leaderId: r.leader_id, endsAt: r.ends_at.toISOString(), state: r.state, outcome: r.outcome });
  }

  stop(): void {
    this.stopPoll?.();
    this.stopPoll = null;
  }
}
