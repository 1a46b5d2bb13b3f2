import type { Logger } from 'pino';
import type { DomainEvent, EventBus, Subscription } from './types.js';

// TEMPORARY: being replaced by the JetStream implementation in this same change.
export class NatsBus implements EventBus {
  readonly kind = 'nats' as const;
  constructor(_opts: { url: string; logger: Logger }) {}
  subscribe(_s: Subscription): void {}
  async publish(_e: DomainEvent, _d: readonly string[]): Promise<void> {
    throw new Error('not implemented');
  }
  async start(): Promise<void> {}
  async close(): Promise<void> {}
}
