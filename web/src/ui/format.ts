/** Dates and numbers for people, one way across the site. */

/** A date and time (the browser's time zone unless given). */
export function formatDateTime(iso: string | Date, opts: { timeZone?: string; seconds?: boolean } = {}): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: opts.seconds ? 'medium' : 'short', timeZone: opts.timeZone }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

export function formatDate(iso: string | Date): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en').format(n);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** A Date as the value of a datetime-local input (local time, minutes). */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value to an ISO timestamp (null when empty or invalid). */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
