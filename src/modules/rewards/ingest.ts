import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Db, Tx } from '../../platform/db/database.js';
import type { ErrorCode } from '../../platform/errors.js';
import { GroupCommitter, QueueFullError } from '../../platform/group-commit.js';
import type { MembersService } from '../members/index.js';
import { participantsKey, type RewardsHotStore } from './hot-store.js';
import { doneKey, matchEvent, metKey, settledTtlMs, type Match } from './matching.js';
import { REWARDS_POLICY, type CompletionStatus, type EventInput, type Game, type MemberFacts } from './model.js';
import type { Payouts } from './payouts.js';
import { applyContribution, checkpointMet, milestoneMet } from './rules.js';
import * as store from './store.js';

export interface CompletedRef {
  gameId: string;
  milestoneKey: string;
  windowKey: string;
  status: CompletionStatus;
}

export type ItemOutcome =
  | { status: 'accepted' | 'duplicate' | 'unchanged'; completed: CompletedRef[] }
  | { status: 'rejected'; code: ErrorCode; message: string };

export interface SourcedEvent {
  source: string;
  event: EventInput;
}

type Item = SourcedEvent;

interface Live {
  index: number;
  item: Item;
  member: MemberFacts;
  matches: Match[];
}

/** Where the active games come from (cached by the service). */
export type GamesSource = () => Promise<Game[]>;

const RETRYABLE = new Set(['40P01', '40001']);
const DAY_MS = 86_400_000;
const RETRIES_MAX = 3;

const eventKey = (i: SourcedEvent) => store.journalKey(i.source, i.event.id);

/**
 * Takes events in: many requests' events are committed together (group commit). An event that
 * can change nothing (it matches no running game, or only checkpoints already met) is answered
 * from memory; the others are journaled, applied to progress and, when a milestone completes,
 * paid, all in one transaction.
 */
export class Ingest {
  private readonly committer: GroupCommitter<Item, ItemOutcome>;
  private readonly factsCache = new LRUCache<string, MemberFacts>({ max: REWARDS_POLICY.memberCache.entriesMax, ttl: REWARDS_POLICY.memberCache.ttlMs });

  constructor(
    private readonly db: Db,
    private readonly members: MembersService,
    private readonly games: GamesSource,
    private readonly hot: RewardsHotStore,
    private readonly payouts: Payouts,
    private readonly log: Logger | null,
  ) {
    // Batches in flight never share a member, so they never wait for each other's progress locks.
    this.committer = new GroupCommitter<Item, ItemOutcome>(REWARDS_POLICY.ingest, eventKey, (items) => this.flush(items), (i) => i.event.memberId);
  }

  get stats() {
    return this.committer.stats;
  }

  drain(): Promise<void> {
    return this.committer.drain();
  }

  /** One outcome per event; the events must be valid and have distinct (source, id). */
  async submit(events: readonly SourcedEvent[]): Promise<ItemOutcome[]> {
    // Member ids in PostgreSQL's spelling, once: lookups, batching and fingerprints use it as is.
    return Promise.all(events.map((e) =>
      this.committer.submit({ ...e, event: { ...e.event, memberId: e.event.memberId.toLowerCase() } }).catch((err: unknown): ItemOutcome => {
        if (err instanceof QueueFullError) return { status: 'rejected', code: 'SERVICE_UNAVAILABLE', message: 'The rewards engine is at capacity; send the event again.' };
        // One event's failure is that event's answer: the request's other events were counted, and
        // their answers must reach the sender. Retrying the same event is safe.
        this.log?.error({ err, event: e.event.id }, 'rewards event failed');
        return { status: 'rejected', code: 'SERVICE_UNAVAILABLE', message: 'The event could not be counted now; send it again.' };
      })));
  }

