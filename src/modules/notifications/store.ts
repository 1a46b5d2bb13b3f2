import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { DIGEST_TYPES, NOTIFY_POLICY, type Notification } from './model.js';

/** The digest's timing (NOTIFY_POLICY's, or a test's shorter one). */
export interface Timing {
  digestQuietMs: number;
  digestWindowMs: number;
}

/** The notifications' SQL. */

export interface Endpoint {
  id: string;
  memberId: string;
  url: string;
  rotation: number;
  createdAt: string;
}

type EndpointRow = { id: string; member_id: string; url: string; rotation: number; created_at: Date };

const toEndpoint = (r: EndpointRow): Endpoint =>
  ({ id: r.id, memberId: r.member_id, url: r.url, rotation: r.rotation, createdAt: r.created_at.toISOString() });

export async function insertEndpoint(ex: Executor, memberId: string, url: string): Promise<Endpoint | null> {
  const { rows } = await sql<EndpointRow>`
    INSERT INTO notifications.endpoints (id, member_id, url)
    SELECT ${crypto.randomUUID()}, ${memberId}, ${url}
    WHERE (SELECT count(*) FROM notifications.endpoints WHERE member_id = ${memberId} AND disabled_at IS NULL) < ${NOTIFY_POLICY.endpointsPerMemberMax}
    RETURNING *`.execute(ex);
  return rows[0] ? toEndpoint(rows[0]) : null;
}

export async function endpointsOf(ex: Executor, memberId: string): Promise<Endpoint[]> {
  const { rows } = await sql<EndpointRow>`
    SELECT * FROM notifications.endpoints WHERE member_id = ${memberId} AND disabled_at IS NULL ORDER BY created_at`.execute(ex);
  return rows.map(toEndpoint);
}

/** Removes a webhook; what was still waiting for it is dropped (dead, with the reason). */
export async function disableEndpoint(ex: Executor, id: string, memberId: string): Promise<boolean> {
  const { rows } = await sql`UPDATE notifications.endpoints SET disabled_at = now() WHERE id = ${id} AND member_id = ${memberId} AND disabled_at IS NULL RETURNING 1`.execute(ex);
  if (rows.length === 0) return false;
  await sql`UPDATE notifications.deliveries SET state = 'dead', last_error = 'endpoint removed' WHERE endpoint_id = ${id} AND state = 'pending'`.execute(ex);
  return true;
}

/** Which of these members have a webhook. */
export async function membersWithEndpoints(ex: Executor, memberIds: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ member_id: string }>`
    SELECT DISTINCT member_id FROM notifications.endpoints WHERE member_id = ANY(${[...new Set(memberIds)]}::uuid[]) AND disabled_at IS NULL`.execute(ex);
  return new Set(rows.map((r) => r.member_id));
}

export async function purgeSeen(ex: Executor, days: number): Promise<void> {
  await sql`DELETE FROM notifications.seen WHERE seen_at < now() - make_interval(days => ${days})`.execute(ex);
}

/** False if this event was turned into notifications already. */
export async function firstSight(ex: Executor, key: string): Promise<boolean> {
  const { rows } = await sql`INSERT INTO notifications.seen (key) VALUES (${key}) ON CONFLICT DO NOTHING RETURNING 1`.execute(ex);
  return rows.length > 0;
}

/**
 * Records a notification for the member's webhooks that want it. A digest type joins the same
 * subject's message while that message is untried and its window open (the deliveries wait a quiet
 * period after each occurrence, at most the window after the first); otherwise a new message.
 */
