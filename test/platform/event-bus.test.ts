import crypto from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { OutboxDispatcher } from '../../src/platform/events/dispatcher.js';
import { InProcessBus } from '../../src/platform/events/in-process-bus.js';
import { NatsBus } from '../../src/platform/events/nats-bus.js';
import { appendEvents, type NewEvent } from '../../src/platform/events/outbox.js';
import type { DomainEvent, EventBus, Subscription } from '../../src/platform/events/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * One contract, two buses: events written with appendEvents and moved by the real
 * OutboxDispatcher reach every subscriber at least once, in order per aggregate. The NATS half
 * needs the server at NATS_URL and fails (does not skip) when it is not there.
 */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const WAIT = { timeout: 30_000, interval: 20 };

interface BusKind {
  name: string;
  /** A bus of its own for one test; for NATS, on a stream and subject prefix nobody else uses. */
  create(): EventBus;
}

const busKinds: BusKind[] = [
  { name: 'InProcessBus', create: () => new InProcessBus() },
  { name: 'NatsBus', create: () => createNatsBus(crypto.randomBytes(5).toString('hex')) },
];

/** NatsBus instances made with the same run id are processes sharing one stream. */
function createNatsBus(runId: string): NatsBus {
  const streamName = `TROVE_TEST_${runId}`;
  onTestFinished(() => deleteStream(streamName));
  return new NatsBus({ url: NATS_URL, logger, streamName, subjectPrefix: `trove.test.${runId}` });
}

