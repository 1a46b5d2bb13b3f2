import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import type { DomainEvent, EventBus } from '../../platform/events/types.js';
import { every } from '../../platform/periodic.js';
import { EVENT_TYPES, NOTIFY_POLICY, notificationsOf } from './model.js';
import { emailOf, type EmailSink } from './email-sink.js';
import type { NotificationSink } from './nats-sink.js';
import { refusedHost } from './url-guard.js';
import * as store from './store.js';

export type NotifyPolicy = { -readonly [K in keyof typeof NOTIFY_POLICY]: number };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: Stripe's format, which receivers know how to check. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${crypto.createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/**
 * Notifications: a subscriber turns domain events (delivered at least once by the outbox) into
 * messages for members, once per event; workers in every process deliver them to the members'
 * webhooks, signed, and to NATS JetStream when NATS_URL is set, with exponential backoff and a
 * dead letter after the last attempt. Deliveries
 * are rows taken under a lease, so a crash or a restart loses none: another worker takes them
 * when the lease runs out (at least once; the delivery id in `Trove-Delivery` lets a receiver
 * drop a repeat).
 */
export class Notifications {
  readonly policy: NotifyPolicy;
  private stopWorker: (() => void) | null = null;
  private stopPurge: (() => void) | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly opts: {
      secretKey: string | null; log?: Logger | null; policy?: Partial<NotifyPolicy>; sink?: NotificationSink | null; allowPrivateUrls?: boolean;
      /** Email over SMTP, and where a member's address comes from. */
      email?: { sink: EmailSink; addressOf: (memberId: string) => Promise<string | null> } | null;
    } = { secretKey: null },
  ) {
    this.policy = { ...NOTIFY_POLICY, ...opts.policy };
  }

  /** The channels every member has, besides its webhooks. */
  private get channels(): ('nats' | 'email')[] {
    return [...(this.opts.sink ? (['nats'] as const) : []), ...(this.opts.email ? (['email'] as const) : [])];
  }

  get enabled(): boolean {
    return this.opts.secretKey !== null;
  }

  subscribe(bus: EventBus): void {
    bus.subscribe({ name: 'notifications.fanout', types: EVENT_TYPES, handler: (event) => this.fanout(event) });
  }

  /** Turns an event into its notifications, once however often it is delivered. */
  async fanout(event: DomainEvent): Promise<void> {
    let notifications = notificationsOf(event);
    // Most members have no webhook: one read spares them the write (a hot auction's bids are many events).
    if (this.channels.length === 0 && notifications.length > 0) {
      const reachable = await store.membersWithEndpoints(this.db, notifications.map((n) => n.memberId));
      notifications = notifications.filter((n) => reachable.has(n.memberId));
    }
    if (notifications.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      if (!(await store.firstSight(tx, `event:${event.id}`))) return;
      for (const n of notifications) await store.enqueue(tx, n, { ...this.policy, channels: this.channels });
    });
  }

  /** An endpoint's signing secret: derived, never stored; a new rotation gives a new one. */
  secretOf(endpoint: { id: string; rotation: number }): string {
    const mac = crypto.createHmac('sha256', this.opts.secretKey ?? '').update(`notifications.endpoint:${endpoint.id}:${endpoint.rotation}`).digest('base64url');
    return `whsec_${mac}`;
  }

  async createEndpoint(memberId: string, url: string): Promise<Result<store.Endpoint & { secret: string }>> {
    if (!this.enabled) return fail('NOTIFICATIONS_NOT_CONFIGURED');
    const refused = this.opts.allowPrivateUrls ? null : await refusedHost(url);
    if (refused) return fail('VALIDATION_FAILED', `body.url points to ${refused}`, [{ field: 'body.url', message: `points to ${refused}` }]);
    const endpoint = await store.insertEndpoint(this.db, memberId, url);
    if (!endpoint) return fail('ENDPOINT_LIMIT_REACHED');
    return ok({ ...endpoint, secret: this.secretOf(endpoint) });
  }

  start(): void {
    this.stopWorker ??= every(this.policy.pollMs, () => (this.inFlight = this.deliverDue()), this.opts.log ?? null, 'notification delivery');
    // The record of events already seen only has to outlive the outbox's redeliveries (minutes).
    this.stopPurge ??= every(3_600_000, () => store.purgeSeen(this.db, 7), this.opts.log ?? null, 'notification seen purge');
  }

  async stop(): Promise<void> {
    this.stopWorker?.();
    this.stopWorker = null;
    this.stopPurge?.();
    this.stopPurge = null;
    await this.inFlight.catch(() => undefined);
    await this.opts.sink?.close();
    await this.opts.email?.sink.close();
  }

  /** One pass: takes due deliveries and tries them at once. Returns how many were tried. */
  async deliverDue(): Promise<number> {
    const claimed = await store.claimDue(this.db, this.policy.claimBatchMax, this.policy.leaseMs);
    await Promise.all(claimed.map((c) => this.deliver(c)));
    return claimed.length;
  }

  private async deliver(c: store.Claimed): Promise<void> {
    const body = JSON.stringify({ ...c.message, attempt: c.attempts });
    let error: string | null = null;
    try {
      error = c.channel === 'nats' ? await this.publish(c, body) : c.channel === 'email' ? await this.mail(c) : await this.post(c, body);
    } catch (err) {
      error = (err as Error).message;
    }
    if (error === null) return store.markDelivered(this.db, c.id, c.attempts);
    const dead = c.attempts >= this.policy.attemptsMax;
    if (dead) this.opts.log?.warn({ deliveryId: c.id, error }, 'notification delivery dead after its last attempt');
    await store.markFailed(this.db, c.id, c.attempts, error, dead, this.backoffMs(c.attempts));
  }

  /** The webhook: a 2xx within the timeout is delivered; anything else is an error to retry. */
  private async post(c: store.Claimed, body: string): Promise<string | null> {
    const refused = this.opts.allowPrivateUrls ? null : await refusedHost(c.url!);
    if (refused) return `refused: the URL points to ${refused}`;
    const secret = this.secretOf({ id: c.endpointId!, rotation: c.rotation });
    const res = await fetch(c.url!, {
      method: 'POST', body, signal: AbortSignal.timeout(this.policy.requestTimeoutMs), redirect: 'manual',
      headers: { 'content-type': 'application/json', 'trove-signature': signatureHeader(secret, body, Math.floor(Date.now() / 1000)), 'trove-delivery': c.id },
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  }

  /** Email: accepted by the SMTP server is delivered; a member without an address is a failure (it will not get one by retrying soon). */
  private async mail(c: store.Claimed): Promise<string | null> {
    const email = this.opts.email;
    if (!email) return 'email is not configured in this process';
    const to = await email.addressOf(c.message.memberId);
    if (!to) return 'the member has no email address';
    await email.sink.send({ to, ...emailOf(c.message), messageId: c.id });
    return null;
  }

  /** NATS JetStream: stored by the stream is delivered (the delivery id is the message id: a retry is not stored twice). */
  private async publish(c: store.Claimed, body: string): Promise<string | null> {
    const sink = this.opts.sink;
    if (!sink) return 'NATS is not configured in this process';
    await sink.publish(sink.subjectFor(c.message.memberId, c.message.type), body, c.id);
    return null;
  }

  /** Exponential, capped, with jitter (so a receiver that comes back is not hit by every retry at once). */
  backoffMs(attempt: number): number {
    const ms = Math.min(this.policy.backoffBaseMs * 2 ** (attempt - 1), this.policy.backoffMaxMs);
    return Math.round(ms * (0.5 + Math.random() * 0.5));
  }
}
