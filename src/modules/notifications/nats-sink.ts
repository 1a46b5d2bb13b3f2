import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';

/** Where the NATS channel puts notifications: one small interface, so tests can stand in for it. */
export interface NotificationSink {
  subjectFor(memberId: string, type: string): string;
  /** Resolves once the stream stored it; `msgId` makes a repeat within the duplicate window a no-op. */
  publish(subject: string, body: string, msgId: string): Promise<void>;
  close(): Promise<void>;
}

export const NATS_SINK_POLICY = {
  streamName: 'TROVE_NOTIFICATIONS',
  subjectPrefix: 'trove.notifications',
  duplicateWindowMs: 120_000,
  maxAgeMs: 7 * 24 * 3_600_000,
  publishTimeoutMs: 5_000,
} as const;

/**
 * Notifications on NATS JetStream (when NATS_URL is set): subject
 * `trove.notifications.<member id>.<type>` in a stream kept for a week (limits retention: a member's
 * app subscribes to its own subjects, from where it left off), each message id the delivery's id.
 */
export class NatsSink implements NotificationSink {
  private connecting: Promise<{ nc: NatsConnection; js: JetStreamClient }> | null = null;

  constructor(private readonly url: string, private readonly streamName: string = NATS_SINK_POLICY.streamName, private readonly subjectPrefix: string = NATS_SINK_POLICY.subjectPrefix) {}

  subjectFor(memberId: string, type: string): string {
    return `${this.subjectPrefix}.${memberId}.${type.replaceAll('.', '_')}`;
  }

  async publish(subject: string, body: string, msgId: string): Promise<void> {
    const { js } = await (this.connecting ??= this.connect());
    await js.publish(subject, body, { msgID: msgId, expect: { streamName: this.streamName } });
  }

  private async connect(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    try {
      const nc = await connect({ servers: this.url });
      const jsm = await jetstreamManager(nc);
      const config = { subjects: [`${this.subjectPrefix}.>`], duplicate_window: nanos(NATS_SINK_POLICY.duplicateWindowMs), max_age: nanos(NATS_SINK_POLICY.maxAgeMs) };
      try {
        await jsm.streams.info(this.streamName);
        await jsm.streams.update(this.streamName, config);
      } catch (err) {
        if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
        await jsm.streams.add({ name: this.streamName, retention: RetentionPolicy.Limits, ...config });
      }
      return { nc, js: jetstream(nc, { timeout: NATS_SINK_POLICY.publishTimeoutMs }) };
    } catch (err) {
      // The next delivery pass connects again.
      this.connecting = null;
      throw err;
    }
  }

  async close(): Promise<void> {
    const c = this.connecting;
    this.connecting = null;
    if (!c) return;
    const { nc } = await c.catch(() => ({ nc: null }));
    if (nc && !nc.isClosed()) await nc.drain();
  }
}
