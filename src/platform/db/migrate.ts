import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Plain SQL migrations, one folder per module (`src/platform/migrations`,
 * `src/modules/<name>/migrations`), applied in module order and then file-name order. Each file runs
 * in its own transaction with the row that records it; a session advisory lock makes a second
 * starting instance wait instead of racing; a checksum refuses an applied file that was edited.
 */
const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Module order matters: a module may reference only schemas of modules before it. */
export const MIGRATION_MODULES = ['platform', 'members', 'wallet', 'coupons', 'rewards', 'promotions', 'marketplace', 'orders', 'payments', 'auctions', 'notifications'] as const;

// An arbitrary, fixed 64-bit key shared by every Trove instance ('trove-mi' in ASCII).
const MIGRATION_LOCK_KEY = '8388330408291526761';

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function loadMigrations(): Migration[] {
  const migrations: Migration[] = [];
  for (const module of MIGRATION_MODULES) {
    const dir = module === 'platform' ? path.join(SRC_DIR, 'platform/migrations') : path.join(SRC_DIR, 'modules', module, 'migrations');
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      migrations.push({ id: `${module}/${file}`, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') });
    }
  }
  return migrations;
}

export async function migrate(
  url: string,
  log: (msg: string) => void = () => undefined,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'trove-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS platform;
      CREATE TABLE IF NOT EXISTS platform.schema_migrations (
        id text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const applied = new Map<string, string>();
    for (const row of (await client.query('SELECT id, checksum FROM platform.schema_migrations')).rows) {
      applied.set(row.id as string, row.checksum as string);
    }
    const ran: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.id);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new MigrationError(
            `migration ${m.id} was changed after it was applied (checksum ${checksum.slice(0, 12)} in the database, ` +
              `${m.checksum.slice(0, 12)} on disk). Applied migrations are immutable: restore the file and add a new migration.`,
          );
        }
        continue;
      }
      await applyOne(client, m);
      log(`applied migration ${m.id}`);
      ran.push(m.id);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(m.sql);
    await client.query('INSERT INTO platform.schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw new MigrationError(`migration ${m.id} failed: ${(err as Error).message}`);
  }
}
