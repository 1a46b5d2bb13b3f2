import { LRUCache } from 'lru-cache';

/**
 * Events per key within a sliding window (sign-in failures, lookups), in this process's memory:
 * bounded by an LRU, so a flood of keys forgets the oldest rather than growing without end. With
 * several processes each counts its own share: limits are per process, and say so where they apply.
 */
export class WindowCounter {
  private readonly seen: LRUCache<string, number[]>;

  constructor(readonly limit: number, readonly windowMs: number, keysMax = 100_000) {
    this.seen = new LRUCache({ max: keysMax });
  }

  /** The key's events still in the window, oldest first. */
  recent(key: string, nowMs = Date.now()): number[] {
    return (this.seen.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  /** Whether the key is at its limit, and if so, seconds until its oldest event leaves the window. */
  full(key: string, nowMs = Date.now()): { retryAfterS: number } | null {
    const r = this.recent(key, nowMs);
    return r.length >= this.limit ? { retryAfterS: Math.ceil((r[0]! + this.windowMs - nowMs) / 1000) } : null;
  }

  add(key: string, nowMs = Date.now()): void {
    this.seen.set(key, [...this.recent(key, nowMs), nowMs]);
  }

  /** Counts an event unless the key is full: false when it is. */
  allow(key: string, nowMs = Date.now()): boolean {
    if (this.full(key, nowMs)) return false;
    this.add(key, nowMs);
    return true;
  }

  /** Takes back one event counted at `atMs` (an attempt that turned out fine). */
  remove(key: string, atMs: number): void {
    const events = this.seen.get(key) ?? [];
    const i = events.indexOf(atMs);
    if (i >= 0) events.splice(i, 1);
    if (events.length === 0) this.seen.delete(key);
  }

  clear(key: string): void {
    this.seen.delete(key);
  }
}
