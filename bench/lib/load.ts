import assert from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, LoadJob, LoadResult } from './load-protocol.js';

export interface Measurement extends LoadResult {
  /** CPU time of this (the server's) process over the run, as a percentage of one core. */
  serverCpuPercent: number;
  /** Busy time of the whole machine over the run, as a percentage of all cores. */
  machineBusyPercent: number;
}

export interface LoadGenerator {
  measure(job: Omit<LoadJob, 'id'>): Promise<Measurement>;
  close(): Promise<void>;
}

const CHILD_ENTRY = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/**
 * Starts autocannon in a child process. The child inherits this process's execArgv, which under
 * `tsx` carries the TypeScript loader, so it can run load-child.ts directly.
 */
export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(CHILD_ENTRY, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
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

  const send = (job: LoadJob) =>
    new Promise<LoadResult>((resolve, reject) => {
      pending.set(job.id, { resolve, reject });
      child.send(job);
    });

  return {
    async measure(job) {
      const machineBefore = machineTimes();
      const cpuBefore = process.cpuUsage();
      const startedAt = process.hrtime.bigint();
      const result = await send({ ...job, id: nextId++ });
      const wallUs = Number(process.hrtime.bigint() - startedAt) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const machineAfter = machineTimes();
      const total = machineAfter.total - machineBefore.total;
      return {
        ...result,
        serverCpuPercent: ((cpu.user + cpu.system) / wallUs) * 100,
        machineBusyPercent: total > 0 ? (1 - (machineAfter.idle - machineBefore.idle) / total) * 100 : 0,
      };
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}

function machineTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { idle, total };
}
