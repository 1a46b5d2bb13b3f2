import { sql } from 'kysely';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { openDatabase, type Db } from '../../src/platform/db/database.js';
import { OUTBOX_POLICY, OutboxDispatcher } from '../../src/platform/events/dispatcher.js';
import { InProcessBus } from '../../src/platform/events/in-process-bus.js';
import { appendEvents, type NewEvent } from '../../src/platform/events/outbox.js';
import type { DomainEvent } from '../../src/platform/events/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const WAIT = { timeout: 30_000, interval: 20 };

/** A database of this test's own. */
async function freshDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  onTestFinished(() => t.close());
  return t;
}

/** An in-process bus with one subscriber that records what it handled; `fail` makes it throw. */
function recordingBus(opts: { fail?: (event: DomainEvent) => boolean; onHandled?: (count: number) => void } = {}) {
  const bus = new InProcessBus();
  const handled: DomainEvent[] = [];
  const attempts = new Map<number, number>();
  bus.subscribe({
    name: 'audit',
    async handler(event) {
      attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
      if (opts.fail?.(event)) throw new Error(`audit refuses event ${event.id}`);
      handled.push(event);
      opts.onHandled?.(handled.length);
    },
  });
  return { bus, handled, attempts, ids: () => handled.map((e) => e.id) };
}

function dispatcherFor(t: TestDatabase, bus: InProcessBus, db: Db = t.database.db): OutboxDispatcher {
  const dispatcher = new OutboxDispatcher(db, t.url, bus, logger);
  onTestFinished(() => dispatcher.stop());
  return dispatcher;
}

function event(aggregateId: string, payload: Record<string, unknown> = {}): NewEvent {
  return { aggregateType: 'member', aggregateId, type: 'member.changed', payload };
}

/** `perAggregate` events for each aggregate, interleaved, `chunk` events per transaction. */
async function writeInterleaved(db: Db, aggregateIds: string[], perAggregate: number, chunk = 30): Promise<void> {
  const events = Array.from({ length: perAggregate }, (_, round) => aggregateIds.map((id) => event(id, { round }))).flat();
  for (let i = 0; i < events.length; i += chunk) {
    await db.transaction().execute((tx) => appendEvents(tx, events.slice(i, i + chunk)));
  }
}

async function outboxIds(db: Db, aggregateId?: string): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM platform.outbox WHERE ${aggregateId ?? null}::text IS NULL OR aggregate_id = ${aggregateId ?? null} ORDER BY id`.execute(db);
  return rows.map((r) => r.id);
}

async function pendingCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM platform.outbox WHERE dispatched_at IS NULL AND NOT dead`.execute(db);
  return rows[0]!.n;
}

/** Sessions holding an advisory lock in this database: the dispatcher's leader lock is the only one. */
async function advisoryLockHolders(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db);
  return rows[0]!.n;
}