export async function enqueue(ex: Executor, n: Notification, p: Timing & { channels: ('nats' | 'email')[] }): Promise<void> {
  const { rows } = await sql<{ wanted: boolean; endpoints: string[] }>`
    SELECT coalesce((SELECT enabled FROM notifications.preferences WHERE member_id = ${n.memberId} AND type = ${n.type}), true) AS wanted,
      ARRAY(SELECT id FROM notifications.endpoints WHERE member_id = ${n.memberId} AND disabled_at IS NULL ORDER BY id) AS endpoints`.execute(ex);
  const { wanted, endpoints } = rows[0]!;
  if (!wanted || (endpoints.length === 0 && p.channels.length === 0)) return;
  const digest = DIGEST_TYPES.has(n.type) ? `${n.memberId}:${n.type}:${n.subject}` : null;
  if (digest && (await fold(ex, digest, n, p))) return;
  const id = crypto.randomUUID();
  await sql`INSERT INTO notifications.messages (id, member_id, type, data, digest_key) VALUES (${id}, ${n.memberId}, ${n.type}, ${JSON.stringify(n.data)}::jsonb, ${digest})`.execute(ex);
  const at = sql`now() + make_interval(secs => ${(digest ? p.digestQuietMs : 0) / 1000})`;
  await sql`
    INSERT INTO notifications.deliveries (id, message_id, channel, endpoint_id, next_attempt_at)
    SELECT gen_random_uuid(), ${id}, 'webhook', e, ${at} FROM unnest(${endpoints}::uuid[]) AS e`.execute(ex);
  for (const channel of p.channels) {
    await sql`INSERT INTO notifications.deliveries (id, message_id, channel, next_attempt_at) VALUES (gen_random_uuid(), ${id}, ${channel}, ${at})`.execute(ex);
  }
}

/**
 * Folds into the subject's open digest, if no delivery of it has been tried yet (every copy then
 * carries the same occurrences). The deliveries' row locks, taken here, keep a worker from taking
 * one meanwhile; a worker that already took one makes this a new message.
 */
async function fold(ex: Executor, digest: string, n: Notification, p: Timing): Promise<boolean> {
  const { rows: open } = await sql<{ id: string }>`
    SELECT id FROM notifications.messages WHERE digest_key = ${digest} AND first_at > now() - make_interval(secs => ${p.digestWindowMs / 1000})
    ORDER BY first_at DESC LIMIT 1`.execute(ex);
  if (!open[0]) return false;
  const { rows: copies } = await sql<{ attempts: number; state: string }>`
    SELECT attempts, state FROM notifications.deliveries WHERE message_id = ${open[0].id} ORDER BY id FOR UPDATE`.execute(ex);
  if (copies.length === 0 || copies.some((c) => c.attempts > 0 || c.state !== 'pending')) return false;
  await sql`
    UPDATE notifications.deliveries d SET next_attempt_at = least(m.first_at + make_interval(secs => ${p.digestWindowMs / 1000}), now() + make_interval(secs => ${p.digestQuietMs / 1000}))
    FROM notifications.messages m WHERE d.message_id = m.id AND m.id = ${open[0].id}`.execute(ex);
  await sql`UPDATE notifications.messages SET count = count + 1, data = ${JSON.stringify(n.data)}::jsonb, last_at = now() WHERE id = ${open[0].id}`.execute(ex);
  return true;
}

export interface Claimed {
  id: string;
  attempts: number;
  channel: 'webhook' | 'nats' | 'email';
  /** Webhook only. */
  url: string | null;
  endpointId: string | null;
  rotation: number;
  message: { id: string; memberId: string; type: string; data: unknown; count: number; firstAt: string; lastAt: string };
}

/** Takes due deliveries for this worker for a lease; a worker that dies loses them when it runs out. */
export async function claimDue(ex: Executor, limit: number, leaseMs: number): Promise<Claimed[]> {
  const { rows } = await sql<{ id: string; attempts: number; channel: Claimed['channel']; url: string | null; endpoint_id: string | null; rotation: number | null; message_id: string; member_id: string; type: string; data: unknown; count: number; first_at: Date; last_at: Date }>`
    UPDATE notifications.deliveries d SET attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    FROM notifications.messages m
    WHERE m.id = d.message_id AND d.id IN (
      SELECT id FROM notifications.deliveries WHERE state = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.attempts, d.channel, d.endpoint_id,
      (SELECT url FROM notifications.endpoints WHERE id = d.endpoint_id) AS url, (SELECT rotation FROM notifications.endpoints WHERE id = d.endpoint_id) AS rotation,
      m.id AS message_id, m.member_id, m.type, m.data, m.count, m.first_at, m.last_at`.execute(ex);
  return rows.map((r) => ({
    id: r.id, attempts: r.attempts, channel: r.channel, url: r.url, endpointId: r.endpoint_id, rotation: r.rotation ?? 0,
    message: { id: r.message_id, memberId: r.member_id, type: r.type, data: r.data, count: r.count, firstAt: r.first_at.toISOString(), lastAt: r.last_at.toISOString() },
  }));
}

