import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Running } from '../src/server.js';
import { envInt } from './lib/env.js';
import { startLoadGenerator, type LoadGenerator, type Measurement } from './lib/load.js';
import { profiled } from './lib/profile.js';
import { startBenchServer } from './lib/server.js';
import type { BenchResult, Row } from './lib/types.js';

export const description = 'Trove POST /v1/events (batches of 100 and single events; hot store in process and in Redis) vs redis-benchmark PFADD and SADD on the same Redis';

const SETTINGS = {
  durationS: envInt('BENCH_DURATION_S', 20, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 2, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  members: envInt('BENCH_MEMBERS', 10_000, 1, 1_000_000),
  /** Distinct videos a member can watch; the daily goal is `target` of them. */
  videos: envInt('BENCH_VIDEOS', 1_000, 1, 1_000_000),
  target: envInt('BENCH_TARGET', 100, 1, 10_000),
  /** The "goal reached" runs: this many members, each reaching a goal of `reachedTarget` videos during the warm-up. */
  reachedMembers: envInt('BENCH_REACHED_MEMBERS', 2_000, 1, 1_000_000),
  reachedTarget: envInt('BENCH_REACHED_TARGET', 10, 1, 10_000),
  reachedWarmupS: envInt('BENCH_REACHED_WARMUP_S', 8, 1, 600),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54349, 1024, 65535),
};
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const BATCH_SIZES = [100, 1];
/** For profiling one case: BENCH_HOT=in-process|redis, BENCH_BATCH=<size>. */
const ONLY_HOT = process.env.BENCH_HOT;
const ONLY_BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : null;

/**
 * Two phases of a daily goal: in progress (every event is stored and counted in PostgreSQL) and
 * reached (the member's goal for the day is met, so its events are answered from the hot store).
 */
const SCENARIOS = [
  { name: 'goal in progress', members: () => SETTINGS.members, target: () => SETTINGS.target, warmupS: () => SETTINGS.warmupS },
  { name: 'goal reached', members: () => SETTINGS.reachedMembers, target: () => SETTINGS.reachedTarget, warmupS: () => SETTINGS.reachedWarmupS },
];

interface RunResult {
  name: string;
  target: number;
  batchSize: number;
  m: Measurement;
  completions: number;
  reachedTarget: number;
  overTarget: number;
}

export async function run(): Promise<BenchResult> {
  const results: RunResult[] = [];
  let postgresVersion = '';
  for (const hot of (['in-process', 'redis'] as const).filter((h) => !ONLY_HOT || h === ONLY_HOT)) {
    const server = await startBenchServer(`rewards-${hot}`, SETTINGS.embeddedPgPort, { REDIS_URL: hot === 'redis' ? REDIS_URL : '' });
    postgresVersion = server.postgresVersion;
    let load: LoadGenerator | null = null;
    try {
      const memberIds = await createMembers(server.running);
      const generator = startLoadGenerator();
      load = generator;
      for (const scenario of SCENARIOS) {
        for (const batchSize of ONLY_BATCH ? [ONLY_BATCH] : BATCH_SIZES) {
          const target = scenario.target();
          const { gameId, type } = await createGame(server.running, server.adminKey, target);
          const job = {
            url: `${server.running.url}/v1/events`, headers: { authorization: `Bearer ${server.adminKey}` }, connections: SETTINGS.connections,
            events: { memberIds: memberIds.slice(0, scenario.members()), batchSize, type, videos: SETTINGS.videos },
          };
          // The warm-up of the "reached" runs sends batches, so every member reaches its goal before the measurement.
          if (scenario.warmupS() > 0) await generator.measure({ ...job, events: { ...job.events, batchSize: 100 }, durationS: scenario.warmupS() });
          const name = `${hot}, ${scenario.name}, ${batchSize === 1 ? 'single events' : `batches of ${batchSize}`}`;
          // BENCH_CPU_PROFILE profiles the measured run of the first scenario (the file would hold the last one otherwise).
          const measure = () => generator.measure({ ...job, durationS: SETTINGS.durationS });
          const m = scenario === SCENARIOS[0] ? await profiled(name, measure) : await measure();
          await server.running.app.services.rewards.ingest.drain();
          results.push({ name, target, batchSize, m, ...await exactness(server.running, gameId, target) });
        }
      }
    } finally {
      await load?.close();
      await server.stop();
    }
  }
  return report(results, ONLY_HOT || ONLY_BATCH ? [] : redisFloor(), postgresVersion);
}

