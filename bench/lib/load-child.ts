import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import type { BidLoad, ChildMessage, EventLoad, LoadJob, LoadResult, TransferLoad } from './load-protocol.js';

/**
 * The load generator, run as a child process by load.ts so that autocannon's own CPU use is not
 * charged to the event loop of the server being measured.
 */

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonRequest {
  method: string;
  setupRequest: (req: { headers?: Record<string, string> }) => Record<string, unknown>;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  timeout: number;
  requests?: AutocannonRequest[];
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { mean: number; p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const REQUEST_TIMEOUT_S = 10;

async function measure(job: LoadJob): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  const requests = job.transfers ? [transferRequest(job.transfers)] : job.spins ? [spinRequest(job.spins.memberKeys)]
    : job.events ? [eventsRequest(job.events)] : job.bids ? [bidRequest(job.bids)] : job.bodies ? [bodyRequest(job.bodies)] : job.paths ? [pathRequest(job.paths)] : undefined;
  const r = await autocannon({ url: job.url, connections: job.connections, duration: job.durationS, headers: job.headers, timeout: REQUEST_TIMEOUT_S, requests });
  const wallUs = Number(process.hrtime.bigint() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSec: r.requests.average,
    requestsTotal: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMeanMs: r.latency.mean,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    loadgenCpuPercent: ((cpu.user + cpu.system) / wallUs) * 100,
  };
}

function transferRequest(load: TransferLoad): AutocannonRequest {
  const pick = () => `${load.accountPrefix}${Math.floor(Math.random() * load.accountCount)}`;
  return {
    method: 'POST',
    setupRequest: (req) => {
      let debit = pick();
      let credit = pick();
      while (credit === debit) credit = pick();
      if (load.hotAccount && Math.random() * 100 < load.hotPercent) debit = load.hotAccount;
      const body = JSON.stringify({ id: crypto.randomUUID(), debitAccountId: debit, creditAccountId: credit, amount: load.amount });
      return { ...req, method: 'POST', headers: { ...req.headers, 'content-type': 'application/json' }, body };
    },
  };
}

function bidRequest(load: BidLoad): AutocannonRequest {
  let n = 0;
  return {
    method: 'POST',
    setupRequest: (req) => {
      const key = load.memberKeys[Math.floor(Math.random() * load.memberKeys.length)]!;
      const maxMinor = load.startMinor + (n++) * load.stepMinor + Math.floor(Math.random() * load.stepMinor);
      const headers = { ...req.headers, authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      return { ...req, method: 'POST', headers, body: JSON.stringify({ maxMinor }) };
    },
  };
}

function spinRequest(keys: string[]): AutocannonRequest {
  return {
    method: 'POST',
    setupRequest: (req) => {
      const key = keys[Math.floor(Math.random() * keys.length)]!;
      const headers = { ...req.headers, authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      return { ...req, method: 'POST', headers, body: JSON.stringify({ id: crypto.randomUUID() }) };
    },
  };
}

function eventsRequest(load: EventLoad): AutocannonRequest {
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  const event = () => ({
    id: crypto.randomUUID(), type: load.type, memberId: pick(load.memberIds), occurredAt: new Date().toISOString(),
    attributes: { videoId: `v${Math.floor(Math.random() * load.videos)}` },
  });
  return {
    method: 'POST',
    setupRequest: (req) => {
      const body = load.batchSize === 1 ? event() : { events: Array.from({ length: load.batchSize }, event) };
      return { ...req, method: 'POST', headers: { ...req.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    },
  };
}

function bodyRequest(bodies: string[]): AutocannonRequest {
  return {
    method: 'POST',
    setupRequest: (req) => {
      const body = bodies[Math.floor(Math.random() * bodies.length)]!;
      return { ...req, method: 'POST', headers: { ...req.headers, 'content-type': 'application/json' }, body };
    },
  };
}

function pathRequest(paths: string[]): AutocannonRequest {
  return {
    method: 'GET',
    setupRequest: (req) => ({ ...req, method: 'GET', path: paths[Math.floor(Math.random() * paths.length)]! }),
  };
}

function reply(message: ChildMessage): void {
  process.send?.(message);
}

process.on('message', (job: LoadJob) => {
  measure(job).then(
    (result) => reply({ kind: 'result', id: job.id, result }),
    (err: unknown) => reply({ kind: 'failed', id: job.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
// The parent going away (or closing the channel) is the signal to stop.
process.on('disconnect', () => process.exit(0));