  private async flush(items: Item[]): Promise<(ItemOutcome | Error)[]> {
    const now = Date.now();
    const [games, members] = await Promise.all([this.games(), this.memberFacts(items.map((i) => i.event.memberId))]);
    const outcomes: (ItemOutcome | Error)[] = [];
    const live: Live[] = [];
    items.forEach((item, index) => {
      const member = members.get(item.event.memberId);
      if (!member?.approved) {
        outcomes[index] = { status: 'rejected', code: 'REWARD_EVENT_MEMBER_NOT_FOUND', message: `No approved member ${item.event.memberId}.` };
        return;
      }
      // Until shown otherwise, the event changes nothing (it matches no running game).
      outcomes[index] = { status: 'unchanged', completed: [] };
      const matches = matchEvent(item.event, member, games);
      if (matches.length > 0) live.push({ index, item, member, matches });
    });
    // The analytics count is a round trip of its own to the hot store: it runs beside the rest
    // (it takes the matches before dropSettled narrows them, in its first, synchronous step).
    // An estimate failing must not answer a batch whose transaction is still running.
    const counted = this.countParticipants(live, now).catch((err: unknown) => this.log?.warn({ err }, 'rewards participants count failed'));
    await Promise.all([counted, this.apply(live, outcomes)]);
    return outcomes;
  }

  private async apply(live: Live[], outcomes: (ItemOutcome | Error)[]): Promise<void> {
    const pending = await this.dropSettled(live);
    if (pending.length === 0) return;
    const { results, settled } = await this.commitIsolating(pending);
    for (const [index, outcome] of results) outcomes[index] = outcome;
    await this.hot.markSettled(settled);
  }

  /**
   * What the engine needs of each member (time zone, roles, approval), cached for
   * memberCacheTtlMs as API keys are: a profile or verification change reaches events within it.
   */
  private async memberFacts(ids: readonly string[]): Promise<Map<string, MemberFacts>> {
    const facts = new Map<string, MemberFacts>();
    const missing = new Set<string>();
    for (const id of ids) {
      const known = this.factsCache.get(id);
      if (known) facts.set(id, known);
      else missing.add(id);
    }
    for (const m of await this.members.findMembers(this.db, [...missing])) {
      const f = { id: m.id, timeZone: m.timeZone, roles: m.roles, approved: m.verificationState === 'approved' };
      // Only approved members are cached, so a member approved a moment ago is counted at once.
      if (f.approved) this.factsCache.set(m.id, f);
      facts.set(m.id, f);
    }
    return facts;
  }

  /** Analytics: distinct participants per game and UTC day, as HyperLogLog estimates. */
  private async countParticipants(live: readonly Live[], now: number): Promise<void> {
    // Grouped by game object and day number: no key string per event.
    const byGame = new Map<Game, Map<number, Set<string>>>();
    for (const l of live) {
      const day = Math.floor(Date.parse(l.item.event.occurredAt) / DAY_MS);
      for (const m of l.matches) {
        let days = byGame.get(m.game);
        if (!days) byGame.set(m.game, (days = new Map()));
        let ids = days.get(day);
        if (!ids) days.set(day, (ids = new Set()));
        ids.add(l.member.id);
      }
    }
    const writes: Promise<void>[] = [];
    for (const [game, days] of byGame) {
      const ttlMs = settledTtlMs(game, now) + 30 * DAY_MS;
      for (const [day, ids] of days) writes.push(this.hot.addParticipants(participantsKey(game.id, new Date(day * DAY_MS).toISOString().slice(0, 10)), [...ids], ttlMs));
    }
    await Promise.all(writes);
  }

  /** Drops matches on checkpoints already met and milestones already completed; returns events still live. */
  private async dropSettled(live: Live[]): Promise<Live[]> {
    // Two keys per match, in match order: its milestone done, its checkpoint met.
    const keys: string[] = [];
    for (const l of live) for (const m of l.matches) keys.push(doneKey(m, l.member.id), metKey(m, l.member.id));
    const flags = await this.hot.settled(keys);
    let at = 0;
    for (const l of live) {
      l.matches = l.matches.filter(() => {
        const open = !flags[at] && !flags[at + 1];
        at += 2;
        return open;
      });
    }
    return live.filter((l) => l.matches.length > 0);
  }

