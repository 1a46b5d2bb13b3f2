import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../../src/modules/members/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The operator's commands, as a real process. */
describe('trove set-password', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const trove = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db.url, TROVE_SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
  });

  it('sets a member\'s web password from standard input, and refuses a short one or an unknown email', async () => {
    expect(trove(['seed']).status).toBe(0);
    const set = trove(['set-password', 'admin@trove.local'], 'an operator chose this\n');
    expect([set.status, set.stdout.trim()]).toEqual([0, 'password set for admin@trove.local; its sessions ended']);
    const signedIn = await new Sessions(db.database.pool).signIn(db.database.db, 'admin@trove.local', 'an operator chose this', 'test');
    expect(signedIn.ok).toBe(true);
    expect(trove(['set-password', 'admin@trove.local'], 'short\n').status).toBe(1);
    expect(trove(['set-password', 'nobody@trove.local'], 'long enough to pass\n').stderr).toContain('no member has the email');
  });
});
