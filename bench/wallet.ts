import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Running } from '../src/server.js';
import { envInt } from './lib/env.js';
import { startBenchServer } from './lib/server.js';
import { startLoadGenerator, type LoadGenerator, type Measurement } from './lib/load.js';
import type { TransferLoad } from './lib/load-protocol.js';
import type { BenchResult, Row } from './lib/types.js';

export const description = 'pgbench tpcb-like vs Trove POST /v1/transfers (random pairs, and 80% through one hot account)';

const exec = promisify(execFile);

const SETTINGS = {
  pgbenchS: envInt('BENCH_PGBENCH_S', 30, 1, 600),
  pgbenchClients: envInt('BENCH_PGBENCH_CLIENTS', 16, 1, 256),
  // Scale 16: one branch row per client, so tpcb-like does not serialize on a branch.
  pgbenchScale: envInt('BENCH_PGBENCH_SCALE', 16, 1, 1000),
  durationS: envInt('BENCH_DURATION_S', 30, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  accounts: envInt('BENCH_ACCOUNTS', 10_000, 2, 1_000_000),
  hotPercent: envInt('BENCH_HOT_PERCENT', 80, 0, 100),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54338, 1024, 65535),
};

const FUND_PER_ACCOUNT = 1_000_000_000;
const FUND_BATCH = 1_000;

export async function run(): Promise<BenchResult> {
  const server = await startBenchServer('wallet', SETTINGS.embeddedPgPort);
  const { running, adminKey, postgresVersion } = server;
  let load: LoadGenerator | null = null;
  try {
    const prefix = `bench:${crypto.randomBytes(3).toString('hex')}:`;
    await createAccounts(running, prefix);

    const pgbench = await runPgbench(running);
    load = startLoadGenerator();
    const job = (hotPercent: number) => transferJob(running, adminKey, { accountPrefix: prefix, accountCount: SETTINGS.accounts, hotAccount: `${prefix}pool`, hotPercent, amount: 1 });
    const random = await measure(load, running, job(0));
    const hot = await measure(load, running, job(SETTINGS.hotPercent));
    const verified = (await running.database.pool.query<{ ok: boolean | null }>('SELECT ok FROM wallet.verify()')).rows.every((r) => r.ok !== false);
    return report(pgbench, random, hot, postgresVersion, verified);
  } finally {
    await load?.close();
    await server.stop();
  }
}

/** 10,000 member-like accounts that cannot overdraw, and a hot pool, funded from issuance. */
async function createAccounts(running: Running, prefix: string): Promise<void> {
  const { pool } = running.database;
  await pool.query(`
    INSERT INTO wallet.accounts (id, asset, owner_kind, owner_id, debits_must_not_exceed_credits)
    SELECT $1 || i, 'COIN', 'system', $1 || i, true FROM generate_series(0, $2 - 1) i
    UNION ALL SELECT $1 || 'pool', 'COIN', 'system', $1 || 'pool', true`, [prefix, SETTINGS.accounts]);
  const ids = [...Array.from({ length: SETTINGS.accounts }, (_, i) => `${prefix}${i}`), `${prefix}pool`];
  for (let i = 0; i < ids.length; i += FUND_BATCH) {
    const batch = ids.slice(i, i + FUND_BATCH).map((id) => ({
      id: crypto.randomUUID(), kind: 'posted' as const, debitAccountId: 'sys:issuance:COIN', creditAccountId: id,
      amount: id.endsWith('pool') ? FUND_PER_ACCOUNT * 1_000 : FUND_PER_ACCOUNT,
    }));
    const results = await running.app.services.wallet.transferBatch(running.database.db, batch, true);
    if (results.some((r) => r.result !== 'created')) throw new Error('funding the benchmark accounts failed');
  }
}

interface PgbenchResult {
  tps: number;
  latencyMeanMs: number;
}

