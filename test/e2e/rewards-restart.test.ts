import crypto from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { processCluster, type ServerProcess } from '../helpers/process.js';

/**
 * A source streams events to the real server process, which is killed with SIGKILL mid-stream;
 * after a restart the source sends the whole stream again (at-least-once delivery, as it would
 * after failures). The final progress, completions and coin balances are those the stream implies,
 * computed here from its plan, and no completion is paid twice.
 */
const MEMBERS = 40;
const BATCH_EVENTS = 20;
const SENDERS = 16;
/** The process is killed once this many batches have been answered (of 66)... */
const KILL_AFTER_BATCHES = 12;
/**
 * ...and this long after: the answers of one group commit arrive together, and a kill right then
 * finds the next commit barely started; a little later it often finds one committed but not yet
 * answered, the case a resend must not count twice.
 */
const KILL_DELAY_MS = 30;
const SOURCE = 'shop';
const DAY_MS = 86_400_000;
const HOUR_MS = 3600_000;

const WATCH = { key: 'watch', target: 5, coins: 10 };
const LOGIN = { key: 'login', target: 3, coins: 5 };
const SPEND = { key: 'spend', target: 20, coins: 25 };
const MILESTONES = [
  { key: WATCH.key, name: 'Watch 5 videos a day', window: { kind: 'daily' }, repeats: true, reward: { coins: WATCH.coins },
    checkpoints: [{ key: 'videos', kind: 'distinct', eventType: 'video.watched', distinctBy: 'videoId', target: WATCH.target }] },
  { key: LOGIN.key, name: 'Open the app 3 times a day', window: { kind: 'daily' }, repeats: true, reward: { coins: LOGIN.coins },
    checkpoints: [{ key: 'opens', kind: 'count', eventType: 'app.opened', target: LOGIN.target }] },
  { key: SPEND.key, name: 'Spend 20', window: { kind: 'all_time' }, reward: { coins: SPEND.coins },
    checkpoints: [{ key: 'spent', kind: 'count', eventType: 'order.placed', target: SPEND.target }] },
];

/**
 * What each kind of member does: distinct videos and app opens on each of two days, and orders of
 * one value. Order values are the same for a member, so where its running total crosses the
 * target (and the count stops) does not depend on the order in which events arrive.
 */
const PROFILES = [
  { videos: [3, 5], opens: [1, 3], orderValue: 1, orders: 25 },
  { videos: [5, 2], opens: [3, 1], orderValue: 3, orders: 5 },
  { videos: [7, 8], opens: [4, 5], orderValue: 7, orders: 3 },
  { videos: [6, 5], opens: [2, 2], orderValue: 4, orders: 8 },
] as const;
/** Watches of a video already counted that day, with event ids of their own: they count for nothing. */
const REWATCHES_PER_DAY = 2;

interface Event { id: string; source: string; type: string; memberId: string; occurredAt: string; attributes: Record<string, unknown>; value?: number }
interface Member { id: string; profile: (typeof PROFILES)[number] }

/** A small seeded PRNG (mulberry32), so a failing stream can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Noon UTC two days ago and yesterday: 36 to 60 h back, inside the 72 h lateness, and two whole UTC days. */
function streamDays(now = Date.now()): { day: string; noonMs: number }[] {
  const todayNoon = new Date(now);
  todayNoon.setUTCHours(12, 0, 0, 0);
  return [2, 1].map((back) => {
    const noonMs = todayNoon.getTime() - back * DAY_MS;
    return { day: new Date(noonMs).toISOString().slice(0, 10), noonMs };
  });
}

function memberEvents(m: Member, days: { noonMs: number }[], random: () => number): Event[] {
  const events: Event[] = [];
  const at = (noonMs: number) => new Date(noonMs + Math.floor((random() - 0.5) * HOUR_MS)).toISOString();
  const add = (type: string, noonMs: number, attributes: Record<string, unknown> = {}, value?: number) =>
    events.push({ id: `ev-${crypto.randomUUID()}`, source: SOURCE, type, memberId: m.id, occurredAt: at(noonMs), attributes, ...(value === undefined ? {} : { value }) });
  days.forEach(({ noonMs }, d) => {
    for (let v = 0; v < m.profile.videos[d]!; v++) add('video.watched', noonMs, { videoId: `video-${d}-${v}` });
    for (let r = 0; r < REWATCHES_PER_DAY; r++) add('video.watched', noonMs, { videoId: `video-${d}-0` });
    for (let o = 0; o < m.profile.opens[d]!; o++) add('app.opened', noonMs);
  });
  for (let o = 0; o < m.profile.orders; o++) add('order.placed', days[o % days.length]!.noonMs, { orderId: `o${o}` }, m.profile.orderValue);
  return events;
}

