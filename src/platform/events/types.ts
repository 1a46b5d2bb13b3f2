/** A domain event as subscribers see it. `id` is the outbox row id: unique and increasing. */
export interface DomainEvent {
  id: number;
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

export interface Subscription {
  /** Stable name: a NATS durable consumer, and the record of who already handled an event. */
  name: string;
  /** Event types to receive (`member.registered`); all when absent. */
  types?: readonly string[];
  handler: EventHandler;
}

/** Thrown by `publish` when some subscribers failed; `delivered` lists the ones that succeeded. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly delivered: readonly string[],
  ) {
    super(message);
  }
}

/**
 * Where the outbox dispatcher hands events. In process: subscribers run inside `publish`. NATS
 * JetStream: `publish` returns once the stream stored the event, and subscribers consume it from
 * durable consumers, in any process. Both deliver at least once and in order per aggregate.
 *
 * They differ in what a failing subscriber holds up. In process, the dispatcher retries the event
 * and holds back later events of that aggregate (for every subscriber). On NATS, the failing
 * subscriber's consumer retries it and holds back everything after it for that subscriber only
 * (max_ack_pending 1), until it succeeds or gives up after NATS_POLICY.deliveriesMax.
 */
export interface EventBus {
  readonly kind: 'in-process' | 'nats';
  subscribe(subscription: Subscription): void;
  publish(event: DomainEvent, alreadyDelivered: readonly string[]): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}