/** pgbench's built-in tpcb-like script on a database of its own in the same PostgreSQL. */
async function runPgbench(running: Running): Promise<PgbenchResult> {
  const troveUrl = (running.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: troveUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  const target = new URL(troveUrl);
  target.pathname = '/trove_pgbench';
  await admin('DROP DATABASE IF EXISTS trove_pgbench');
  await admin('CREATE DATABASE trove_pgbench');
  try {
    await exec('pgbench', ['-i', '-q', '-s', String(SETTINGS.pgbenchScale), target.toString()], { maxBuffer: 16 << 20 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pgbench is not installed: apt-get install postgresql-client');
    throw err;
  }
  const { stdout } = await exec('pgbench', ['-b', 'tpcb-like', '-c', String(SETTINGS.pgbenchClients), '-j', '2', '-T', String(SETTINGS.pgbenchS), target.toString()], { maxBuffer: 16 << 20 });
  // Drop pgbench's tables and checkpoint, so that autovacuum and full-page writes caused by
  // pgbench do not run during Trove's measurement.
  await admin('DROP DATABASE trove_pgbench');
  await admin('CHECKPOINT');
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
  if (!tps || !latency) throw new Error(`could not read pgbench's output:\n${stdout}`);
  return { tps: Number(tps), latencyMeanMs: Number(latency) };
}

function transferJob(running: Running, key: string, transfers: TransferLoad) {
  return { url: `${running.url}/v1/transfers`, headers: { authorization: `Bearer ${key}` }, connections: SETTINGS.connections, transfers };
}

interface TroveRun extends Measurement {
  batchMean: number;
}

async function measure(load: LoadGenerator, running: Running, job: ReturnType<typeof transferJob>): Promise<TroveRun> {
  if (SETTINGS.warmupS > 0) await load.measure({ ...job, durationS: SETTINGS.warmupS });
  const stats = running.app.services.wallet.groupCommitStats;
  const before = { ...stats };
  const m = await load.measure({ ...job, durationS: SETTINGS.durationS });
  return { ...m, batchMean: (stats.items - before.items) / Math.max(1, stats.batches - before.batches) };
}

function report(pgbench: PgbenchResult, random: TroveRun, hot: TroveRun, postgresVersion: string, verified: boolean): BenchResult {
  const trove = (name: string, m: TroveRun): Row => ({
    run: name, 'per s': m.requestsPerSec, 'vs a': m.requestsPerSec / pgbench.tps, 'p50 ms': m.latencyP50Ms, 'p99 ms': m.latencyP99Ms,
    'mean ms': m.latencyMeanMs, errors: m.errors, 'non-2xx': m.non2xx, 'batch mean': m.batchMean,
    'server cpu%': m.serverCpuPercent, 'pg cpu%': m.databaseCpuPercent, 'other cpu%': m.otherCpuPercent,
  });
  return {
    rows: [
      { run: `a: pgbench tpcb-like, ${SETTINGS.pgbenchClients} clients`, 'per s': pgbench.tps, 'vs a': 1, 'p50 ms': null, 'p99 ms': null, 'mean ms': pgbench.latencyMeanMs, errors: 0, 'non-2xx': null, 'batch mean': null, 'server cpu%': null, 'pg cpu%': null, 'other cpu%': null },
      trove(`b: POST /v1/transfers, random pairs of ${SETTINGS.accounts}`, random),
      trove(`c: same, ${SETTINGS.hotPercent}% from one hot account`, hot),
    ],
    summary: {
      'b/a (transfers/s vs pgbench tps)': random.requestsPerSec / pgbench.tps,
      'c/a': hot.requestsPerSec / pgbench.tps,
      'c/b (hot vs random)': hot.requestsPerSec / random.requestsPerSec,
      'ledger verifies after the run': verified ? 'yes' : 'NO',
    },
    settings: { ...SETTINGS },
    postgresVersion,
    notes: [
      'a is one bank transfer per transaction (5 statements); b and c are HTTP requests with authentication, each answered after its commit.',
      '"batch mean" is how many transfers the group committer put in one PostgreSQL transaction on average.',
      'cpu% columns are shares of one core: server = this process, pg = the embedded PostgreSQL, other = every other process (pgbench ran before, not during).',
    ],
  };
}