interface Expected {
  progress: Map<string, Record<string, { value: number }>>;
  completions: Set<string>;
  distinctIds: Map<string, number>;
  coins: Map<string, number>;
}

/** What the stream implies, from the plan alone: the engine's rules written out for these three milestones. */
function expectedOf(members: Member[], days: { day: string }[]): Expected {
  const e: Expected = { progress: new Map(), completions: new Set(), distinctIds: new Map(), coins: new Map() };
  for (const m of members) {
    let coins = 0;
    const complete = (milestone: { key: string; coins: number }, completionKey: string) => {
      e.completions.add(`${milestone.key}|${m.id}|${completionKey}`);
      coins += milestone.coins;
    };
    days.forEach(({ day }, d) => {
      const videos = m.profile.videos[d]!;
      const opens = m.profile.opens[d]!;
      e.progress.set(`${WATCH.key}|${m.id}|d:${day}`, { videos: { value: Math.min(videos, WATCH.target) } });
      e.distinctIds.set(`${m.id}|d:${day}`, Math.min(videos, WATCH.target));
      if (videos >= WATCH.target) complete(WATCH, `d:${day}`);
      // A count stops at the event that reaches its target.
      e.progress.set(`${LOGIN.key}|${m.id}|d:${day}`, { opens: { value: Math.min(opens, LOGIN.target) } });
      if (opens >= LOGIN.target) complete(LOGIN, `d:${day}`);
    });
    const v = m.profile.orderValue;
    e.progress.set(`${SPEND.key}|${m.id}|all`, { spent: { value: Math.min(m.profile.orders * v, Math.ceil(SPEND.target / v) * v) } });
    if (m.profile.orders * v >= SPEND.target) complete(SPEND, 'once');
    e.coins.set(m.id, coins);
  }
  return e;
}

type Cluster = Awaited<ReturnType<typeof processCluster>>;

