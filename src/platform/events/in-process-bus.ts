import { DeliveryError, type DomainEvent, type EventBus, type Subscription } from './types.js';

/** Runs each subscriber inside `publish`, in subscription order; failures are retried by the outbox. */
export class InProcessBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly subscriptions: Subscription[] = [];

  subscribe(subscription: Subscription): void {
    if (this.subscriptions.some((s) => s.name === subscription.name)) throw new Error(`duplicate subscription ${subscription.name}`);
    this.subscriptions.push(subscription);
  }

  async publish(event: DomainEvent, alreadyDelivered: readonly string[]): Promise<void> {
    const delivered = [...alreadyDelivered];
    const failures: string[] = [];
    for (const s of this.subscriptions) {
      if (delivered.includes(s.name) || (s.types && !s.types.includes(event.type))) continue;
      try {
        await s.handler(event);
        delivered.push(s.name);
      } catch (err) {
        failures.push(`${s.name}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new DeliveryError(failures.join('; '), delivered);
  }

  async start(): Promise<void> {}
  async close(): Promise<void> {}
}
