import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { LoadJob } from './load-protocol.js';
import type { LoadGenerator, Measurement } from './load.js';
import { envInt } from './env.js';

/** How many processes serve the HTTP half of a benchmark as `trove serve` with TROVE_WORKERS (0: skip it). */
export const BENCH_WORKERS = envInt('BENCH_WORKERS', 2, 0, 64);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Workers {
  url: string;
  /** The primary's pid: it and its workers are the server whose CPU a measurement counts. */
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `trove serve` with TROVE_WORKERS=`workers`, as `npm start` runs it (the same young generation),
 * on a benchmark's database: each worker builds its indexes and caches from PostgreSQL as any
 * process does at start. Resolves once every worker is listening.
 */
export async function startWorkers(databaseUrl: string, workers: number, startTimeoutMs = 15 * 60_000): Promise<Workers> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TROVE_WORKERS: String(workers), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', TROVE_SEED_DEMO: 'false', TROVE_ADMIN_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + startTimeoutMs;
  while (!out.includes('Trove is running at')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`trove serve with ${workers} workers did not start:\n${out.slice(-4_000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * One load run against `trove serve` with BENCH_WORKERS processes on `databaseUrl`, after a warm-up
 * (each worker fills its own caches), with the server's CPU counted over all its processes.
 */
export async function measureOnWorkers(load: LoadGenerator, databaseUrl: string, job: Omit<LoadJob, 'id' | 'url'>, warmupS: number, path = ''): Promise<Measurement & { startS: number }> {
  const started = performance.now();
  const workers = await startWorkers(databaseUrl, BENCH_WORKERS);
  const startS = (performance.now() - started) / 1000;
  try {
    const url = `${workers.url}${path}`;
    if (warmupS > 0) await load.measure({ ...job, url, durationS: warmupS }, workers.pid);
    return { ...(await load.measure({ ...job, url }, workers.pid)), startS };
  } finally {
    await workers.stop();
  }
}
