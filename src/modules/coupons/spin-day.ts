import { LRUCache } from 'lru-cache';

/**
 * The calendar day a moment falls on in a member's time zone, as YYYY-MM-DD: the day a spin counts
 * against. Computed with the IANA rules (Intl), so a day across a DST change is 23 or 25 hours long
 * and still one day. The formatters are cached: building one costs far more than using it.
 */
const formatters = new LRUCache<string, Intl.DateTimeFormat>({ max: 1000 });

export function memberDay(timeZone: string, at: Date): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}
