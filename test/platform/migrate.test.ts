import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationError } from '../../src/platform/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('migrations', () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });
  async function emptyDatabase() {
    const d = await createTestDatabase({ migrated: false });
    opened.push(d);
    return d;
  }

  it('applies every migration once when several instances start at the same time', async () => {
    const d = await emptyDatabase();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate(d.url)));
    const all = loadMigrations().map((m) => m.id);
    expect(runs.flat().sort()).toEqual([...all].sort());
    const { rows } = await d.database.pool.query('SELECT id FROM platform.schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id).sort()).toEqual([...all].sort());
    expect(await migrate(d.url)).toEqual([]);
  });

  it('applies modules in order: platform first, then each module\'s files by name', () => {
    const ids = loadMigrations().map((m) => m.id);
    expect(ids[0]).toMatch(/^platform\//);
    expect(ids.indexOf('members/0001_members.sql')).toBeGreaterThan(0);
  });

  it('refuses to start when an applied migration was edited, naming the file', async () => {
    const d = await emptyDatabase();
    await migrate(d.url);
    await d.database.pool.query("UPDATE platform.schema_migrations SET checksum = 'edited' WHERE id = 'members/0001_members.sql'");
    const err = await migrate(d.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toContain('members/0001_members.sql was changed after it was applied');
  });

  it('leaves no trace of a migration that fails half-way, and keeps the ones before it', async () => {
    const d = await emptyDatabase();
    const good = { id: 'test/0001_good.sql', sql: 'CREATE SCHEMA IF NOT EXISTS platform; CREATE TABLE platform.good (id int)', checksum: 'a' };
    const bad = { id: 'test/0002_bad.sql', sql: 'CREATE TABLE platform.half (id int); SELECT 1/0', checksum: 'b' };
    const err = await migrate(d.url, undefined, [good, bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toContain('test/0002_bad.sql failed: division by zero');
    const { rows } = await d.database.pool.query("SELECT to_regclass('platform.half') AS half, to_regclass('platform.good') AS good");
    expect(rows[0]).toEqual({ half: null, good: 'platform.good' });
    const applied = await d.database.pool.query('SELECT id FROM platform.schema_migrations');
    expect(applied.rows.map((r) => r.id)).toEqual(['test/0001_good.sql']);
  });
});
