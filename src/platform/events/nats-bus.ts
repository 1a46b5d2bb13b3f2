import assert from 'node:assert';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type ConsumerUpdateConfig,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StreamUpdateConfig,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { DomainEvent, EventBus, Subscription } from './types.js';

export const NATS_POLICY = {
  /** Messages asked for per pull. max_ack_pending 1 hands them out one at a time anyway; this saves round trips. */
  fetchBatch: 10,
  /** The server redelivers a message not acked within this; a running handler extends it every workingIntervalMs. */
  ackWaitMs: 30_000,
  workingIntervalMs: 10_000,
  /** A handler failure is redelivered after min(max, base * 2^(deliveries - 1)). */
  redeliveryBaseMs: 200,
  redeliveryMaxMs: 60_000,
  /** After this many failed deliveries a subscriber gives an event up (logged as dead), like OUTBOX_POLICY.attemptsMax. */
  deliveriesMax: 20,
  publishTimeoutMs: 5_000,
  /** Publishes of the same event id within this window are stored once. */
  duplicateWindowMs: 120_000,
  /** Events no subscriber acked within this are dropped: a bound on storage, not a delivery mechanism. */
  streamMaxAgeMs: 7 * 24 * 60 * 60 * 1_000,
  /** Pause before consuming again when a consumer's message stream ends unexpectedly. */
  resubscribeDelayMs: 1_000,
} as const;

export interface NatsBusOptions {
  url: string;
  logger: Logger;
  /** Defaults to TROVE_EVENTS; tests use one of their own. */
  streamName?: string;
  /** Defaults to trove.events; the stream holds `<prefix>.>`. */
  subjectPrefix?: string;
}

/**
 * The event bus on NATS JetStream. `publish` returns once the stream has stored the event (the
 * outbox row id is the message id, so a republished event is stored once). Each subscription is
 * a durable pull consumer with max_ack_pending 1: it sees events strictly in stream order, which
 * is outbox order per aggregate, even when several processes share the durable. A handler that
 * throws gets the event again after a backoff, and nothing after it until it succeeds or gives up.
 */
