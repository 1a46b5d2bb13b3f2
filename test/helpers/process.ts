import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** A data directory the `postgres` user can reach even when the tests run as root. */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trove-e2e-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Starts `trove serve` as a real process and waits until it prints that it is running; `nodeArgs` go to node itself. */
export async function startServerProcess(env: Record<string, string | undefined>, timeoutMs = 90_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('Trove is running at')) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** The key printed for `email` in the server's first-start output. */
export function printedKey(output: string, email: string): string {
  const match = new RegExp(`${email.replace('.', '\\.')}\\s+(trove_\\S+)`).exec(output);
  if (!match?.[1]) throw new Error(`no key printed for ${email}:\n${output}`);
  return match[1];
}

/**
 * Real server processes on one test database of their own, all with the same admin key; every
 * process still running at the end of the file is killed and the database closed.
 */
export async function processCluster(onDone: (fn: () => Promise<void>) => void) {
  // Imported here, not at the top: global-setup imports this file, and db.ts needs a test worker.
  const { createTestDatabase } = await import('./db.js');
  const database = await createTestDatabase();
  const adminKey = `trove_${crypto.randomBytes(24).toString('base64url')}`;
  const servers: ServerProcess[] = [];
  onDone(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await database.close();
  });
  return {
    database,
    adminKey,
    /** Starts one more process; `env` adds to (or overrides) its environment. */
    async start(env: Record<string, string> = {}): Promise<ServerProcess> {
      const s = await startServerProcess({ DATABASE_URL: database.url, TROVE_ADMIN_KEY: adminKey, TROVE_SEED_DEMO: 'false', ...env });
      servers.push(s);
      return s;
    },
    /** POST as the admin; the body is parsed JSON. */
    async post<T = Record<string, any>>(baseUrl: string, path: string, body: unknown): Promise<{ status: number; body: T }> {
      const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}
