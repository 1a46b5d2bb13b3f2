import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointDef, FilterDef, MilestoneDef, MilestoneState } from '../../src/modules/rewards/model.js';
import { memberDay } from '../../src/platform/time.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DAY_MS, hotStoreBackends, rewardFixtures } from '../helpers/rewards.js';

/**
 * Model-based test of the rewards engine: random event streams (several members in far-apart time
 * zones, replays of the same event, random batch splits, requests in parallel) go through HTTP into
 * a game with every kind of checkpoint and window, and what PostgreSQL holds afterwards (progress,
 * completions, distinct ids, coins paid) is compared with a plain reference evaluator over the
 * deduplicated events.
 *
 * Values are compared capped at their target: once a checkpoint is met the engine stops adding to it,
 * so a count's value at completion depends on the order events arrived in; met or not does not.
 */
const ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'America/New_York'] as const;
/** Events are spread over the last 60 hours: inside the default lateness (72 h), across 3 or 4 local days. */
const SPREAD_MINUTES = 60 * 60;
const RUNS = 25;
/** More than all milestones can pay in a run: the budget never runs out here. */
const FUNDED_COINS = 100_000_000;
/** Each run costs a game and a few hundred events: shrinking a failure is cut short so it is still reported within the test's timeout. */
const TIME_LIMIT_MS = 100_000;

const cp = (c: Omit<CheckpointDef, 'filters'> & { filters?: FilterDef[] }): CheckpointDef => ({ filters: [], ...c });
const milestone = (key: string, window: MilestoneDef['window'], repeats: boolean, coins: number, checkpoints: CheckpointDef[]): MilestoneDef =>
  ({ key, name: key, window, repeats, checkpoints, reward: { coins, couponCampaignId: null } });

/** One game with every checkpoint kind and window; its event types are the run's own. Coins are powers of ten, so a sum shows what was paid. */
function milestonesOf(ns: string): MilestoneDef[] {
  return [
    milestone('starter', { kind: 'all_time' }, false, 1, [
      cp({ key: 'login', kind: 'flag', eventType: `${ns}.login`, target: 1 }),
      cp({ key: 'spend', kind: 'count', eventType: `${ns}.order`, target: 6, filters: [{ path: 'channel', op: 'in', values: ['ios', 'android'] }, { path: 'amount', op: 'range', min: 50, max: 150 }] }),
    ]),
    milestone('daily-videos', { kind: 'daily' }, true, 10, [
      cp({ key: 'videos', kind: 'distinct', eventType: `${ns}.video`, distinctBy: 'video.id', target: 2, filters: [{ path: 'video.minutes', op: 'range', min: 5 }] }),
    ]),
    milestone('weekly-logins', { kind: 'weekly' }, true, 100, [
      cp({ key: 'days', kind: 'streak', eventType: `${ns}.login`, target: 2, minPerDay: 2, freezes: 1 }),
    ]),
    milestone('video-streak', { kind: 'all_time' }, false, 1_000, [
      cp({ key: 'days', kind: 'streak', eventType: `${ns}.video`, target: 3, freezes: 1 }),
    ]),
    milestone('big-day', { kind: 'daily' }, false, 10_000, [
      cp({ key: 'web', kind: 'count', eventType: `${ns}.order`, target: 4, filters: [{ path: 'channel', op: 'eq', value: 'web' }] }),
      cp({ key: 'hd', kind: 'flag', eventType: `${ns}.video`, target: 1, filters: [{ path: 'video.hd', op: 'eq', value: true }] }),
    ]),
    milestone('channels', { kind: 'weekly' }, false, 100_000, [
      cp({ key: 'channels', kind: 'distinct', eventType: `${ns}.order`, distinctBy: 'channel', target: 3 }),
    ]),
    // Easy to meet on several days at once: a batch may complete it in two windows together.
    milestone('small-order', { kind: 'daily' }, false, 1_000_000, [
      cp({ key: 'order', kind: 'flag', eventType: `${ns}.order`, target: 1, filters: [{ path: 'amount', op: 'range', max: 100 }] }),
    ]),
  ];
}

/** The game as the API takes it (no couponCampaignId). */
const gameBody = (ms: MilestoneDef[]) => ms.map((m) => ({ ...m, reward: { coins: m.reward.coins } }));

// ---- The reference evaluator: plain loops over the deduplicated events. ----

interface RefEvent { memberId: string; timeZone: string; type: string; occurredAt: string; attributes: Record<string, unknown>; value?: number }

