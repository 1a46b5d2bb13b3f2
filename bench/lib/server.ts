import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { ADMIN_EMAIL } from '../../src/seed.js';
import { startServer, type Running } from '../../src/server.js';

export interface BenchServer {
  running: Running;
  adminKey: string;
  postgresVersion: string;
  /** Stops the server (and its embedded PostgreSQL) and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * Trove in this process on a throwaway embedded PostgreSQL (or DATABASE_URL), with the seeded
 * admin's key. Running as root, embedded PostgreSQL runs as `postgres`, which must enter the dir.
 */
export async function startBenchServer(name: string, embeddedPgPort: number, env: Record<string, string | undefined> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `trove-bench-${name}-`));
  fs.chmodSync(dataDir, 0o755);
  const stopAndClean = async (running: Running | null) => {
    await running?.shutdown('benchmark finished');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let running: Running | null = null;
  try {
    running = await startServer(loadConfig({
      ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', TROVE_SEED_DEMO: 'false',
      TROVE_ADMIN_KEY: process.env.TROVE_ADMIN_KEY ?? '', TROVE_DATA_DIR: dataDir, TROVE_PG_PORT: String(embeddedPgPort), ...env,
    }));
    const adminKey = running.createdKeys.find((k) => k.email === ADMIN_EMAIL)?.key ?? process.env.TROVE_ADMIN_KEY;
    if (!adminKey) throw new Error('this database was seeded before: set TROVE_ADMIN_KEY to its admin key');
    const postgresVersion = (await running.database.pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const started = running;
    return { running, adminKey, postgresVersion, stop: () => stopAndClean(started) };
  } catch (err) {
    await stopAndClean(running);
    throw err;
  }
}
