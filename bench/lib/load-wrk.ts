import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadJob, LoadResult } from './load-protocol.js';

/**
 * wrk (a load generator in C: Debian's `wrk` package) in place of autocannon, with
 * BENCH_LOADGEN=wrk, for the jobs that post one of a set of bodies or get the url. On two cores the
 * load generator's CPU is the server's loss: autocannon took a quarter of a core for 2,000
 * requests/s with 21.7 KB answers, wrk less than half of that (docs/benchmarks.md). Unlike
 * autocannon's, wrk's latencies count every response, not only the 2xx ones.
 */
export const WRK_WANTED = process.env.BENCH_LOADGEN === 'wrk';

/** A Lua string that holds `s` as it is (a long bracket; no escapes inside). */
const luaString = (s: string) => `[==[${s}]==]`;

function script(job: LoadJob, bodiesFile: string | null): string {
  const headers = Object.entries({ ...job.headers, ...(bodiesFile ? { 'content-type': 'application/json' } : {}) })
    .map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  if (!bodiesFile) return headers.join('\n');
  return [
    'local bodies = {}',
    `for line in io.lines(${luaString(bodiesFile)}) do bodies[#bodies + 1] = line end`,
    'wrk.method = "POST"',
    ...headers,
    'request = function() return wrk.format(nil, nil, nil, bodies[math.random(#bodies)]) end',
  ].join('\n');
}

const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const ms = (text: string | undefined) => {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  return m ? Number(m[1]) * MS_PER_UNIT[m[2]!]! : Number.NaN;
};
/** bash's `times`: "0m0.660s" */
const seconds = (text: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** Reads wrk's report (with --latency) and bash's `times` for its CPU. */
function parse(stdout: string, stderr: string, durationS: number): LoadResult {
  const line = (re: RegExp) => re.exec(stdout)?.slice(1) ?? [];
  const [total] = line(/(\d+) requests in /);
  const [rate] = line(/Requests\/sec:\s+([\d.]+)/);
  if (total === undefined || rate === undefined) throw new Error(`wrk reported no requests: ${stdout}${stderr}`);
  const [connect = '0', read = '0', write = '0', timeout = '0'] = line(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const non2xx = Number(line(/Non-2xx or 3xx responses: (\d+)/)[0] ?? 0);
  // `times` prints the shell's own user and system time, then its children's: wrk's.
  const children = stderr.trim().split('\n').at(-1)!.trim().split(/\s+/).map(seconds);
  return {
    requestsPerSec: Number(rate),
    requestsTotal: Number(total),
    latencyP50Ms: ms(line(/\n\s+50%\s+(\S+)/)[0]),
    latencyP99Ms: ms(line(/\n\s+99%\s+(\S+)/)[0]),
    latencyMeanMs: ms(line(/\n\s+Latency\s+(\S+)/)[0]),
    errors: Number(connect) + Number(read) + Number(write) + Number(timeout),
    non2xx,
    statusCodes: {},
    loadgenCpuPercent: ((children[0]! + children[1]!) / durationS) * 100,
  };
}

export async function runWrk(job: LoadJob): Promise<LoadResult> {
  if (job.transfers || job.spins || job.events || job.bids || job.paths) throw new Error('BENCH_LOADGEN=wrk runs only jobs that post bodies or get one url');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trove-wrk-'));
  try {
    const bodiesFile = job.bodies ? path.join(dir, 'bodies.jsonl') : null;
    if (bodiesFile) fs.writeFileSync(bodiesFile, `${job.bodies!.join('\n')}\n`);
    const scriptFile = path.join(dir, 'load.lua');
    fs.writeFileSync(scriptFile, script(job, bodiesFile));
    const args = ['-t1', `-c${job.connections}`, `-d${job.durationS}s`, '--latency', '--timeout', '10s', '-s', scriptFile, job.url];
    const child = spawn('bash', ['-c', 'wrk "$@"; code=$?; times >&2; exit $code', 'wrk', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('exit', resolve));
    if (code !== 0) throw new Error(`wrk exited with ${code} (is Debian's wrk package installed?): ${stderr}`);
    return parse(stdout, stderr, job.durationS);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
