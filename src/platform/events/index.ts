import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { InProcessBus } from './in-process-bus.js';
import type { EventBus } from './types.js';

export type { DomainEvent, EventBus, Subscription } from './types.js';
export { appendEvents, type NewEvent } from './outbox.js';

/** NATS JetStream when NATS_URL is set, otherwise in process. */
export async function createEventBus(config: Pick<Config, 'natsUrl'>, logger: Logger): Promise<EventBus> {
  if (config.natsUrl) {
    const { NatsBus } = await import('./nats-bus.js');
    return new NatsBus({ url: config.natsUrl, logger });
  }
  return new InProcessBus();
}
