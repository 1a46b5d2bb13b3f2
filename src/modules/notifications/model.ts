import type { DomainEvent } from '../../platform/events/types.js';

export const NOTIFY_POLICY = {
  attemptsMax: 8,
  backoffBaseMs: 1_000,
  backoffMaxMs: 15 * 60_000,
  requestTimeoutMs: 5_000,
  leaseMs: 30_000,
  pollMs: 500,
  claimBatchMax: 20,
  /** A digest waits this long after its latest occurrence for more... */
  digestQuietMs: 30_000,
  /** ...but no longer than this after its first. */
  digestWindowMs: 5 * 60_000,
  endpointsPerMemberMax: 5,
} as const;

export const NOTIFICATION_TYPES = [
  'order.received', 'order.paid', 'order.shipped', 'order.delivered', 'order.completed', 'order.cancelled', 'order.refunded',
  'auction.outbid', 'auction.won', 'auction.ended',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Types folded into one message when they come in bursts (per member and subject). */
export const DIGEST_TYPES: ReadonlySet<NotificationType> = new Set(['auction.outbid']);

export interface Notification {
  memberId: string;
  type: NotificationType;
  /** What a digest folds on: the auction of an outbid. */
  subject: string;
  data: Record<string, unknown>;
}

export const EVENT_TYPES = ['order.paid', 'order.shipped', 'order.delivered', 'order.completed', 'order.cancelled', 'order.refunded', 'auction.bid', 'auction.closed'] as const;

/** What a domain event means for members (pure: tested on its own). */
export function notificationsOf(e: DomainEvent): Notification[] {
  const p = e.payload as Record<string, string | number | null | undefined>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const buyer = str('buyerId');
  const seller = str('sellerId');
  const order = { orderId: e.aggregateId, totalMinor: p.totalMinor ?? null, currency: p.currency ?? null };
  const to = (memberId: string | null, type: NotificationType, data: Record<string, unknown>): Notification[] =>
    memberId ? [{ memberId, type, subject: e.aggregateId, data }] : [];
  switch (e.type) {
    case 'order.paid':
      return [...to(buyer, 'order.paid', order), ...to(seller, 'order.received', order)];
    case 'order.shipped':
    case 'order.delivered':
      return to(buyer, e.type, order);
    case 'order.completed':
      return to(seller, 'order.completed', order);
    case 'order.cancelled':
    case 'order.refunded':
      return [...to(buyer, e.type, order), ...to(seller, e.type, order)];
    case 'auction.bid': {
      const previous = str('previousLeaderId');
      if (!previous || previous === str('leaderId')) return [];
      return to(previous, 'auction.outbid', { auctionId: e.aggregateId, priceMinor: p.priceMinor ?? null, endsAt: p.endsAt ?? null });
    }
    case 'auction.closed': {
      const winner = str('winnerId');
      const data = { auctionId: e.aggregateId, outcome: p.outcome ?? null, priceMinor: p.priceMinor ?? null, orderId: p.orderId ?? null };
      return [...to(winner, 'auction.won', data), ...to(seller, 'auction.ended', data)];
    }
    default:
      return [];
  }
}