async function deleteStream(streamName: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(streamName).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

/** Subscriber that records what it handled; `fail` decides, per attempt, whether to throw. */
function recorder(name: string, opts: { types?: string[]; fail?: (event: DomainEvent, attempt: number) => boolean } = {}) {
  const handled: DomainEvent[] = [];
  const attempts = new Map<number, number>();
  const subscription: Subscription = {
    name,
    types: opts.types,
    async handler(event) {
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      if (opts.fail?.(event, attempt)) throw new Error(`${name} refuses event ${event.id}`);
      handled.push(event);
    },
  };
  return {
    subscription,
    handled,
    attempts,
    ids: () => handled.map((e) => e.id),
    idsOf: (aggregateId: string) => handled.filter((e) => e.aggregateId === aggregateId).map((e) => e.id),
  };
}
type Recorder = ReturnType<typeof recorder>;

interface Harness {
  db: TestDatabase;
  /** Writes each group in one transaction; returns the outbox rows in id order. */
  write(groups: NewEvent[][]): Promise<Array<{ id: number; aggregateId: string; type: string }>>;
}

/** A database of its own, the bus started with the given subscribers, and a running dispatcher. */
async function startHarness(buses: EventBus[], subscribers: Recorder[][]): Promise<Harness> {
  const db = await createTestDatabase();
  onTestFinished(() => db.close());
  buses.forEach((bus, i) => subscribers[i]!.forEach((r) => bus.subscribe(r.subscription)));
  for (const bus of buses) {
    onTestFinished(() => bus.close());
    await bus.start();
  }
  const dispatcher = new OutboxDispatcher(db.database.db, db.url, buses[0]!, logger);
  onTestFinished(() => dispatcher.stop());
  dispatcher.start();
  return {
    db,
    async write(groups) {
      for (const group of groups) await db.database.db.transaction().execute((tx) => appendEvents(tx, group));
      dispatcher.kick();
      const rows = await db.database.db
        .selectFrom('platform.outbox')
        .select(['id', 'aggregate_id as aggregateId', 'event_type as type'])
        .orderBy('id')
        .execute();
      return rows as Array<{ id: number; aggregateId: string; type: string }>;
    },
  };
}

/** `rounds` events for each aggregate, interleaved; every other round writes all aggregates in one transaction. */
function interleaved(aggregates: Array<{ type: string; id: string }>, rounds: number, eventType = 'thing.happened'): NewEvent[][] {
  const groups: NewEvent[][] = [];
  for (let round = 0; round < rounds; round += 1) {
    const events = aggregates.map((a) => ({ aggregateType: a.type, aggregateId: a.id, type: eventType, payload: { round } }));
    if (round % 2 === 0) groups.push(events);
    else groups.push(...events.map((e) => [e]));
  }
  return groups;
}

function idsOf(rows: Array<{ id: number; aggregateId: string }>, aggregateId: string): number[] {
  return rows.filter((r) => r.aggregateId === aggregateId).map((r) => r.id);
}

// Aggregate types with dots and spaces: the NATS subject must still be valid.
const AGGREGATES = [
  { type: 'member', id: 'm-1' },
  { type: 'member', id: 'm-2' },
  { type: 'wallet.account', id: 'w-1' },
  { type: 'prize wheel', id: 'p-1' },
];

describe.each(busKinds)('event delivery through the outbox on $name', (kind) => {
  it('delivers every event to every subscriber, in order per aggregate', async () => {
    const subscribers = [recorder('audit'), recorder('rewards'), recorder('notifications')];
    const h = await startHarness([kind.create()], [subscribers]);
    const rows = await h.write(interleaved(AGGREGATES, 6));
    expect(rows).toHaveLength(AGGREGATES.length * 6);
    const all = rows.map((r) => r.id);

    await vi.waitFor(() => subscribers.forEach((s) => expect(new Set(s.ids())).toEqual(new Set(all))), WAIT);
    for (const s of subscribers) {
      for (const a of AGGREGATES) expect(s.idsOf(a.id), `${s.subscription.name} ${a.id}`).toEqual(idsOf(rows, a.id));
      expect(s.handled.find((e) => e.id === rows[0]!.id)).toMatchObject({ aggregateType: 'member', aggregateId: 'm-1', type: 'thing.happened', payload: { round: 0 } });
    }
  });

  it('retries a failing subscriber until it succeeds while the others still get their events', async () => {
    let release = false;
    let poisonId = -1;
    const flaky = recorder('flaky', { fail: (event) => event.id === poisonId && !release });
    const steady = [recorder('steady-1'), recorder('steady-2')];
    const h = await startHarness([kind.create()], [[flaky, ...steady]]);
    // Decide the failing event before anything is delivered: the first event of m-2.
    const groups = interleaved(AGGREGATES, 4);
    const firstM2 = groups.flat().findIndex((e) => e.aggregateId === 'm-2');
    poisonId = firstM2 + 1; // ids start at 1 in a fresh database
    const rows = await h.write(groups);
    expect(rows[firstM2]).toMatchObject({ id: poisonId, aggregateId: 'm-2' });

    // While the flaky subscriber keeps failing, the others receive the failing event and every
    // event of the other aggregates (the in-process bus holds m-2's later events back for all).
    const notBlocked = rows.filter((r) => r.aggregateId !== 'm-2' || r.id === poisonId).map((r) => r.id);
    await vi.waitFor(() => {
      for (const s of steady) expect(s.ids()).toEqual(expect.arrayContaining(notBlocked));
      expect(flaky.attempts.get(poisonId)).toBeGreaterThanOrEqual(3);
    }, WAIT);
    expect(flaky.ids()).not.toContain(poisonId);

    release = true;
    const all = rows.map((r) => r.id);
    await vi.waitFor(() => [flaky, ...steady].forEach((s) => expect(new Set(s.ids())).toEqual(new Set(all))), WAIT);
    for (const s of [flaky, ...steady]) {
      for (const a of AGGREGATES) expect(s.idsOf(a.id), `${s.subscription.name} ${a.id}`).toEqual(idsOf(rows, a.id));
    }
  });

  it('gives a subscriber with types only the events of those types', async () => {
    const everything = recorder('everything');
    const one = recorder('credits', { types: ['wallet.credited'] });
    const two = recorder('onboarding', { types: ['member.registered', 'wallet.credited'] });
    const h = await startHarness([kind.create()], [[everything, one, two]]);
    const types = ['member.registered', 'member.suspended', 'wallet.credited', 'wallet.debited'];
    const groups = types.flatMap((type, i) => interleaved([AGGREGATES[i % AGGREGATES.length]!], 2, type));
    // The last event is of a type both filtered subscribers take: once they have it, they have
    // seen every earlier event too (each subscriber handles events in order).
    groups.push([{ aggregateType: 'wallet.account', aggregateId: 'w-9', type: 'wallet.credited', payload: {} }]);
    const rows = await h.write(groups);
    const idsOfTypes = (wanted: string[]) => rows.filter((r) => wanted.includes(r.type)).map((r) => r.id);

    await vi.waitFor(() => {
      expect(everything.ids()).toHaveLength(rows.length);
      expect(one.ids()).toContain(rows.at(-1)!.id);
      expect(two.ids()).toContain(rows.at(-1)!.id);
    }, WAIT);
    expect(one.ids()).toEqual(idsOfTypes(['wallet.credited']));
    expect(two.ids()).toEqual(idsOfTypes(['member.registered', 'wallet.credited']));
  });
});

function domainEvent(id: number): DomainEvent {
  return { id, aggregateType: 'member', aggregateId: 'm-1', type: 'member.registered', payload: {}, occurredAt: new Date().toISOString() };
}

describe('NatsBus specifics', () => {
  it('lets two processes share a subscription: each event handled once, all in stream order', async () => {
    const runId = crypto.randomBytes(5).toString('hex');
    const handled: Array<{ process: number; id: number }> = [];
    const shared = (process: number): Recorder => {
      const r = recorder('shared');
      const inner = r.subscription.handler;
      r.subscription.handler = async (event) => {
        await inner(event);
        // A handler that takes a moment, so a second unacked event would reach the other process.
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.push({ process, id: event.id });
      };
      return r;
    };
    const h = await startHarness([createNatsBus(runId), createNatsBus(runId)], [[shared(1)], [shared(2)]]);
    const rows = await h.write(interleaved(AGGREGATES, 10));

    await vi.waitFor(() => expect(handled).toHaveLength(rows.length), WAIT);
    // max_ack_pending 1 serialises the durable across processes, so the merged log is stream order.
    expect(handled.map((x) => x.id)).toEqual(rows.map((r) => r.id));
  });

  it('stores an event published twice only once', async () => {
    const sub = recorder('once');
    const bus = createNatsBus(crypto.randomBytes(5).toString('hex'));
    bus.subscribe(sub.subscription);
    onTestFinished(() => bus.close());
    await bus.start();
    await bus.publish(domainEvent(1), []);
    await bus.publish(domainEvent(1), []);
    await bus.publish(domainEvent(2), []);

    await vi.waitFor(() => expect(sub.ids()).toContain(2), WAIT);
    expect(sub.ids()).toEqual([1, 2]);
  });

  it('sets a subscription up again when its consumer is deleted under it', async () => {
    const runId = crypto.randomBytes(5).toString('hex');
    const sub = recorder('survivor');
    const bus = createNatsBus(runId);
    bus.subscribe(sub.subscription);
    onTestFinished(() => bus.close());
    await bus.start();
    await bus.publish(domainEvent(1), []);
    await vi.waitFor(() => expect(sub.ids()).toEqual([1]), WAIT);

    const nc = await connect({ servers: NATS_URL });
    onTestFinished(() => nc.close());
    const jsm = await jetstreamManager(nc);
    expect(await jsm.consumers.delete(`TROVE_TEST_${runId}`, 'survivor')).toBe(true);
    // With interest retention an event nobody's consumer wants is not kept: wait for the consumer to return.
    await vi.waitFor(() => jsm.consumers.info(`TROVE_TEST_${runId}`, 'survivor'), WAIT);
    await bus.publish(domainEvent(2), []);
    await vi.waitFor(() => expect(sub.ids()).toEqual([1, 2]), WAIT);
  });

  it('refuses a subscription made after start', async () => {
    const bus = createNatsBus(crypto.randomBytes(5).toString('hex'));
    onTestFinished(() => bus.close());
    await bus.start();
    expect(() => bus.subscribe(recorder('late').subscription)).toThrow(/before the bus starts/);
  });
});
