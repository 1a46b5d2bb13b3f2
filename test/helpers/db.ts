import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  url: string;
  database: Database;
  close(): Promise<void>;
}

/** A fresh, migrated database of this test file's own (a clone of the run's template). */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `${inject('runPrefix')}${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const template = opts.migrated === false ? 'template0' : inject('templateDb');
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${client.escapeIdentifier(template)}`);
  } finally {
    await client.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = openDatabase(url, { poolMax: 30 });
  return { url, database, close: () => database.close() };
}