async function get<T = any>(cluster: Cluster, base: string, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${cluster.adminKey}` } });
  return { status: res.status, body: (await res.json()) as T };
}

/** A funded COIN account, the game, and approved members in UTC. */
async function arrange(cluster: Cluster, s: ServerProcess): Promise<{ gameId: string; funding: string; fundedCoins: number; members: Member[] }> {
  const funding = `budget:${crypto.randomUUID()}`;
  const fundedCoins = 1_000_000;
  expect((await cluster.post(s.baseUrl, '/v1/accounts', { id: funding, asset: 'COIN', ownerKind: 'system', ownerId: funding, debitsMustNotExceedCredits: true })).status).toBe(201);
  expect((await cluster.post(s.baseUrl, '/v1/transfers', { id: crypto.randomUUID(), debitAccountId: 'sys:issuance:COIN', creditAccountId: funding, amount: fundedCoins })).status).toBe(201);
  const game = await cluster.post<{ id: string }>(s.baseUrl, '/v1/games', {
    name: 'Restart', startsAt: new Date(Date.now() - 7 * DAY_MS).toISOString(), endsAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    budgetCoins: fundedCoins, fundingAccountId: funding, milestones: MILESTONES,
  });
  expect(game.status, JSON.stringify(game.body)).toBe(201);
  const members = await Promise.all(Array.from({ length: MEMBERS }, async (_, i): Promise<Member> => {
    const res = await fetch(`${s.baseUrl}/v1/members`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `streamer${i}-${crypto.randomUUID()}@test.local`, displayName: `Streamer ${i}`, roles: ['buyer'], timeZone: 'UTC' }),
    });
    expect(res.status).toBe(201);
    const { member } = (await res.json()) as { member: { id: string } };
    expect((await cluster.post(s.baseUrl, `/v1/members/${member.id}/verification`, { decision: 'approved', reason: 'test' })).status).toBe(200);
    return { id: member.id, profile: PROFILES[i % PROFILES.length]! };
  }));
  return { gameId: game.body.id, funding, fundedCoins, members };
}

type ItemAnswer = { id: string; status: string; error?: { code: string } };

/**
 * Sends the batches with SENDERS requests in flight; each answered item goes to `answers`. A sender
 * stops when the process no longer answers. Returns how many batches were answered.
 */
async function stream(cluster: Cluster, s: ServerProcess, batches: Event[][], answers: ItemAnswer[], onAnswered: (n: number) => void = () => undefined): Promise<number> {
  let next = 0;
  let answered = 0;
  await Promise.all(Array.from({ length: SENDERS }, async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      let res: { status: number; body: { items: ItemAnswer[] } };
      try {
        res = await cluster.post(s.baseUrl, '/v1/events', { events: batch });
      } catch {
        return; // the process was killed under us
      }
      expect(res.status).toBe(200);
      answers.push(...res.body.items);
      onAnswered(++answered);
    }
  }));
  return answered;
}

/**
 * Both hot stores: in process, the settled keys are lost with the process and the resent stream
 * reaches PostgreSQL; in Redis (when REDIS_URL is set) they survive it and answer much of it.
 */
const HOT_STORES: { name: string; env: Record<string, string> }[] = [{ name: 'in-process', env: { REDIS_URL: '' } }, ...(process.env.REDIS_URL ? [{ name: 'redis', env: {} }] : [])];

describe.each(HOT_STORES)('rewards: kill -9 mid-stream, restart, resend everything ($name hot store)', ({ env }) => {
  it('a restart mid-stream -> the same final progress, and every completion paid exactly once', async () => {
    const cluster = await processCluster(onTestFinished);
    const pool = cluster.database.database.pool;
    let server = await cluster.start(env);
    const { gameId, funding, fundedCoins, members } = await arrange(cluster, server);
    const random = prng(20261125);
    const days = streamDays();
    const unique = shuffle(members.flatMap((m) => memberEvents(m, days, random)), random);
    // The source already delivers some events twice before anything fails.
    const repeats = shuffle([...unique], random).slice(0, Math.floor(unique.length / 10));
    const batches = [...chunk(unique, BATCH_EVENTS), ...chunk(repeats, BATCH_EVENTS)];

    const before: ItemAnswer[] = [];
    const load = stream(cluster, server, batches, before, (n) => {
      if (n === KILL_AFTER_BATCHES) setTimeout(() => server.child.kill('SIGKILL'), KILL_DELAY_MS);
    });
    const answeredBeforeKill = await load;
    await server.exited;
    expect(answeredBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER_BATCHES);
    expect(answeredBeforeKill).toBeLessThan(batches.length);
    const journaled = (await pool.query('SELECT count(*)::int AS n FROM rewards.events')).rows[0].n as number;
    expect(journaled).toBeGreaterThan(0);
    expect(journaled).toBeLessThan(unique.length);

    server = await cluster.start(env);
    const after: ItemAnswer[] = [];
    expect(await stream(cluster, server, batches, after)).toBe(batches.length);
    expect(after).toHaveLength(unique.length + repeats.length);
    assertCountedOnce(before, after);

    const expected = expectedOf(members, days);
    await assertFinalState(pool, gameId, expected);
    await assertPaidOnce(pool, gameId, funding, expected);
    for (const m of members) {
      const account = await get(cluster, server.baseUrl, `/v1/accounts/member:${m.id}:COIN`);
      expect({ member: m.id, coins: account.status === 200 ? account.body.balance.posted : 0 }).toEqual({ member: m.id, coins: expected.coins.get(m.id) });
    }
    const totalCoins = [...expected.coins.values()].reduce((a, b) => a + b, 0);
    expect((await get(cluster, server.baseUrl, `/v1/accounts/${funding}`)).body.balance.posted).toBe(fundedCoins - totalCoins);
    const stats = (await get(cluster, server.baseUrl, `/v1/games/${gameId}/stats`)).body;
    expect(stats).toMatchObject({ spentCoins: totalCoins, coinsPaid: totalCoins, completions: { paid: expected.completions.size } });
    // The all-time milestone as a member's progress shows it.
    for (const m of members.slice(0, PROFILES.length)) {
      const progress = (await get(cluster, server.baseUrl, `/v1/members/${m.id}/progress`)).body;
      const spend = progress.games.find((g: { gameId: string }) => g.gameId === gameId).milestones.find((x: { key: string }) => x.key === SPEND.key);
      expect(spend).toMatchObject({ completed: expected.completions.has(`${SPEND.key}|${m.id}|once`), checkpoints: [{ current: expected.progress.get(`${SPEND.key}|${m.id}|all`)!.spent!.value }] });
    }
    const { rows: checks } = await pool.query('SELECT check_name, ok FROM wallet.verify()');
    expect(checks.filter((c) => c.ok === false)).toEqual([]);
    const unanswered = journaled - before.filter((a) => a.status === 'accepted').length;
    console.log(`events: ${unique.length} (+${repeats.length} repeated) in ${batches.length} batches; answered before the kill: ${answeredBeforeKill}, journaled by then: ${journaled} (${unanswered} committed but never answered); after the restart: ${after.filter((a) => a.status === 'duplicate').length} duplicate, ${after.filter((a) => a.status === 'unchanged').length} unchanged; completions: ${expected.completions.size}, coins: ${totalCoins}`);
    server.child.kill('SIGTERM');
    await server.exited;
  }, 240_000);
});

/** Every answer is a success, and no event was counted (accepted) twice across the two runs. */
function assertCountedOnce(before: ItemAnswer[], after: ItemAnswer[]): void {
  const ok = new Set(['accepted', 'duplicate', 'unchanged']);
  expect([...before, ...after].filter((a) => !ok.has(a.status))).toEqual([]);
  const accepted = new Map<string, number>();
  for (const a of [...before, ...after]) if (a.status === 'accepted') accepted.set(a.id, (accepted.get(a.id) ?? 0) + 1);
  expect([...accepted].filter(([, n]) => n > 1)).toEqual([]);
  const acceptedBefore = new Set(before.filter((a) => a.status === 'accepted').map((a) => a.id));
  expect(after.filter((a) => acceptedBefore.has(a.id) && a.status === 'accepted')).toEqual([]);
}

type Pool = Awaited<ReturnType<typeof processCluster>>['database']['database']['pool'];

/** Progress rows, distinct ids stored and completions are exactly those the plan implies. */
async function assertFinalState(pool: Pool, gameId: string, expected: Expected): Promise<void> {
  const progress = await pool.query<{ milestone_key: string; member_id: string; window_key: string; state: Record<string, { value: number }> }>(
    'SELECT milestone_key, member_id, window_key, state FROM rewards.progress WHERE game_id = $1', [gameId]);
  const actual = new Map(progress.rows.map((r) => [`${r.milestone_key}|${r.member_id}|${r.window_key}`, r.state]));
  expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected.progress].sort()));
  const distinct = await pool.query<{ member_id: string; window_key: string; n: number }>(
    'SELECT member_id, window_key, count(*)::int AS n FROM rewards.distinct_ids WHERE game_id = $1 GROUP BY 1, 2', [gameId]);
  expect(Object.fromEntries(distinct.rows.map((r) => [`${r.member_id}|${r.window_key}`, r.n]).sort())).toEqual(Object.fromEntries([...expected.distinctIds].sort()));
  const completions = await pool.query<{ milestone_key: string; member_id: string; completion_key: string; status: string }>(
    'SELECT milestone_key, member_id, completion_key, status FROM rewards.completions WHERE game_id = $1', [gameId]);
  expect(completions.rows.map((r) => `${r.milestone_key}|${r.member_id}|${r.completion_key}`).sort()).toEqual([...expected.completions].sort());
  expect(completions.rows.filter((r) => r.status !== 'paid')).toEqual([]);
}

/** One coin transfer per completion, the one it names, and the budget spent is their sum. */
async function assertPaidOnce(pool: Pool, gameId: string, funding: string, expected: Expected): Promise<void> {
  const { rows } = await pool.query<{ member_id: string; completions: number; transfers: number; linked: number; coins: string }>(`
    SELECT c.member_id, count(*)::int AS completions,
           (SELECT count(*)::int FROM wallet.transfers t WHERE t.debit_account_id = $2 AND t.credit_account_id = 'member:' || c.member_id || ':COIN') AS transfers,
           count(t.id)::int AS linked, sum(t.amount) AS coins
    FROM rewards.completions c LEFT JOIN wallet.transfers t ON t.id = c.transfer_id
    WHERE c.game_id = $1 GROUP BY c.member_id`, [gameId, funding]);
  expect(rows).toHaveLength([...expected.coins.values()].filter((c) => c > 0).length);
  for (const r of rows) {
    expect({ member: r.member_id, transfers: r.transfers, linked: r.linked, coins: Number(r.coins) })
      .toEqual({ member: r.member_id, transfers: r.completions, linked: r.completions, coins: expected.coins.get(r.member_id) });
  }
  const spent = await pool.query<{ spent_coins: string }>('SELECT spent_coins FROM rewards.games WHERE id = $1', [gameId]);
  expect(Number(spent.rows[0]!.spent_coins)).toBe([...expected.coins.values()].reduce((a, b) => a + b, 0));
}