  /**
   * A batch holds many requests' events: one that PostgreSQL refuses must not fail the others. A
   * batch that fails for a reason other than a transient conflict is split in halves until the
   * failing events are alone; an event whose value PostgreSQL refuses (SQLSTATE class 22) is then
   * rejected on its own, anything else fails only its own request.
   */
  private async commitIsolating(live: Live[]): Promise<{ results: Map<number, ItemOutcome | Error>; settled: Applied['settled'] }> {
    try {
      return await this.commitWithRetry(live);
    } catch (err) {
      if (live.length === 1) {
        const dataError = /^22/.test(String((err as { code?: unknown }).code ?? ''));
        this.log?.warn({ err, event: live[0]!.item.event.id }, 'rewards event failed on its own');
        return { results: new Map([[live[0]!.index, dataError ? { status: 'rejected', code: 'VALIDATION_FAILED', message: 'A value in the event cannot be stored.' } : err as Error]]), settled: [] };
      }
      const half = Math.ceil(live.length / 2);
      const [a, b] = [await this.commitIsolating(live.slice(0, half)), await this.commitIsolating(live.slice(half))];
      return { results: new Map([...a.results, ...b.results]), settled: [...a.settled, ...b.settled] };
    }
  }

  private async commitWithRetry(live: Live[]): Promise<Applied> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute((tx) => applyBatch(tx, live, this.payouts));
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= RETRIES_MAX) throw err;
        this.log?.warn({ code, attempt, size: live.length }, 'rewards batch retried');
      }
    }
  }
}

interface Applied {
  results: Map<number, ItemOutcome>;
  settled: { key: string; ttlMs: number }[];
}

/**
 * The transaction of a batch: journal the events (once per source and id), lock the progress they
 * touch, store new distinct ids (never past a target), advance the checkpoints in event order,
 * and record and pay the milestones that are now complete.
 */
async function applyBatch(tx: Tx, live: readonly Live[], payouts: Payouts): Promise<Applied> {
  const results = new Map<number, ItemOutcome>();
  // Every (event, checkpoint) pair, with its progress row (a position in `keys`) found once.
  const keys: store.ProgressKey[] = [];
  const keyAt = new Map<string, number>();
  const candidates: store.DistinctCandidate[] = [];
  const allSteps: Step[] = [];
  live.forEach((l, event) => {
    for (const m of l.matches) {
      const key: store.ProgressKey = { gameId: m.game.id, milestoneKey: m.milestone.key, memberId: l.member.id, windowKey: m.windowKey };
      const pk = store.progressKeyString(key);
      let at = keyAt.get(pk);
      if (at === undefined) keyAt.set(pk, (at = keys.push(key) - 1));
      // Every distinct id of every event: which of them are new is known only in the transaction.
      const candidate = m.contribution.kind === 'distinct'
        ? candidates.push({ event, key: at, checkpointKey: m.checkpoint.key, item: m.contribution.item, target: m.checkpoint.target }) - 1 : -1;
      allSteps.push({ l, event, m, key, at, candidate });
    }
  });
  const { journal, states, ids, rows, stored } = await store.beginBatch(tx, live.map((l) => ({
    source: l.item.source, id: l.item.event.id, memberId: l.member.id, type: l.item.event.type, occurredAt: l.item.event.occurredAt,
    value: l.item.event.value ?? null, attributes: l.item.event.attributes,
  })), keys, candidates);
  live.forEach((l, event) => {
    const outcome = journal[event]!;
    results.set(l.index, outcome === 'fresh' ? { status: 'accepted', completed: [] } : outcome === 'same' ? { status: 'duplicate', completed: [] }
      : { status: 'rejected', code: 'REWARD_EVENT_EXISTS_WITH_DIFFERENT_FIELDS', message: `Event ${l.item.event.id} was accepted before with other fields.` });
  });
  const steps = allSteps.filter((s) => journal[s.event] === 'fresh');
  // Per progress row, the last new event that touched it: the one a completion is reported to.
  const lastStep = new Map(steps.map((s) => [s.at, s]));

  const pastTarget: store.DistinctItem[] = [];
  const dirty = new Set<number>();
  const settled: Applied['settled'] = [];
  const now = Date.now();
  for (const s of steps) {
    const state = states[s.at]!;
    const cp = s.m.checkpoint;
    const before = state[cp.key];
    if (s.m.contribution.kind === 'distinct') {
      if (!stored[s.candidate]) continue;
      if (checkpointMet(cp, before)) {
        pastTarget.push({ progressId: ids[s.at]!, checkpointKey: cp.key, item: s.m.contribution.item });
        continue;
      }
    } else if (checkpointMet(cp, before)) {
      continue;
    }
    state[cp.key] = applyContribution(cp, before, s.m.contribution);
    dirty.add(s.at);
    if (checkpointMet(cp, state[cp.key])) settled.push({ key: metKey(s.m, s.l.member.id), ttlMs: settledTtlMs(s.m.game, now) });
  }
  await store.deleteDistinct(tx, pastTarget);
  const touched = [...dirty].map((at) => lastStep.get(at)!);
  await store.saveProgress(tx, touched.map((t) => ({ row: rows[t.at]!, state: states[t.at]! })));
  await completeMilestones(tx, touched.filter((t) => milestoneMet(t.m.milestone, states[t.at]!)), payouts, results, settled, now);
  return { results, settled };
}

