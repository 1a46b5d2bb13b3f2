import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }

/**
 * With BENCH_CPU_PROFILE=<file>, runs `fn` under V8's sampling profiler (this process: the bench
 * server runs in it), writes the .cpuprofile (open it in Chrome DevTools) and prints the functions
 * with the most self time. Without it, just runs `fn`.
 */
let profiles = 0;

export async function profiled<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const base = process.env.BENCH_CPU_PROFILE;
  if (!base) return fn();
  // A second profile in one run (the HTTP half after the in-process one) goes to <name>-2.cpuprofile.
  const file = ++profiles === 1 ? base : base.replace(/(\.cpuprofile)?$/, `-${profiles}$1`);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.writeFileSync(file, JSON.stringify(profile));
    const nodes = profile.nodes as ProfileNode[];
    const total = nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
    const self = new Map<string, number>();
    for (const n of nodes) {
      const { functionName, url, lineNumber } = n.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/')}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
    }
    console.log(`CPU profile of ${what} written to ${file}; self time:`);
    for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
}
