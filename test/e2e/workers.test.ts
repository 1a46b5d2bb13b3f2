import { execFileSync } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import { processCluster } from '../helpers/process.js';

const workersOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
};

async function until<T>(what: string, fn: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `trove serve` with TROVE_WORKERS=2: two processes behind one port. Each worker in turn is killed
 * with SIGKILL; requests go on being answered (the primary hands new connections only to a listening
 * worker), a replacement takes its place, and SIGTERM then stops every process with exit code 0.
 */
describe('TROVE_WORKERS', () => {
  it('serves from two processes on one port, replaces a killed one, and stops cleanly', async () => {
    const cluster = await processCluster(onTestFinished);
    const server = await cluster.start({ TROVE_WORKERS: '2', LOG_LEVEL: 'info' });
    const listening = () => server.output().split('"msg":"Server listening at').length - 1;
    const primary = server.child.pid!;
    const me = async () => (await fetch(`${server.baseUrl}/v1/members/me`, { headers: { authorization: `Bearer ${cluster.adminKey}` }, signal: AbortSignal.timeout(10_000) })).status;
    const first = await until('two workers', () => workersOf(primary), (w) => w.length === 2);
    for (const [round, victim] of first.entries()) {
      const listened = listening();
      process.kill(victim, 'SIGKILL');
      // A connection handed to a worker as it dies is lost with it: ask once the primary knows.
      await until('the primary to notice', () => server.output().split('a worker died').length - 1, (n) => n > round);
      for (let i = 0; i < 20; i++) expect(await me()).toBe(200);
      await until('a replacement', () => workersOf(primary), (w) => w.length === 2 && !w.includes(victim));
      // The other one is killed next: the replacement must be listening by then.
      await until('the replacement listening', listening, (n) => n > listened);
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(workersOf(primary)).toEqual([]);
  }, 180_000);
});