export class NatsBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly log: Logger;
  private readonly streamName: string;
  private readonly subjectPrefix: string;
  private readonly subscriptions = new Map<string, Subscription>();
  private started = false;
  private closing = false;
  private nc: NatsConnection | null = null;
  private jsm: JetStreamManager | null = null;
  private js: JetStreamClient | null = null;
  private readonly loops: Promise<void>[] = [];
  private readonly active = new Set<ConsumerMessages>();
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly opts: NatsBusOptions) {
    this.log = opts.logger;
    this.streamName = opts.streamName ?? 'TROVE_EVENTS';
    this.subjectPrefix = opts.subjectPrefix ?? 'trove.events';
    assert(/^[A-Za-z0-9_-]+$/.test(this.streamName), `invalid stream name ${this.streamName}`);
    assert(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(this.subjectPrefix), `invalid subject prefix ${this.subjectPrefix}`);
  }

  subscribe(subscription: Subscription): void {
    if (this.started) throw new Error(`subscription ${subscription.name} must be made before the bus starts`);
    const durable = durableName(subscription.name);
    if (this.subscriptions.has(durable)) throw new Error(`duplicate subscription ${subscription.name} (durable ${durable})`);
    this.subscriptions.set(durable, subscription);
  }

  async start(): Promise<void> {
    assert(!this.started && !this.closing, 'NatsBus started twice or after close');
    this.started = true;
    const nc = await connect({ servers: this.opts.url, name: 'trove', maxReconnectAttempts: -1 });
    this.nc = nc;
    try {
      this.jsm = await jetstreamManager(nc);
      await this.ensureStream();
      for (const [durable, sub] of this.subscriptions) await this.ensureConsumer(durable, sub);
    } catch (err) {
      this.nc = null;
      await nc.close();
      throw err;
    }
    if (this.closing) return; // close() was called while starting; it drains the connection
    this.js = jetstream(nc, { timeout: NATS_POLICY.publishTimeoutMs });
    void nc.closed().then((err) => {
      if (err) this.log.error({ err }, 'NATS connection closed with an error');
    });
    for (const [durable, sub] of this.subscriptions) this.loops.push(this.consumeLoop(durable, sub));
    this.log.info({ stream: this.streamName, subscriptions: this.subscriptions.size }, 'NATS event bus started');
  }

  async publish(event: DomainEvent, _alreadyDelivered: readonly string[]): Promise<void> {
    // alreadyDelivered is for the in-process bus: here each consumer records its own progress.
    if (!this.js || this.closing) throw new Error('NATS event bus is not running');
    await this.js.publish(this.subjectFor(event), JSON.stringify(event), {
      msgID: String(event.id),
      // Refused unless our stream stores it, whatever other streams exist on the server.
      expect: { streamName: this.streamName },
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const messages of this.active) void messages.close();
    for (const wake of this.sleepers) wake();
    await Promise.allSettled(this.loops);
    const nc = this.nc;
    this.nc = null;
    this.jsm = null;
    this.js = null;
    if (nc && !nc.isClosed()) await nc.drain();
  }

  private subjectFor(event: Pick<DomainEvent, 'aggregateType' | 'type'>): string {
    return `${this.subjectPrefix}.${subjectToken(event.aggregateType)}.${typeTokens(event.type)}`;
  }

  private async ensureStream(): Promise<void> {
    const jsm = this.jsm;
    assert(jsm);
    const config: Partial<StreamUpdateConfig> = {
      subjects: [`${this.subjectPrefix}.>`],
      duplicate_window: nanos(NATS_POLICY.duplicateWindowMs),
      max_age: nanos(NATS_POLICY.streamMaxAgeMs),
    };
    try {
      await jsm.streams.info(this.streamName);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
      // Interest retention: an event stays until every consumer that wants it has acked it.
      await jsm.streams.add({ name: this.streamName, retention: RetentionPolicy.Interest, ...config });
      return;
    }
    await jsm.streams.update(this.streamName, config);
  }

  /** Creates the durable, or brings an existing one up to date (a changed `types` changes its filter). */
  private async ensureConsumer(durable: string, sub: Subscription): Promise<void> {
    const jsm = this.jsm;
    assert(jsm);
    const types = sub.types ?? [];
    const config = {
      description: `trove subscription ${sub.name}`,
      // One unacked event at a time per subscription, across all processes: the ordering guarantee.
      max_ack_pending: 1,
      ack_wait: nanos(NATS_POLICY.ackWaitMs),
      // With several types (filter_subjects needs nats-server 2.10) the consumer takes every event
      // and handle() skips the ones the subscription does not want.
      filter_subject: types.length === 1 ? `${this.subjectPrefix}.*.${typeTokens(types[0]!)}` : `${this.subjectPrefix}.>`,
    } satisfies Partial<ConsumerUpdateConfig>;
    try {
      await jsm.consumers.info(this.streamName, durable);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
      await jsm.consumers.add(this.streamName, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ...config });
      return;
    }
    await jsm.consumers.update(this.streamName, durable, config);
  }

  /** Consumes until close(); if the consumer (or stream) disappears, sets it up again and goes on. */
  private async consumeLoop(durable: string, sub: Subscription): Promise<void> {
    let setUp = true; // start() just did
    while (!this.closing) {
      try {
        if (!setUp) {
          await this.ensureStream();
          await this.ensureConsumer(durable, sub);
        }
        setUp = false;
        await this.consumeOnce(durable, sub);
      } catch (err) {
        this.log.error({ err, subscription: sub.name }, 'NATS consumer failed');
      }
      if (!this.closing) await this.sleep(NATS_POLICY.resubscribeDelayMs);
    }
  }

  private async consumeOnce(durable: string, sub: Subscription): Promise<void> {
    assert(this.js);
    const consumer = await this.js.consumers.get(this.streamName, durable);
    const messages = await consumer.consume({ max_messages: NATS_POLICY.fetchBatch });
    this.active.add(messages);
    void this.watchStatus(messages, sub.name).catch((err: unknown) => this.log.warn({ err, subscription: sub.name }, 'NATS consumer status watch ended'));
    try {
      for await (const msg of messages) {
        if (this.closing) {
          // Hand it straight back so another process need not wait for ack_wait.
          msg.nak();
          break;
        }
        await this.handle(sub, msg);
      }
    } finally {
      this.active.delete(messages);
      await messages.close();
    }
  }

  private async handle(sub: Subscription, msg: JsMsg): Promise<void> {
    const event = parseEvent(msg);
    if (!event) {
      this.log.error({ subscription: sub.name, seq: msg.seq, subject: msg.subject }, 'undecodable event message dropped');
      msg.term();
      return;
    }
    if (sub.types && !sub.types.includes(event.type)) {
      msg.ack();
      return;
    }
    const keepAlive = setInterval(() => msg.working(), NATS_POLICY.workingIntervalMs);
    try {
      await sub.handler(event);
      msg.ack();
    } catch (err) {
      const deliveries = msg.info.deliveryCount;
      const dead = deliveries >= NATS_POLICY.deliveriesMax;
      const context = { err, subscription: sub.name, eventId: event.id, deliveries, dead };
      if (dead) {
        this.log.error(context, 'event handler failed for the last time; event given up');
        msg.term();
      } else {
        this.log.warn(context, 'event handler failed; event will be redelivered');
        msg.nak(redeliveryDelayMs(deliveries));
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Logs trouble; a consumer or stream that is gone ends this consumption so the loop sets it up again. */
  private async watchStatus(messages: ConsumerMessages, subscription: string): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type === 'next' || status.type === 'heartbeat' || status.type === 'debug' || status.type === 'discard') continue;
      this.log.warn({ subscription, status }, 'NATS consumer status');
      if (status.type === 'consumer_deleted' || status.type === 'consumer_not_found' || status.type === 'stream_not_found') void messages.close();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

function redeliveryDelayMs(deliveries: number): number {
  return Math.min(NATS_POLICY.redeliveryMaxMs, NATS_POLICY.redeliveryBaseMs * 2 ** Math.min(Math.max(deliveries - 1, 0), 20));
}

/** One subject token: no dots, spaces or wildcards. */
function subjectToken(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}

/** An event type keeps its dots (`member.registered` is two tokens); each token is sanitised. */
function typeTokens(type: string): string {
  return type.split('.').map(subjectToken).join('.');
}

/** Durable consumer names cannot hold dots, spaces or wildcards. */
function durableName(subscription: string): string {
  assert(subscription.length > 0, 'subscription name is empty');
  return subscription.replace(/[^A-Za-z0-9_-]/g, '_');
}

function parseEvent(msg: JsMsg): DomainEvent | null {
  try {
    const value = msg.json<DomainEvent>();
    const ok = typeof value?.id === 'number' && typeof value.type === 'string' && typeof value.aggregateType === 'string' && typeof value.aggregateId === 'string';
    return ok ? value : null;
  } catch {
    return null;
  }
}