describe('transactional outbox', () => {
  it('never delivers events written in a transaction that rolled back', async () => {
    const t = await freshDatabase();
    const { bus, handled } = recordingBus();
    const dispatcher = dispatcherFor(t, bus);
    const db = t.database.db;
    await expect(
      db.transaction().execute(async (tx) => {
        await appendEvents(tx, [event('m-1', { step: 'rolled back' }), event('m-2', { step: 'rolled back' })]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await db.transaction().execute((tx) => appendEvents(tx, [event('m-1', { step: 'committed' })]));

    expect((await dispatcher.dispatchBatch()).read).toBe(1);
    expect(handled.map((e) => e.payload)).toEqual([{ step: 'committed' }]);
    expect(await outboxIds(db)).toHaveLength(1);
  });

  it('delivers everything once, in order, when a dispatcher stops mid-stream and another one starts', async () => {
    const t = await freshDatabase();
    const db = t.database.db;
    let stopping: Promise<void> | null = null;
    // Stopping from inside a handler: the first dispatcher finishes its current batch and quits.
    const { bus, handled, ids } = recordingBus({ onHandled: (count) => void (count === 50 && (stopping = first.stop())) });
    const first = dispatcherFor(t, bus);
    const aggregates = ['m-1', 'm-2', 'm-3'];
    await writeInterleaved(db, aggregates, OUTBOX_POLICY.batchMax); // three batches' worth
    const all = await outboxIds(db);

    first.start();
    await vi.waitFor(() => expect(stopping).not.toBeNull(), WAIT);
    await stopping;
    expect(first.isLeader).toBe(false);
    const pendingAfterStop = await pendingCount(db);
    expect(pendingAfterStop).toBeGreaterThan(0);
    expect(handled.length).toBe(all.length - pendingAfterStop);

    const second = dispatcherFor(t, bus);
    second.start();
    await vi.waitFor(() => expect(ids()).toHaveLength(all.length), WAIT);
    expect(await pendingCount(db)).toBe(0);
    for (const a of aggregates) expect(handled.filter((e) => e.aggregateId === a).map((e) => e.id)).toEqual(await outboxIds(db, a));
  });

  it('delivers again the events a dispatcher published but died before recording', async () => {
    const t = await freshDatabase();
    const db = t.database.db;
    // The first dispatcher's own pool, closed under it mid-batch: it can publish but not record.
    const doomed = openDatabase(t.url, { poolMax: 2 });
    onTestFinished(() => doomed.close());
    const { bus, ids } = recordingBus({ onHandled: (count) => void (count === 10 && doomed.close()) });
    const first = dispatcherFor(t, bus, doomed.db);
    await writeInterleaved(db, ['m-1', 'm-2'], 30);
    const all = await outboxIds(db);

    first.start();
    await vi.waitFor(() => expect(ids().length).toBeGreaterThanOrEqual(10), WAIT);
    await first.stop();
    const publishedByFirst = ids();
    expect(await pendingCount(db)).toBe(all.length);

    const second = dispatcherFor(t, bus);
    second.start();
    await vi.waitFor(() => expect(ids()).toHaveLength(publishedByFirst.length + all.length), WAIT);
    expect(await pendingCount(db)).toBe(0);
    expect(ids().slice(publishedByFirst.length)).toEqual(all);
  });

  it('lets only one dispatcher per database lead, and another take over when the leader stops', async () => {
    const t = await freshDatabase();
    const db = t.database.db;
    const { bus, ids } = recordingBus();
    const a = dispatcherFor(t, bus);
    const b = dispatcherFor(t, bus);
    let bothLed = false;
    const sample = () => {
      bothLed ||= a.isLeader && b.isLeader;
    };

    a.start();
    b.start();
    await vi.waitFor(() => {
      sample();
      expect(a.isLeader || b.isLeader).toBe(true);
    }, WAIT);
    await writeInterleaved(db, ['m-1', 'm-2'], 50);
    const firstWave = await outboxIds(db);
    await vi.waitFor(() => {
      sample();
      expect(ids()).toHaveLength(firstWave.length);
    }, WAIT);
    expect(bothLed).toBe(false);
    expect(await advisoryLockHolders(db)).toBe(1);
    expect(ids()).toEqual(firstWave);
    // The follower asks again every leaderRetryMs on the connection it has, not on a new one each time.
    const outboxSessions = async () => (await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE application_name = 'trove-outbox' AND datname = current_database() ORDER BY pid`.execute(db)).rows.map((r) => r.pid);
    const sessions = await outboxSessions();
    await new Promise((resolve) => setTimeout(resolve, 2.5 * OUTBOX_POLICY.leaderRetryMs));
    expect(sessions).toHaveLength(2);
    expect(await outboxSessions()).toEqual(sessions);

    const [leader, follower] = a.isLeader ? [a, b] : [b, a];
    await leader.stop();
    expect(leader.isLeader).toBe(false);
    await vi.waitFor(() => expect(follower.isLeader).toBe(true), WAIT);
    leader.start(); // back as a follower
    await writeInterleaved(db, ['m-1', 'm-2'], 10);
    const all = await outboxIds(db);
    await vi.waitFor(() => {
      sample();
      expect(ids()).toHaveLength(all.length);
    }, WAIT);
    expect(bothLed).toBe(false);
    expect(leader.isLeader).toBe(false);
    expect(ids()).toEqual(all);
  });

  it('elects a leader in each database independently', async () => {
    const [one, two] = [await freshDatabase(), await freshDatabase()];
    const a = dispatcherFor(one, recordingBus().bus);
    const b = dispatcherFor(two, recordingBus().bus);
    a.start();
    b.start();
    await vi.waitFor(() => expect([a.isLeader, b.isLeader]).toEqual([true, true]), WAIT);
  });

  it('retries a failing event with backoff and parks it as dead without holding up other aggregates', async () => {
    const t = await freshDatabase();
    const db = t.database.db;
    const bus = new InProcessBus();
    const steady = recorderOn(bus, 'steady');
    const picky = recorderOn(bus, 'picky', (e) => e.payload.poison === true);
    const dispatcher = dispatcherFor(t, bus);
    for (const e of [event('a', { poison: true }), event('b'), event('a'), event('b')]) {
      await db.transaction().execute((tx) => appendEvents(tx, [e]));
    }
    const [poison, b1, a2, b2] = await outboxIds(db);

    await dispatcher.dispatchBatch();
    expect(steady.ids).toEqual([poison, b1, b2]);
    expect(picky.ids).toEqual([b1, b2]);
    expect(await outboxRow(db, poison!)).toMatchObject({ attempts: 1, dead: false, delivered_to: ['steady'], last_error: expect.stringContaining('picky') });

    await dispatcher.dispatchBatch(); // before next_attempt_at: not retried yet
    expect(picky.attempts.get(poison!)).toBe(1);

    for (let attempt = 2; attempt <= OUTBOX_POLICY.attemptsMax; attempt += 1) {
      if (attempt === 5) await db.transaction().execute((tx) => appendEvents(tx, [event('b')]));
      await sql`UPDATE platform.outbox SET next_attempt_at = now() WHERE id = ${poison}`.execute(db);
      await dispatcher.dispatchBatch();
      const row = await outboxRow(db, poison!);
      expect(row).toMatchObject({ attempts: attempt, dead: attempt === OUTBOX_POLICY.attemptsMax });
      const expectedDelayMs = Math.min(OUTBOX_POLICY.backoffMaxMs, OUTBOX_POLICY.backoffBaseMs * 2 ** (attempt - 1));
      expect(row.delay_ms).toBeLessThanOrEqual(expectedDelayMs);
      expect(row.delay_ms).toBeGreaterThan(expectedDelayMs - 2_000);
      // The failing aggregate waits; the other one does not.
      expect(picky.ids).not.toContain(a2);
      if (attempt === 5) expect(picky.ids).toHaveLength(3);
    }
    expect(picky.attempts.get(poison!)).toBe(OUTBOX_POLICY.attemptsMax);
    expect(steady.attempts.get(poison!)).toBe(1);

    // Parked: never tried again, and its aggregate moves on.
    await dispatcher.dispatchBatch();
    expect(picky.attempts.get(poison!)).toBe(OUTBOX_POLICY.attemptsMax);
    expect(picky.ids).toContain(a2);
    expect(steady.ids).toContain(a2);
    expect(await pendingCount(db)).toBe(0);
  });
});

describe('transactional outbox under a backlog', () => {
  it('delivers a healthy aggregate behind more than a batch of events held up in backoff', async () => {
    const t = await freshDatabase();
    const db = t.database.db;
    const { bus, ids } = recordingBus({ fail: (e) => e.aggregateId === 'stuck' });
    const dispatcher = dispatcherFor(t, bus);
    // One batch and a half of events of an aggregate whose first event fails, then a healthy one.
    await db.transaction().execute((tx) => appendEvents(tx, Array.from({ length: OUTBOX_POLICY.batchMax * 1.5 }, () => event('stuck'))));
    await db.transaction().execute((tx) => appendEvents(tx, [event('healthy')]));
    const [healthy] = await outboxIds(db, 'healthy');
    await dispatcher.dispatchBatch(); // the first 'stuck' event fails and goes into backoff
    expect(ids()).not.toContain(healthy);
    const second = await dispatcher.dispatchBatch();
    expect(ids()).toEqual([healthy]);
    expect(second.attempted).toBe(1);
  });
});

function recorderOn(bus: InProcessBus, name: string, fail?: (event: DomainEvent) => boolean) {
  const ids: number[] = [];
  const attempts = new Map<number, number>();
  bus.subscribe({
    name,
    async handler(e) {
      attempts.set(e.id, (attempts.get(e.id) ?? 0) + 1);
      if (fail?.(e)) throw new Error(`${name} refuses event ${e.id}`);
      ids.push(e.id);
    },
  });
  return { ids, attempts };
}

async function outboxRow(db: Db, id: number) {
  const { rows } = await sql<{ attempts: number; dead: boolean; delivered_to: string[]; last_error: string | null; delay_ms: number }>`
    SELECT attempts, dead, delivered_to, last_error, (extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS delay_ms
    FROM platform.outbox WHERE id = ${id}`.execute(db);
  return rows[0]!;
}