/** Approved buyers, inserted directly: events name members, they do not authenticate as them. */
async function createMembers(running: Running): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO members.members (id, email, display_name, roles, verification_state)
    SELECT gen_random_uuid(), 'viewer' || i || '-' || ${crypto.randomUUID()} || '@bench.local', 'Viewer', '{buyer}', 'approved' FROM generate_series(1, ${SETTINGS.members}) i
    RETURNING id`.execute(running.database.db);
  return rows.map((r) => r.id);
}

/** A game of the write-up's case: watch `target` different videos today, paid 20 coins; event type of its own. */
async function createGame(running: Running, adminKey: string, target: number): Promise<{ gameId: string; type: string }> {
  const type = `video.watched.${crypto.randomBytes(4).toString('hex')}`;
  const funding = `bench:rewards:${crypto.randomUUID()}`;
  await post(running, adminKey, '/v1/accounts', { id: funding, asset: 'COIN', ownerKind: 'system', ownerId: funding, debitsMustNotExceedCredits: true });
  await post(running, adminKey, '/v1/transfers', { id: crypto.randomUUID(), debitAccountId: 'sys:issuance:COIN', creditAccountId: funding, amount: 1_000_000_000 });
  const game = await post(running, adminKey, '/v1/games', {
    name: 'bench', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    budgetCoins: 1_000_000_000, fundingAccountId: funding,
    milestones: [{
      key: 'daily-views', name: `Watch ${target} videos today`, window: { kind: 'daily' }, repeats: true,
      checkpoints: [{ key: 'videos', kind: 'distinct', eventType: type, distinctBy: 'videoId', target }],
      reward: { coins: 20 },
    }],
  });
  return { gameId: game.id as string, type };
}

async function post(running: Running, key: string, url: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${running.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * The check that makes the figure mean something: every member-day whose stored ids reached the
 * target got exactly one completion, and no member-day stored more ids than the target.
 */
async function exactness(running: Running, gameId: string, target: number) {
  const { rows } = await sql<{ completions: number; reached: number; over: number }>`
    SELECT (SELECT count(*)::int FROM rewards.completions WHERE game_id = ${gameId}) AS completions,
           count(*) FILTER (WHERE n = ${target})::int AS reached, count(*) FILTER (WHERE n > ${target})::int AS over
    FROM (SELECT count(*) AS n FROM rewards.distinct_ids WHERE game_id = ${gameId} GROUP BY member_id, window_key) per_day`.execute(running.database.db);
  return { completions: rows[0]!.completions, reachedTarget: rows[0]!.reached, overTarget: rows[0]!.over };
}

/** redis-benchmark on the same Redis: PFADD and SADD one command per round trip and 100 per pipeline. */
function redisFloor(): Row[] {
  const { hostname, port } = new URL(REDIS_URL);
  const rows: Row[] = [];
  for (const pipeline of [1, 100]) {
    for (const command of [['PFADD', 'trove:bench:hll', '__rand_int__'], ['SADD', 'trove:bench:set', '__rand_int__']]) {
      const out = execFileSync('redis-benchmark', ['-h', hostname, '-p', port || '6379', '-c', String(SETTINGS.connections), '-n', String(pipeline === 1 ? 200_000 : 2_000_000),
        '-r', '1000000', '-P', String(pipeline), '--csv', ...command], { encoding: 'utf8' });
      // CSV: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
      const values = out.trim().split('\n').at(-1)!.split(',').map((v) => v.replace(/"/g, ''));
      rows.push({ run: `redis-benchmark ${command[0]}, pipeline ${pipeline}`, 'events/s': Number(values[1]), 'requests/s': Number(values[1]) / pipeline, 'p50 ms': Number(values[4]), 'p99 ms': Number(values[6]) });
    }
  }
  execFileSync('redis-cli', ['-h', hostname, '-p', port || '6379', 'DEL', 'trove:bench:hll', 'trove:bench:set']);
  return rows;
}

function report(results: RunResult[], floor: Row[], postgresVersion: string): BenchResult {
  const rows: Row[] = results.map((r) => ({
    run: r.name, 'events/s': r.m.requestsPerSec * r.batchSize, 'requests/s': r.m.requestsPerSec, 'p50 ms': r.m.latencyP50Ms, 'p99 ms': r.m.latencyP99Ms,
    errors: r.m.errors, 'non-2xx': r.m.non2xx, completions: r.completions, 'days at target': r.reachedTarget, 'ids over target': r.overTarget,
    'server cpu%': r.m.serverCpuPercent, 'pg cpu%': r.m.databaseCpuPercent, 'loadgen cpu%': r.m.loadgenCpuPercent, 'other cpu%': r.m.otherCpuPercent,
  }));
  const batched = results.filter((r) => r.batchSize > 1).map((r) => r.m.requestsPerSec * r.batchSize);
  const pfadd = floor.find((r) => r.run === 'redis-benchmark PFADD, pipeline 100')?.['events/s'] as number | undefined;
  return {
    rows: [...rows, ...floor],
    summary: {
      ...Object.fromEntries(SCENARIOS.map((sc) => [`best batched events/s, ${sc.name}`, Math.max(...results.filter((r) => r.batchSize > 1 && r.name.includes(sc.name)).map((r) => r.m.requestsPerSec * r.batchSize))])),
      ...(pfadd ? { 'redis PFADD pipelined / best batched': pfadd / Math.max(...batched) } : {}),
      'runs where completions != days at target': results.filter((r) => r.completions !== r.reachedTarget).length,
    },
    settings: { ...SETTINGS, redis: REDIS_URL },
    postgresVersion,
    notes: [
      'Each event is a view of a random video (of `videos`) by a random member; the game pays 20 coins for `target` different videos in the member\'s day.',
      '"goal in progress": `members` members, goal `target`: every event is journaled and counted in PostgreSQL before the answer.',
      '"goal reached": `reachedMembers` members reach a goal of `reachedTarget` during the warm-up; their events can change nothing and are answered from the hot store.',
      '"days at target" counts member-days whose stored ids reached the target; each must have exactly one completion, and "ids over target" must be 0.',
      'redis-benchmark is the floor: one Redis command per event, nothing durable, no rules.',
    ],
  };
}
