import { DateTime } from 'luxon';
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

/** A calendar day (YYYY-MM-DD) moved by whole days; days are zone-free here, so UTC arithmetic is exact. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** The ISO week (weeks start on Monday) a moment falls in, in a time zone, as YYYY-Www. */
export function memberWeek(timeZone: string, at: Date): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/** When the day or ISO week containing `at` ends in a time zone: the next local midnight (Monday's for a week). */
export function nextLocalReset(timeZone: string, at: Date, unit: 'day' | 'week'): Date {
  // startOf('day') again: where DST begins at midnight, "a day later" can land at 01:00.
  return DateTime.fromJSDate(at, { zone: timeZone }).startOf(unit).plus(unit === 'day' ? { days: 1 } : { weeks: 1 }).startOf('day').toJSDate();
}

/** Whether the IANA time-zone database knows this zone. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
