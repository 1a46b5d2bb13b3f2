import { useQuery } from '@tanstack/react-query';
import { api, must, type Json } from '../api/client';
import { Badge } from './kit';

/** Members for every page: verification states in words, and names looked up by id (cached per member). */

export type VerificationState = Json<'/v1/members/me', 'get'>['verificationState'];

/** Short labels (badges, filters, tables). */
export const VERIFICATION_LABELS: Record<VerificationState, string> = {
  pending: 'Waiting', approved: 'Approved', rejected: 'Rejected', needs_changes: 'Changes asked',
};
const VERIFICATION_TONES = { pending: 'amber', approved: 'green', rejected: 'red', needs_changes: 'indigo' } as const;

/** What the state means, told to the member themself. */
export const VERIFICATION_TEXT: Record<VerificationState, string> = {
  pending: 'Your account is waiting for verification. The Trove team checks every new member before they can buy or sell.',
  needs_changes: 'The Trove team asked for changes to your account before it can be approved.',
  rejected: 'Your account was not approved.',
  approved: 'Your account is verified.',
};

export function VerificationBadge({ state }: { state: VerificationState }) {
  return <Badge tone={VERIFICATION_TONES[state]}>{VERIFICATION_LABELS[state]}</Badge>;
}

/**
 * A member's display name by id (GET /v1/members/{id}: approved members only), cached for five
 * minutes and shared by every row that names the same member. Prefer a name the answer already
 * carries (orders have buyerName and sellerName): this is one request per member.
 */
export function useMemberName(id: string | undefined) {
  return useQuery({
    queryKey: ['member', id],
    queryFn: () => must(api.GET('/v1/members/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 5 * 60_000,
    retry: false,
    select: (m) => m.displayName,
  });
}

/** A member's name, or a short id while it loads or when it cannot be read. */
export function MemberName({ id }: { id: string }) {
  const name = useMemberName(id);
  if (name.data) return <span>{name.data}</span>;
  return <span className="font-mono text-xs">{id.slice(0, 8)}…</span>;
}

/** A seller's public profile (name and rating), cached a minute and shared by every card of that seller. */
export function useSeller(sellerId: string | undefined) {
  return useQuery({
    queryKey: ['seller', sellerId],
    queryFn: () => must(api.GET('/v1/sellers/{id}', { params: { path: { id: sellerId! } } })),
    enabled: !!sellerId,
    staleTime: 60_000,
    retry: false,
  });
}
