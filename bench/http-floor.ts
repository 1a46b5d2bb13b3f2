import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../src/platform/config.js';
import { ADMIN_EMAIL } from '../src/seed.js';
import { startServer, type Running } from '../src/server.js';
import { envInt } from './lib/env.js';
import { LOAD_GENERATOR, startLoadGenerator, WRK_WANTED, type LoadGenerator, type Measurement } from './lib/load.js';
import type { BenchResult, Row } from './lib/types.js';

export const description = 'req/s and latency of a bare Fastify route, Trove /healthz and an authenticated GET /v1/members/me';

/** Named limits and defaults; each can be overridden from the environment. */
const SETTINGS = {
  durationS: envInt('BENCH_DURATION_S', 10, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 2, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  // Not 54329 (`npm start`) or 54330 (tests), so a benchmark can run beside either.
  embeddedPgPort: envInt('BENCH_PG_PORT', 54339, 1024, 65535),
};

/** Other processes using more than this share of one core during a run make its figures suspect. */
const OTHER_CPU_WARN_PERCENT = 10;

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export async function run(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trove-bench-'));
  // Running as root, embedded PostgreSQL runs as the `postgres` user, which must enter this dir.
  fs.chmodSync(dataDir, 0o755);
  let bare: FastifyInstance | null = null;
  let running: Running | null = null;
  let load: LoadGenerator | null = null;
  try {
    bare = await startBareFastify();
    running = await startTrove(dataDir);
    load = startLoadGenerator();
    const postgresVersion = (await running.database.pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
    const key = await apiKeyFor(running);
    const trove = running.url;
    const targets: Target[] = [
      { name: 'a: bare Fastify', url: `${bare.listeningOrigin}/`, headers: {} },
      { name: 'b: Trove /healthz', url: `${trove}/healthz`, headers: {} },
      { name: 'c: Trove /v1/members/me', url: `${trove}/v1/members/me`, headers: { authorization: `Bearer ${key}` } },
    ];
    const measured: Measurement[] = [];
    for (const target of targets) measured.push(await measureTarget(load, target));
    return report(targets, measured, postgresVersion);
  } finally {
    await load?.close();
    await running?.shutdown('benchmark finished');
    await bare?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor: a Fastify instance of its own with one route and nothing registered. */
async function startBareFastify(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

/** Trove as `npm start` runs it, on a throwaway embedded PostgreSQL unless DATABASE_URL is set. */
function startTrove(dataDir: string): Promise<Running> {
  return startServer(loadConfig({
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    TROVE_SEED_DEMO: 'false',
    TROVE_ADMIN_KEY: '',
    TROVE_DATA_DIR: dataDir,
    TROVE_PG_PORT: String(SETTINGS.embeddedPgPort),
  }));
}

/**
 * The admin key the seed created. A DATABASE_URL that was seeded before yields no new key; then
 * a buyer is registered, whose (unverified) key may still read its own profile.
 */
async function apiKeyFor(running: Running): Promise<string> {
  const created = running.createdKeys.find((k) => k.email === ADMIN_EMAIL);
  if (created) return created.key;
  const res = await fetch(`${running.url}/v1/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${crypto.randomUUID()}@bench.trove.local`, displayName: 'Benchmark', roles: ['buyer'] }),
  });
  if (res.status !== 201) throw new Error(`registering a benchmark member failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

async function measureTarget(load: LoadGenerator, target: Target): Promise<Measurement> {
  const probe = await fetch(target.url, { headers: target.headers });
  if (probe.status !== 200) throw new Error(`${target.name}: ${target.url} answered ${probe.status}: ${await probe.text()}`);
  const job = { url: target.url, headers: target.headers, connections: SETTINGS.connections };
  if (SETTINGS.warmupS > 0) await load.measure({ ...job, durationS: SETTINGS.warmupS });
  return load.measure({ ...job, durationS: SETTINGS.durationS });
}

function report(targets: Target[], measured: Measurement[], postgresVersion: string | undefined): BenchResult {
  const floor = measured[0]!.requestsPerSec;
  const rows: Row[] = targets.map((target, i) => {
    const m = measured[i]!;
    return {
      target: target.name,
      'req/s': m.requestsPerSec,
      'vs a': m.requestsPerSec / floor,
      'p50 ms': m.latencyP50Ms,
      'p99 ms': m.latencyP99Ms,
      requests: m.requestsTotal,
      errors: m.errors,
      'non-2xx': m.non2xx,
      'server cpu%': m.serverCpuPercent,
      'pg cpu%': m.databaseCpuPercent,
      'loadgen cpu%': m.loadgenCpuPercent,
      'other cpu%': m.otherCpuPercent,
    };
  });
  return {
    rows,
    summary: {
      'b/a (healthz vs bare, req/s)': measured[1]!.requestsPerSec / floor,
      'c/a (members/me vs bare, req/s)': measured[2]!.requestsPerSec / floor,
    },
    settings: { ...SETTINGS, pipelining: 1, loadGenerator: LOAD_GENERATOR },
    postgresVersion,
    notes: [
      'cpu% columns are shares of one core: server = this process (bare Fastify and Trove), pg = embedded PostgreSQL, other = every other process.',
      WRK_WANTED ? 'latency percentiles are of every response (wrk).' : 'latency percentiles are of 2xx responses, at autocannon\'s 1 ms histogram resolution.',
      ...disturbed(targets, measured),
    ],
  };
}

function disturbed(targets: Target[], measured: Measurement[]): string[] {
  return targets.flatMap((target, i) => {
    const other = measured[i]!.otherCpuPercent;
    return other !== null && other > OTHER_CPU_WARN_PERCENT
      ? [`WARNING: other processes used ${Math.round(other)}% of a core during "${target.name}"; its figures are disturbed, run again on a quiet machine.`]
      : [];
  });
}