/** One event's effect on one checkpoint, with the progress row it changes (`at`, a position in the batch's keys). */
interface Step {
  l: Live;
  event: number;
  m: Match;
  key: store.ProgressKey;
  at: number;
  /** Its distinct id's position in the batch's candidates, or -1. */
  candidate: number;
}

async function completeMilestones(
  tx: Tx,
  complete: readonly Step[],
  payouts: Payouts,
  results: Map<number, ItemOutcome>,
  settled: Applied['settled'],
  now: number,
): Promise<void> {
  if (complete.length === 0) return;
  const inserted = await store.insertCompletions(tx, complete.map((c) => ({
    ...c.key, completionKey: c.m.completionKey, coins: c.m.milestone.reward.coins,
    status: c.m.game.verification ? 'verifying' : 'paid',
  })));
  for (const c of complete) settled.push({ key: doneKey(c.m, c.key.memberId), ttlMs: settledTtlMs(c.m.game, now) });
  const byKey = new Map(complete.map((c) => [store.progressKeyString(c.key), c]));
  const byGame = new Map<string, { game: Game; rows: store.NewCompletion[] }>();
  const refs = new Map<string, CompletedRef>();
  for (const row of inserted) {
    // The step that completed it: the last event of the batch on that progress row.
    const c = byKey.get(store.progressKeyString(row))!;
    const entry = byGame.get(row.gameId) ?? { game: c.m.game, rows: [] };
    entry.rows.push(row);
    byGame.set(row.gameId, entry);
    const ref: CompletedRef = { gameId: row.gameId, milestoneKey: row.milestoneKey, windowKey: row.windowKey, status: row.status };
    refs.set(completionId(row), ref);
    const outcome = results.get(c.l.index);
    if (outcome?.status === 'accepted') outcome.completed.push(ref);
  }
  // Games with verification pay later, when the source confirms.
  const settlements = await payouts.payAll(tx, [...byGame.values()].filter((g) => !g.game.verification).map((g) => ({ game: g.game, payables: g.rows })));
  await store.settleCompletions(tx, settlements);
  for (const s of settlements) refs.get(completionId(s))!.status = s.status;
}

const completionId = (c: { gameId: string; milestoneKey: string; memberId: string; completionKey: string }) =>
  `${c.gameId}|${c.milestoneKey}|${c.memberId}|${c.completionKey}`;