function pathValue(attributes: Record<string, unknown>, path: string): unknown {
  let v: unknown = attributes;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function filterHolds(f: FilterDef, attributes: Record<string, unknown>): boolean {
  const v = pathValue(attributes, f.path);
  if (f.op === 'eq') return v === f.value;
  if (f.op === 'in') return (typeof v === 'string' || typeof v === 'number') && f.values.some((x) => x === v);
  return typeof v === 'number' && v >= (f.min ?? -Infinity) && v <= (f.max ?? Infinity);
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** ISO 8601 week of a calendar day: the week (Monday first) belongs to the year of its Thursday. */
function isoWeekOf(day: string): string {
  const n = dayNumber(day);
  const mondayFirst = (new Date(n * DAY_MS).getUTCDay() + 6) % 7;
  const thursday = new Date((n - mondayFirst + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The most qualifying days in a run whose missed days (in total) fit in the freezes, trying every run. */
function longestRun(days: Map<string, number>, minPerDay: number, freezes: number): number {
  const q = [...days].filter(([, n]) => n >= minPerDay).map(([d]) => dayNumber(d)).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < q.length; i++) for (let j = i; j < q.length; j++) if (q[j]! - q[i]! + 1 - (j - i + 1) <= freezes) best = Math.max(best, j - i + 1);
  return best;
}

interface RefCheckpoint { flagged: boolean; sum: number; ids: Set<string>; days: Map<string, number> }
/** Per `milestone|member|window`: each checkpoint's accumulated facts. */
type RefProgress = Map<string, { milestone: MilestoneDef; memberId: string; windowKey: string; checkpoints: Map<string, RefCheckpoint> }>;

function accumulate(milestones: readonly MilestoneDef[], events: readonly RefEvent[]): RefProgress {
  const progress: RefProgress = new Map();
  for (const e of events) {
    const day = memberDay(e.timeZone, new Date(e.occurredAt));
    for (const m of milestones) {
      const windowKey = m.window.kind === 'all_time' ? 'all' : m.window.kind === 'daily' ? `d:${day}` : m.window.kind === 'weekly' ? `w:${isoWeekOf(day)}` : null;
      if (windowKey === null) throw new Error('range windows are not modelled');
      for (const c of m.checkpoints) {
        if (e.type !== c.eventType || !c.filters.every((f) => filterHolds(f, e.attributes))) continue;
        const key = `${m.key}|${e.memberId}|${windowKey}`;
        const group = progress.get(key) ?? { milestone: m, memberId: e.memberId, windowKey, checkpoints: new Map() };
        progress.set(key, group);
        const acc = group.checkpoints.get(c.key) ?? { flagged: false, sum: 0, ids: new Set<string>(), days: new Map<string, number>() };
        group.checkpoints.set(c.key, acc);
        acc.flagged = true;
        acc.sum += e.value ?? 1;
        const id = pathValue(e.attributes, c.distinctBy ?? 'id');
        if ((typeof id === 'string' || typeof id === 'number') && String(id).length >= 1 && String(id).length <= 200) acc.ids.add(String(id));
        acc.days.set(day, (acc.days.get(day) ?? 0) + 1);
      }
    }
  }
  return progress;
}

/** A checkpoint's value over all its events (uncapped). */
function refValue(c: CheckpointDef, acc: RefCheckpoint | undefined): number {
  if (!acc) return 0;
  switch (c.kind) {
    case 'flag': return acc.flagged ? 1 : 0;
    case 'count': return acc.sum;
    case 'distinct': return acc.ids.size;
    case 'streak': return longestRun(acc.days, c.minPerDay ?? 1, c.freezes ?? 0);
  }
}

/** What is compared of a progress row: each checkpoint's value capped at its target, and an unmet streak's day counts. */
type Comparable = Record<string, number | Record<string, number>>;

function comparableOf(m: MilestoneDef, valueOf: (c: CheckpointDef) => number, daysOf: (c: CheckpointDef) => Record<string, number>): Comparable {
  const out: Comparable = {};
  for (const c of m.checkpoints) {
    const value = Math.min(valueOf(c), c.target);
    if (value > 0) out[c.key] = value;
    if (c.kind === 'streak' && value < c.target && Object.keys(daysOf(c)).length > 0) out[`${c.key}.days`] = daysOf(c);
  }
  return out;
}

/** What the reference expects: progress rows, the windows where each (milestone, member) is met, and the completion keys. */
function reference(milestones: readonly MilestoneDef[], events: readonly RefEvent[]) {
  const rows = new Map<string, Comparable>();
  const met = new Map<string, Set<string>>();
  const completions = new Set<string>();
  const accumulated = accumulate(milestones, events);
  for (const [key, g] of accumulated) {
    const row = comparableOf(g.milestone, (c) => refValue(c, g.checkpoints.get(c.key)), (c) => Object.fromEntries(g.checkpoints.get(c.key)?.days ?? []));
    if (Object.keys(row).length > 0) rows.set(key, row);
    if (g.milestone.checkpoints.every((c) => refValue(c, g.checkpoints.get(c.key)) >= c.target)) {
      const who = `${g.milestone.key}|${g.memberId}`;
      met.set(who, (met.get(who) ?? new Set()).add(g.windowKey));
      completions.add(`${who}|${g.milestone.repeats ? g.windowKey : 'once'}`);
    }
  }
  return { rows, met, completions, accumulated };
}

/** One run: its game, what the reference expects of it, and its milestones by key. */
interface Run {
  gameId: string;
  ref: ReturnType<typeof reference>;
  milestone: (key: string) => MilestoneDef;
}

// ---- Streams ----

const specArb = fc.record({
  member: fc.integer({ min: 0, max: ZONES.length - 1 }),
  kind: fc.constantFrom('login', 'login', 'video', 'video', 'order', 'order'),
  agoMinutes: fc.integer({ min: 1, max: SPREAD_MINUTES }),
  videoId: fc.constantFrom<string | number>('v1', 'v2', 'v3', 'v4', 7, ''),
  minutes: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  hd: fc.option(fc.boolean(), { nil: undefined }),
  channel: fc.option(fc.constantFrom('ios', 'android', 'web'), { nil: undefined }),
  amount: fc.integer({ min: 0, max: 200 }),
  value: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});
type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

const streamArb = fc.record({
  specs: fc.array(specArb, { minLength: 20, maxLength: 150, size: 'max' }),
  /** Which events are sent, in order: indexes into specs, so some are sent twice and some never. */
  sends: fc.array(fc.nat(), { minLength: 20, maxLength: 220, size: 'max' }),
  /** How the sends are cut into requests, and whether a request goes out together with the one before. */
  chunks: fc.array(fc.record({ size: fc.integer({ min: 1, max: 25 }), withPrevious: fc.boolean() }), { maxLength: 25, size: 'max' }),
});

interface SentEvent { id: string; type: string; memberId: string; occurredAt: string; attributes: Record<string, unknown>; value?: number }

function eventOf(s: Spec, index: number, ns: string, memberId: string, nowMs: number): SentEvent {
  const base = { id: `${ns}-e${index}`, memberId, occurredAt: new Date(nowMs - s.agoMinutes * 60_000).toISOString() };
  if (s.kind === 'login') return { ...base, type: `${ns}.login`, attributes: {} };
  if (s.kind === 'video') return { ...base, type: `${ns}.video`, attributes: { video: { id: s.videoId, minutes: s.minutes, hd: s.hd } } };
  return { ...base, type: `${ns}.order`, attributes: { channel: s.channel, amount: s.amount }, value: s.value };
}

/** Requests of the sends, in groups sent in parallel. */
function requestsOf(sent: SentEvent[], chunks: { size: number; withPrevious: boolean }[]): SentEvent[][][] {
  const groups: SentEvent[][][] = [];
  let at = 0;
  for (const c of [...chunks, { size: sent.length, withPrevious: false }]) {
    if (at >= sent.length) break;
    const request = sent.slice(at, at + c.size);
    at += request.length;
    if (c.withPrevious && groups.length > 0) groups.at(-1)!.push(request);
    else groups.push([request]);
  }
  return groups;
}

let runSeq = 0;

describe.each(hotStoreBackends())('rewards against a reference evaluator ($name hot store)', ({ make }) => {
  let t: TestApp;
  let f: ReturnType<typeof rewardFixtures>;
  const members: { id: string; key: string; timeZone: string }[] = [];
  const pool = () => t.db.database.pool;

  beforeAll(async () => {
    t = await createTestApp({ rewardsHotStore: make() });
    f = rewardFixtures(t);
    for (const timeZone of ZONES) {
      const m = await t.member(['buyer']);
      const res = await t.call(m.key, { method: 'PATCH', url: '/v1/members/me', payload: { timeZone } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().timeZone).toBe(timeZone);
      members.push({ ...m, timeZone });
    }
  });
  afterAll(() => t.close());

  /** Sends the requests; checks each answer; returns the completions the answers reported. */
  async function sendAll(groups: SentEvent[][][], milestones: readonly MilestoneDef[]): Promise<string[]> {
    const reported: string[] = [];
    for (const group of groups) {
      const answers = await Promise.all(group.map((events) => f.send(events)));
      answers.forEach((answer, r) => answer.items.forEach((item, i) => {
        const event = group[r]![i]!;
        expect(item.id).toBe(event.id);
        if (item.status === 'rejected') {
          // The only refusal: the same id earlier in the same request.
          expect(item.error?.code).toBe('REWARD_EVENT_DUPLICATE_IN_BATCH');
          expect(group[r]!.slice(0, i).some((e) => e.id === event.id)).toBe(true);
        }
        for (const c of (item.completed ?? []) as { milestoneKey: string; windowKey: string; status: string }[]) {
          expect(c.status).toBe('paid');
          const repeats = milestones.find((m) => m.key === c.milestoneKey)!.repeats;
          reported.push(`${c.milestoneKey}|${event.memberId}|${repeats ? c.windowKey : 'once'}`);
        }
      }));
    }
    return reported;
  }

  /** Completions: each key once, paid, reported once to the event that completed it and once on the outbox. */
  async function checkCompletions(run: Run, reported: string[]) {
    const { rows: done } = await pool().query<{ milestone_key: string; member_id: string; completion_key: string; window_key: string; status: string; coins: string }>(
      'SELECT milestone_key, member_id, completion_key, window_key, status, coins FROM rewards.completions WHERE game_id = $1', [run.gameId]);
    const doneKeys = done.map((c) => `${c.milestone_key}|${c.member_id}|${c.completion_key}`).sort();
    expect(doneKeys).toEqual([...run.ref.completions].sort());
    expect(reported.sort()).toEqual(doneKeys);
    const { rows: told } = await pool().query<{ key: string }>(
      `SELECT concat_ws('|', payload->>'milestoneKey', payload->>'memberId', payload->>'completionKey') AS key FROM platform.outbox
       WHERE event_type = 'reward.milestone_completed' AND payload->>'gameId' = $1`, [run.gameId]);
    expect(told.map((r) => r.key).sort()).toEqual(doneKeys);
    for (const c of done) {
      const m = run.milestone(c.milestone_key);
      expect({ status: c.status, coins: Number(c.coins) }).toEqual({ status: 'paid', coins: m.reward.coins });
      if (m.repeats) expect(c.window_key).toBe(c.completion_key);
      else expect(run.ref.met.get(`${c.milestone_key}|${c.member_id}`)).toContain(c.window_key);
    }
    return done.map((c) => ({ milestoneKey: c.milestone_key, memberId: c.member_id, windowKey: c.window_key }));
  }

  /**
   * Progress rows. A milestone completed once ever in a daily or weekly window stops taking events in
   * its other windows as soon as the hot store knows it is done, which depends on timing: there the
   * engine's values are at most the reference's. The window that completed it is met.
   */
  async function checkProgress(run: Run, done: { milestoneKey: string; memberId: string; windowKey: string }[]) {
    const { rows } = await pool().query<{ milestone_key: string; member_id: string; window_key: string; state: MilestoneState }>(
      'SELECT milestone_key, member_id, window_key, state FROM rewards.progress WHERE game_id = $1', [run.gameId]);
    const states = new Map(rows.map((r) => [`${r.milestone_key}|${r.member_id}|${r.window_key}`, r.state]));
    const engine = new Map<string, Comparable>();
    for (const r of rows) {
      const row = comparableOf(run.milestone(r.milestone_key), (c) => r.state[c.key]?.value ?? 0, (c) => r.state[c.key]?.days ?? {});
      if (Object.keys(row).length > 0) engine.set(`${r.milestone_key}|${r.member_id}|${r.window_key}`, row);
    }
    const frozen = (key: string) => {
      const [mKey, memberId] = key.split('|') as [string, string];
      const m = run.milestone(mKey);
      return !m.repeats && m.window.kind !== 'all_time' && run.ref.completions.has(`${mKey}|${memberId}|once`);
    };
    const exact = (all: Map<string, Comparable>) => new Map([...all].filter(([k]) => !frozen(k)));
    expect(exact(engine)).toEqual(exact(run.ref.rows));
    for (const [key, row] of engine) {
      if (!frozen(key)) continue;
      const expected = run.ref.rows.get(key) ?? {};
      for (const [cpKey, value] of Object.entries(row)) if (typeof value === 'number') expect(value, `${key} ${cpKey}`).toBeLessThanOrEqual((expected[cpKey] as number | undefined) ?? 0);
    }
    for (const c of done) {
      const state = states.get(`${c.milestoneKey}|${c.memberId}|${c.windowKey}`) ?? {};
      for (const x of run.milestone(c.milestoneKey).checkpoints) expect(state[x.key]?.value ?? 0, `${c.milestoneKey} ${x.key}`).toBeGreaterThanOrEqual(x.target);
    }
    return states;
  }

  /** Distinct ids: the ones stored are ids the window saw, one per unit of value, never more than the target. */
  async function checkDistinctIds(run: Run, states: Map<string, MilestoneState>) {
    const { rows } = await pool().query<{ milestone_key: string; checkpoint_key: string; member_id: string; window_key: string; item: string }>(
      'SELECT milestone_key, checkpoint_key, member_id, window_key, item FROM rewards.distinct_ids WHERE game_id = $1', [run.gameId]);
    const stored = new Map<string, { row: (typeof rows)[number]; items: string[] }>();
    for (const r of rows) {
      const key = `${r.milestone_key}|${r.member_id}|${r.window_key}|${r.checkpoint_key}`;
      stored.set(key, { row: r, items: [...(stored.get(key)?.items ?? []), r.item] });
    }
    for (const [key, { row: r, items }] of stored) {
      const progressKey = `${r.milestone_key}|${r.member_id}|${r.window_key}`;
      const seen = run.ref.accumulated.get(progressKey)?.checkpoints.get(r.checkpoint_key)?.ids ?? new Set();
      for (const item of items) expect(seen.has(item), `${key} ${item}`).toBe(true);
      expect(items.length, key).toBe(states.get(progressKey)?.[r.checkpoint_key]?.value ?? 0);
      expect(items.length, key).toBeLessThanOrEqual(run.milestone(r.milestone_key).checkpoints.find((c) => c.key === r.checkpoint_key)!.target);
    }
  }

  /** Coins: each member got exactly the rewards of its completions, and the game spent their sum. */
  async function checkCoins(run: Run, before: number[]) {
    const coinsOf = (memberId: string) => [...run.ref.completions].filter((k) => k.split('|')[1] === memberId)
      .reduce((sum, k) => sum + run.milestone(k.split('|')[0]!).reward.coins, 0);
    const after = await Promise.all(members.map((m) => f.balance(m.id)));
    expect(after.map((b, i) => b - before[i]!)).toEqual(members.map((m) => coinsOf(m.id)));
    const { rows: [game] } = await pool().query<{ spent_coins: string }>('SELECT spent_coins FROM rewards.games WHERE id = $1', [run.gameId]);
    expect(Number(game!.spent_coins)).toBe(members.reduce((sum, m) => sum + coinsOf(m.id), 0));
  }

  it('holds the same progress, completions and coins as the reference for random event streams', async () => {
    await fc.assert(fc.asyncProperty(streamArb, async ({ specs, sends, chunks }) => {
      const ns = `model${++runSeq}`;
      const milestones = milestonesOf(ns);
      const { id: gameId } = await f.game(gameBody(milestones), {}, FUNDED_COINS);
      const nowMs = Date.now();
      const events = specs.map((s, i) => eventOf(s, i, ns, members[s.member]!.id, nowMs));
      const sent = sends.map((n) => events[n % events.length]!);
      const before = await Promise.all(members.map((m) => f.balance(m.id)));
      const reported = await sendAll(requestsOf(sent, chunks), milestones);

      const zoneOf = new Map(members.map((m) => [m.id, m.timeZone]));
      const unique = [...new Map(sent.map((e) => [e.id, e])).values()].map((e) => ({ ...e, timeZone: zoneOf.get(e.memberId)! }));
      const run: Run = { gameId, ref: reference(milestones, unique), milestone: (key) => milestones.find((m) => m.key === key)! };
      const done = await checkCompletions(run, reported);
      await checkDistinctIds(run, await checkProgress(run, done));
      await checkCoins(run, before);
    }), { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true });
  }, 120_000);
});
