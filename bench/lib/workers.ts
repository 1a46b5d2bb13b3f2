import { performance } from 'node:perf_hooks';
import { startServerProcess } from '../../test/helpers/process.js';
import type { LoadJob } from './load-protocol.js';
import type { LoadGenerator, Measurement } from './load.js';
import { envInt } from './env.js';

/** How many processes serve the HTTP half of a benchmark as `trove serve` with TROVE_WORKERS (0: skip it). */
export const BENCH_WORKERS = envInt('BENCH_WORKERS', 2, 0, 64);

/**
 * One load run against `trove serve` with BENCH_WORKERS processes on `databaseUrl`, started as
 * `npm start` runs it (the same young generation); each worker builds its indexes and caches from
 * PostgreSQL as any process does at start, and fills its caches in the warm-up. The server's CPU
 * is counted over all its processes. `modules` (TROVE_MODULES) scales one engine on its own.
 */
export async function measureOnWorkers(load: LoadGenerator, databaseUrl: string, job: Omit<LoadJob, 'id' | 'url'>, warmupS: number, path = '', modules?: string): Promise<Measurement & { startS: number }> {
  const started = performance.now();
  const server = await startServerProcess(
    { DATABASE_URL: databaseUrl, TROVE_WORKERS: String(BENCH_WORKERS), TROVE_SEED_DEMO: 'false', TROVE_ADMIN_KEY: '', TROVE_MODULES: modules },
    15 * 60_000, ['--max-semi-space-size=64'],
  );
  const startS = (performance.now() - started) / 1000;
  const pid = server.child.pid!;
  try {
    const url = `${server.baseUrl}${path}`;
    if (warmupS > 0) await load.measure({ ...job, url, durationS: warmupS }, pid);
    return { ...(await load.measure({ ...job, url }, pid)), startS };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

/** The summary lines of a workers' run, the same in every benchmark. */
export function workersSummary(w: Measurement & { startS: number }): Record<string, number | string> {
  return {
    'workers: start (every index built) s': w.startS, 'workers: HTTP non-2xx + errors': w.non2xx + w.errors,
    'workers: server CPU % (all processes)': w.serverCpuPercent, 'workers: PostgreSQL CPU %': w.databaseCpuPercent ?? 'n/a', 'workers: load generator CPU %': w.loadgenCpuPercent,
    'workers: other processes CPU %': w.otherCpuPercent ?? 'n/a', 'workers: bench process CPU %': w.benchCpuPercent ?? 'n/a',
  };
}
