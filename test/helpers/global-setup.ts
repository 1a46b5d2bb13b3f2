import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../../src/platform/db/embedded.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { freePort } from './process.js';

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (CI), otherwise an embedded one. A
 * template database gets every migration once; each test file clones it (CREATE DATABASE ...
 * TEMPLATE), so files run in parallel on their own data, and a failed file leaves its database
 * behind to look at until the next run.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
    runPrefix: string;
  }
}

// Names carry the run's start time, so concurrent runs on one server never drop each other's
// databases; those of runs older than STALE_AFTER_S are dropped.
const RUN = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
const TEMPLATE = `trove_t_${RUN}_template`;
const STALE_AFTER_S = 6 * 3600;
let embedded: EmbeddedHandle | null = null;
let dataDir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    // A cluster of this run's own, so two runs at once never share (or stop) each other's.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trove-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', log: () => undefined });
    adminUrl = embedded.url;
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const old = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'trove\\_t\\_%'");
    const cutoff = Math.floor(Date.now() / 1000) - STALE_AFTER_S;
    for (const { datname } of old.rows) {
      const startedAt = Number(/^trove_t_(\d+)_/.exec(datname)?.[1] ?? 0);
      if (startedAt < cutoff) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await client.end();
  }
  await migrate(withDatabase(adminUrl, TEMPLATE));
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE);
  project.provide('runPrefix', `trove_t_${RUN}_`);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
