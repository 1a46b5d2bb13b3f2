import assert from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSince, cpuSnapshot } from './cpu.js';
import type { ChildMessage, LoadJob, LoadResult } from './load-protocol.js';
import { runWrk, WRK_WANTED } from './load-wrk.js';

export { WRK_WANTED };

export interface Measurement extends LoadResult {
  /** CPU of this process (the servers under test), as a percentage of one core. Likewise below. */
  serverCpuPercent: number;
  /** Descendants other than the load generator: an embedded PostgreSQL; null off Linux. */
  databaseCpuPercent: number | null;
  /** Every other process on the machine: should be near 0, or the run was disturbed. */
  otherCpuPercent: number | null;
  /** With a spawned server (serverPid): this process's own CPU, which is then no server's. */
  benchCpuPercent: number | null;
}

export interface LoadGenerator {
  /** `serverPid`: the servers under test are that process and its workers (startWorkers), not this one. */
  measure(job: Omit<LoadJob, 'id'>, serverPid?: number): Promise<Measurement>;
  close(): Promise<void>;
}

const CHILD_ENTRY = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** What generates the load in this run, for a benchmark's settings and notes. */
export const LOAD_GENERATOR = WRK_WANTED ? 'wrk (BENCH_LOADGEN=wrk)' : 'autocannon in a forked child process';

interface Runner {
  send(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

/**
 * Starts the load generator: autocannon in a child process, or wrk with BENCH_LOADGEN=wrk
 * (load-wrk.ts). Either way the run's CPU is accounted the same: the servers, the database, the
 * load generator and the rest of the machine.
 */
export function startLoadGenerator(): LoadGenerator {
  const runner: Runner = WRK_WANTED ? { send: runWrk, close: async () => {} } : autocannonChild();
  let nextId = 1;
  return {
    async measure(job, serverPid) {
      // Garbage left by an earlier phase (an index built in process, a server stopped) is collected
      // now, not during the run on the cores the server under test needs (with a spawned server,
      // benchCpuPercent shows what this process still took). V8 sweeps the freed pages on
      // background threads after the collection returns: a second lets that finish too.
      if (global.gc) {
        global.gc();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      const before = cpuSnapshot(serverPid);
      const result = await runner.send({ ...job, id: nextId++ });
      const spent = cpuSince(before, serverPid);
      const spawned = spent.otherTreePercent ?? 0;
      return {
        ...result,
        serverCpuPercent: serverPid === undefined ? spent.selfPercent : spawned,
        databaseCpuPercent: spent.descendantsPercent === null ? null : Math.max(0, spent.descendantsPercent - result.loadgenCpuPercent - spawned),
        otherCpuPercent: spent.otherPercent,
        benchCpuPercent: serverPid === undefined ? null : spent.selfPercent,
      };
    },
    close: () => runner.close(),
  };
}

/**
 * autocannon in a child process. The child inherits this process's execArgv, which under `tsx`
 * carries the TypeScript loader, so it can run load-child.ts directly.
 */
function autocannonChild(): Runner {
  const child: ChildProcess = fork(CHILD_ENTRY, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on('message', (message: ChildMessage) => {
    const waiter = pending.get(message.id);
    assert(waiter, `load generator answered unknown job ${message.id}`);
    pending.delete(message.id);
    if (message.kind === 'result') waiter.resolve(message.result);
    else waiter.reject(new Error(`load generator failed: ${message.message}`));
  });
  child.on('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load generator exited (code ${code}, signal ${signal})`));
    pending.clear();
  });
  return {
    send: (job) =>
      new Promise<LoadResult>((resolve, reject) => {
        pending.set(job.id, { resolve, reject });
        child.send(job);
      }),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}
