import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { DeliveryError, type DomainEvent, type EventBus } from './types.js';

export const OUTBOX_POLICY = {
  batchMax: 200,
  idlePollMs: 100,
  leaderRetryMs: 1_000,
  attemptsMax: 20,
  backoffBaseMs: 200,
  backoffMaxMs: 60_000,
} as const;

// One dispatcher at a time across all processes: ordering per aggregate needs a single reader.
const LEADER_LOCK_KEY = '8388330408291526762';

interface OutboxRow {
  id: number;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  attempts: number;
  next_attempt_at: Date | null;
  delivered_to: string[];
}

/**
 * Moves events from platform.outbox to the bus, at least once and in id order per aggregate. The
 * process holding a session advisory lock is the leader; if it dies its connection drops, the
 * lock is released and another process takes over. An aggregate whose event fails waits (with
 * backoff) while other aggregates go on; after attemptsMax an event is parked as dead.
 */
export class OutboxDispatcher {
  private running = false;
  private stopping = false;
  private leaderClient: pg.Client | null = null;
  /**
   * A process that does not lead asks for the lock again every leaderRetryMs on this one
   * connection: opening one per try started a PostgreSQL backend a second in every such process.
   */
  private candidate: pg.Client | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly databaseUrl: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks for an immediate pass instead of waiting for the next poll. */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.kick();
    await this.loop;
    await this.releaseLeadership();
    await this.dropCandidate();
  }

  get isLeader(): boolean {
    return this.leaderClient !== null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let waitMs: number = OUTBOX_POLICY.idlePollMs;
      try {
        if (!this.leaderClient && !(await this.tryLead())) waitMs = OUTBOX_POLICY.leaderRetryMs;
        else if ((await this.dispatchBatch()).full) waitMs = 0;
      } catch (err) {
        this.log.error({ err }, 'outbox dispatch pass failed');
        waitMs = OUTBOX_POLICY.leaderRetryMs;
      }
      if (waitMs > 0 && this.running) await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async tryLead(): Promise<boolean> {
    const client = this.candidate ?? (this.candidate = await this.connect());
    let locked: boolean;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK_KEY]);
      locked = rows[0]?.locked === true;
    } catch (err) {
      await this.dropCandidate(client);
      throw err;
    }
    if (!locked) return false;
    this.candidate = null;
    this.leaderClient = client;
    this.log.info('outbox dispatcher is the leader');
    return true;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'trove-outbox' });
    // A dropped connection: the leader's lock went with it (another process may lead now); a
    // candidate connects again at its next try.
    client.on('error', () => void (this.leaderClient === client ? this.releaseLeadership() : this.dropCandidate(client)));
    client.on('end', () => {
      if (this.leaderClient === client) this.leaderClient = null;
      if (this.candidate === client) this.candidate = null;
    });
    await client.connect();
    return client;
  }

  private async dropCandidate(client = this.candidate): Promise<void> {
    if (this.candidate === client) this.candidate = null;
    await client?.end().catch(() => undefined);
  }

  private async releaseLeadership(): Promise<void> {
    const client = this.leaderClient;
    this.leaderClient = null;
    await client?.end().catch(() => undefined);
  }

  /**
   * One pass over the oldest pending events. `full` says another pass may find more at once: the
   * batch was full and something in it was due (a batch all in backoff waits for the next poll).
   */
  async dispatchBatch(): Promise<{ read: number; attempted: number; full: boolean }> {
    const { rows } = await sql<OutboxRow>`
      SELECT id, aggregate_type, aggregate_id, event_type, payload, occurred_at, attempts, next_attempt_at, delivered_to
      FROM platform.outbox o WHERE dispatched_at IS NULL AND NOT dead
        -- Skip aggregates held up by an earlier event in backoff, so that a backlog of them
        -- cannot fill every batch and starve the healthy aggregates behind it.
        AND NOT EXISTS (
          SELECT 1 FROM platform.outbox e
          WHERE e.aggregate_type = o.aggregate_type AND e.aggregate_id = o.aggregate_id AND e.id <= o.id
            AND e.dispatched_at IS NULL AND NOT e.dead AND e.next_attempt_at > now())
      ORDER BY id LIMIT ${OUTBOX_POLICY.batchMax}`.execute(this.db);
    const blocked = new Set<string>();
    const done: number[] = [];
    let attempted = 0;
    for (const row of rows) {
      // Stopping, or the lock's connection dropped (another process may lead now): leave the rest
      // to the next leader rather than publish alongside it.
      if (this.stopping || (this.running && !this.leaderClient)) break;
      const aggregate = `${row.aggregate_type}/${row.aggregate_id}`;
      // Held up by an event of the same aggregate that failed earlier in this pass.
      if (blocked.has(aggregate)) continue;
      attempted += 1;
      try {
        await this.bus.publish(toEvent(row), row.delivered_to);
        done.push(row.id);
      } catch (err) {
        blocked.add(aggregate);
        await this.recordFailure(row, err);
      }
    }
    if (done.length > 0) {
      await sql`UPDATE platform.outbox SET dispatched_at = now(), last_error = NULL WHERE id = ANY(${done}::bigint[])`.execute(this.db);
    }
    return { read: rows.length, attempted, full: rows.length === OUTBOX_POLICY.batchMax && attempted > 0 };
  }

  private async recordFailure(row: OutboxRow, err: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const delayMs = Math.min(OUTBOX_POLICY.backoffMaxMs, OUTBOX_POLICY.backoffBaseMs * 2 ** Math.min(attempts - 1, 20));
    const delivered = err instanceof DeliveryError ? err.delivered : row.delivered_to;
    const dead = attempts >= OUTBOX_POLICY.attemptsMax;
    this.log.warn({ err, eventId: row.id, attempts, dead }, 'outbox delivery failed');
    await sql`
      UPDATE platform.outbox
      SET attempts = ${attempts}, next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}),
          delivered_to = ${delivered as string[]}::text[], last_error = ${String((err as Error)?.message ?? err).slice(0, 2000)},
          dead = ${dead}
      WHERE id = ${row.id}`.execute(this.db);
  }
}

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    type: row.event_type,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
  };
}
