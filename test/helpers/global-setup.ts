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
  }
}

const TEMPLATE = 'trove_test_template';
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
    const old = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'trove_t\\_%' OR datname = $1", [TEMPLATE]);
    for (const { datname } of old.rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await client.end();
  }
  await migrate(withDatabase(adminUrl, TEMPLATE));
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE);
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
