import { useEffect, useId, type ReactNode, type Ref, type RefObject } from 'react';
import type { Body, Json } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { Badge } from '../../../ui/kit';
import { currencyDigits } from '../../../ui/money';

/** Shared types and small pieces of the seller's pages (site-wide ones live in ui/). */

export type Listing = Json<'/v1/listings/{id}', 'get'>;
export type ListingBody = Body<'/v1/listings', 'post'>;
export type Audience = NonNullable<ListingBody['audience']>;
export type Condition = ListingBody['condition'];
export type ListingState = Listing['state'];
export type Auction = Json<'/v1/auctions/{id}', 'get'>;

export const CONDITIONS: { value: Condition; label: string }[] = [
  { value: 'new', label: 'New' },
  { value: 'like_new', label: 'Like new' },
  { value: 'good', label: 'Good' },
  { value: 'fair', label: 'Fair' },
  { value: 'for_parts', label: 'For parts' },
];

const LISTING_TONES: Record<ListingState, 'slate' | 'green' | 'indigo' | 'red'> = { draft: 'slate', active: 'green', sold: 'indigo', withdrawn: 'red' };
const LISTING_LABELS: Record<ListingState, string> = { draft: 'Draft', active: 'Active', sold: 'Sold', withdrawn: 'Withdrawn' };

export function ListingStateBadge({ state }: { state: ListingState }) {
  return <Badge tone={LISTING_TONES[state]}>{LISTING_LABELS[state]}</Badge>;
}

/** A short description of an audience, for tables. */
export function audienceLabel(audience: unknown): string {
  const a = audience as Audience | undefined;
  if (!a) return '—';
  if (a.kind === 'all') return 'All buyers';
  if (a.kind === 'hidden') return 'Hidden';
  const parts: string[] = [];
  if (a.listIds.length) parts.push(`${a.listIds.length} ${a.listIds.length === 1 ? 'list' : 'lists'}`);
  if (a.buyerIds.length) parts.push(`${a.buyerIds.length} ${a.buyerIds.length === 1 ? 'buyer' : 'buyers'}`);
  return parts.length ? `Restricted: ${parts.join(', ')}` : 'Restricted: nobody';
}

/** The signed-in seller's member id (the pages are behind RequireRole, so it is there). */
export function useSellerId(): string {
  return useMe().data?.id ?? '';
}

/** What to say when an amount field does not hold an amount of `currency` (parseMoney gave null). */
export function amountError(what: string, currency: string): string {
  const digits = currencyDigits(currency);
  if (currency === 'COIN') return `Enter the ${what} as a whole number of coins, such as 250 (no separators, no decimals).`;
  if (digits === 0) return `Enter the ${what} as a whole amount of ${currency}, such as 250 (no separators).`;
  return `Enter the ${what} in ${currency} such as 12.50: at most ${digits} decimals, no thousands separators.`;
}

/** A section of a page with its heading. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = id ?? `h-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} className="mb-6">
      <h2 id={headingId} className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A polite confirmation after a save. It is always in the page (empty when there is nothing to
 * say) so screen readers announce what appears in it, and it can take the focus (`ref`) for when
 * the control that was used went away (a row that left its list).
 */
export function Saved({ children, ref }: { children?: ReactNode; ref?: Ref<HTMLParagraphElement> }) {
  return <p ref={ref} role="status" tabIndex={-1} className={children ? 'my-2 text-sm text-green-700 focus:outline-none' : 'sr-only'}>{children}</p>;
}

/**
 * Focus for a control that goes away: once `ready` (the list has re-read and the row left it or
 * changed), if the focus fell to the page's body with the control, it moves to `target` (the
 * list's heading or its status line) instead of starting again from the top of the page.
 */
export function useFocusWhen(ready: boolean, target: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!ready) return;
    const active = document.activeElement;
    if (!active || active === document.body) target.current?.focus();
  }, [ready, target]);
}

/** A text field with its label, hint and error tied to it (the error marks it invalid). */
export function TextField({ label, hint, error, ref, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string; ref?: Ref<HTMLInputElement> }) {
  const own = useId();
  const id = props.id ?? own;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <input ref={ref} id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...props}
        className={`min-h-10 w-full rounded-md border bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 ${error ? 'border-red-500' : 'border-slate-300'}`} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

export const linkClass = 'text-indigo-700 underline hover:text-indigo-900';
