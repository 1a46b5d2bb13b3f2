/** Small pure helpers for the live pages: durations and local resets in a time zone (dates and amounts: ui/format.ts, ui/money.ts). */

/** "2 d 3 h", "1 h 05 min", "4 min 09 s", "12 s": the larger units first, at most two. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/** Minutes east of UTC of a time zone at an instant. */
function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The next local midnight (Monday's for a week) in a time zone, after `now`: when a daily or
 * weekly window starts again. DST days of 23 or 25 hours are handled by asking Intl for the offset.
 */
export function nextLocalReset(timeZone: string, now: Date, unit: 'day' | 'week'): Date {
  const local = new Date(now.getTime() + offsetMinutes(timeZone, now) * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0
  const days = unit === 'day' ? 1 : 7 - weekday;
  const wallClock = Date.UTC(y, m, d + days); // local midnight, read as if it were UTC
  let guess = wallClock - offsetMinutes(timeZone, new Date(wallClock)) * 60_000;
  guess = wallClock - offsetMinutes(timeZone, new Date(guess)) * 60_000;
  return new Date(guess);
}
