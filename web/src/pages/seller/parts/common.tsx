import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, must, type Body, type Json } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { Badge } from '../../../ui/kit';

/** Shared types and small pieces of the seller's pages. */

export type Listing = Json<'/v1/listings/{id}', 'get'>;
export type ListingBody = Body<'/v1/listings', 'post'>;
export type Audience = NonNullable<ListingBody['audience']>;
export type Condition = ListingBody['condition'];
export type ListingState = Listing['state'];
export type Order = Json<'/v1/orders/{id}', 'get'>;
export type OrderState = Order['state'];
export type Auction = Json<'/v1/auctions/{id}', 'get'>;

export const CONDITIONS: { value: Condition; label: string }[] = [
  { value: 'new', label: 'New' },
  { value: 'like_new', label: 'Like new' },
  { value: 'good', label: 'Good' },
  { value: 'fair', label: 'Fair' },
  { value: 'for_parts', label: 'For parts' },
];

export const CURRENCIES = ['COIN', 'TRY', 'EUR', 'USD', 'GBP'];

const LISTING_TONES: Record<ListingState, 'slate' | 'green' | 'indigo' | 'red'> = { draft: 'slate', active: 'green', sold: 'indigo', withdrawn: 'red' };
const LISTING_LABELS: Record<ListingState, string> = { draft: 'Draft', active: 'Active', sold: 'Sold', withdrawn: 'Withdrawn' };

export function ListingStateBadge({ state }: { state: ListingState }) {
  return <Badge tone={LISTING_TONES[state]}>{LISTING_LABELS[state]}</Badge>;
}

export const ORDER_LABELS: Record<OrderState, string> = {
  pending_payment: 'Awaiting payment', paid: 'Paid', shipped: 'Shipped', delivered: 'Delivered', completed: 'Completed', cancelled: 'Cancelled', refunded: 'Refunded',
};
const ORDER_TONES: Record<OrderState, 'slate' | 'green' | 'amber' | 'red' | 'indigo'> = {
  pending_payment: 'amber', paid: 'indigo', shipped: 'indigo', delivered: 'indigo', completed: 'green', cancelled: 'slate', refunded: 'red',
};
export function OrderStateBadge({ state }: { state: OrderState }) {
  return <Badge tone={ORDER_TONES[state]}>{ORDER_LABELS[state]}</Badge>;
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

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A buyer's display name, looked up by id (the public view of an approved member); the id while loading or unknown. */
export function BuyerName({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ['member', id],
    queryFn: () => must(api.GET('/v1/members/{id}', { params: { path: { id } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (q.data) return <span>{q.data.displayName}</span>;
  return <span className="font-mono text-xs">{id.slice(0, 8)}…</span>;
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

/** A polite confirmation after a save. */
export function Saved({ children }: { children: ReactNode }) {
  return <p role="status" className="my-2 text-sm text-green-700">{children}</p>;
}

export const linkClass = 'text-indigo-700 underline hover:text-indigo-900';
