import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

export interface NewEvent {
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Records events in the caller's transaction, so they exist exactly when the change does.
 * Per-aggregate order is id order, which holds because a module writes an aggregate's event
 * after it has changed (and so locked) that aggregate's row: a second writer of the same aggregate
 * can only insert its event after the first has committed.
 */
export async function appendEvents(tx: Executor, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`
    INSERT INTO platform.outbox (aggregate_type, aggregate_id, event_type, payload)
    SELECT * FROM unnest(${events.map((e) => e.aggregateType)}::text[], ${events.map((e) => e.aggregateId)}::text[],
                         ${events.map((e) => e.type)}::text[], ${events.map((e) => JSON.stringify(e.payload))}::jsonb[])`.execute(tx);
}