/** Only the worker whose attempt it is records its outcome: one that outlived its lease changes nothing. */
export async function markDelivered(ex: Executor, id: string, attempt: number): Promise<void> {
  await sql`UPDATE notifications.deliveries SET state = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
    WHERE id = ${id} AND attempts = ${attempt} AND state = 'pending'`.execute(ex);
}

/** A failed attempt: tried again after the backoff, or dead after the last attempt. */
export async function markFailed(ex: Executor, id: string, attempt: number, error: string, dead: boolean, retryInMs: number): Promise<void> {
  await sql`
    UPDATE notifications.deliveries SET state = ${dead ? 'dead' : 'pending'}, lease_until = NULL, last_error = ${error.slice(0, 500)},
      next_attempt_at = now() + make_interval(secs => ${retryInMs / 1000})
    WHERE id = ${id} AND attempts = ${attempt} AND state = 'pending'`.execute(ex);
}

/** A dead delivery of the member's, tried again from the start. */
export async function replay(ex: Executor, id: string, memberId: string | null): Promise<boolean> {
  const { rows } = await sql`
    UPDATE notifications.deliveries d SET state = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL
    FROM notifications.messages m
    WHERE d.id = ${id} AND m.id = d.message_id AND d.state = 'dead' AND (${memberId}::uuid IS NULL OR m.member_id = ${memberId}::uuid)
    RETURNING 1`.execute(ex);
  return rows.length > 0;
}

export interface DeliveryView {
  id: string;
  messageId: string;
  type: string;
  channel: 'webhook' | 'nats' | 'email';
  endpointId: string | null;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export async function deliveriesOf(ex: Executor, memberId: string, state: DeliveryView['state'] | undefined, limit: number): Promise<DeliveryView[]> {
  const { rows } = await sql<{ id: string; message_id: string; type: string; channel: DeliveryView['channel']; endpoint_id: string | null; state: DeliveryView['state']; attempts: number; last_error: string | null; next_attempt_at: Date; delivered_at: Date | null }>`
    SELECT d.id, d.message_id, m.type, d.channel, d.endpoint_id, d.state, d.attempts, d.last_error, d.next_attempt_at, d.delivered_at
    FROM notifications.deliveries d JOIN notifications.messages m ON m.id = d.message_id
    WHERE m.member_id = ${memberId} ${state ? sql`AND d.state = ${state}` : sql``}
    ORDER BY m.first_at DESC, d.id LIMIT ${limit}`.execute(ex);
  return rows.map((r) => ({
    id: r.id, messageId: r.message_id, type: r.type, channel: r.channel, endpointId: r.endpoint_id, state: r.state, attempts: r.attempts, lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null,
  }));
}

export async function setPreference(ex: Executor, memberId: string, type: string, enabled: boolean): Promise<void> {
  await sql`INSERT INTO notifications.preferences (member_id, type, enabled) VALUES (${memberId}, ${type}, ${enabled})
    ON CONFLICT (member_id, type) DO UPDATE SET enabled = excluded.enabled`.execute(ex);
}

export async function preferencesOf(ex: Executor, memberId: string): Promise<Record<string, boolean>> {
  const { rows } = await sql<{ type: string; enabled: boolean }>`SELECT type, enabled FROM notifications.preferences WHERE member_id = ${memberId}`.execute(ex);
  return Object.fromEntries(rows.map((r) => [r.type, r.enabled]));
}
