import type { Role, Scope, VerificationState } from '../../platform/auth.js';

export interface Member {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  verificationState: VerificationState;
  timeZone: string;
  homeLocation: { lat: number; lng: number } | null;
  /** Segments promotions can target; set by admins. */
  groups: string[];
  createdAt: string;
  updatedAt: string;
}

export interface VerificationDecision {
  id: number;
  memberId: string;
  fromState: VerificationState;
  toState: VerificationState;
  reason: string;
  decidedBy: string | null;
  decidedAt: string;
}

export interface ApiKey {
  id: string;
  memberId: string | null;
  name: string;
  displayPrefix: string;
  scopes: Scope[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Who may move a member between verification states. An admin decides; a member whose
 * application needs changes may resubmit it (back to pending). Approval can be withdrawn
 * (approved -> rejected) and a rejection reconsidered (rejected -> approved).
 */
const ADMIN_TRANSITIONS: Record<VerificationState, readonly VerificationState[]> = {
  pending: ['approved', 'rejected', 'needs_changes'],
  needs_changes: ['approved', 'rejected'],
  approved: ['rejected', 'needs_changes'],
  rejected: ['approved'],
};

export function canTransition(from: VerificationState, to: VerificationState, by: 'admin' | 'self'): boolean {
  if (by === 'self') return from === 'needs_changes' && to === 'pending';
  return ADMIN_TRANSITIONS[from].includes(to);
}

export { isValidTimeZone } from '../../platform/time.js';
