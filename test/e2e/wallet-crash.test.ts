import crypto from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { processCluster } from '../helpers/process.js';

/**
 * kill -9 in the middle of a transfer load, restart, resend every request with the same ids:
 * every transfer exists exactly once and the ledger's invariants hold (nothing half-applied).
 */
describe('wallet: kill -9 mid-load', () => {
  it('leaves every transfer applied exactly once after a crash and a full resend', async () => {
    const cluster = await processCluster(onTestFinished);
    const d = cluster.database;
    const start = cluster.start;
    let server = await start();
    const call = (path: string, body: unknown) => cluster.post(server.baseUrl, path, body);
    const accounts = Array.from({ length: 10 }, (_, i) => `crash:${i}`);
    for (const id of accounts) {
      expect((await call('/v1/accounts', { id, asset: 'COIN', ownerKind: 'system', ownerId: id, debitsMustNotExceedCredits: true })).status).toBe(201);
      expect((await call('/v1/transfers', { id: crypto.randomUUID(), debitAccountId: 'sys:issuance:COIN', creditAccountId: id, amount: 300 })).status).toBe(201);
    }
    const transfers = Array.from({ length: 3_000 }, (_, i) => {
      const from = i % 10;
      const to = (from + 1 + (i % 9)) % 10;
      return { id: crypto.randomUUID(), debitAccountId: accounts[from], creditAccountId: accounts[to], amount: 1 + (i % 7) };
    });

    // 32 concurrent senders; the server is killed once 300 transfers have been answered.
    let next = 0;
    let answered = 0;
    const sender = async () => {
      while (next < transfers.length) {
        const t = transfers[next++]!;
        try {
          await call('/v1/transfers', t);
          answered += 1;
        } catch {
          return; // the server died under us
        }
      }
    };
    const load = Promise.all(Array.from({ length: 32 }, sender));
    while (answered < 300) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    await load;
    await server.exited;
    const sentBeforeCrash = next;
    const { rows: before } = await d.database.pool.query('SELECT count(*)::int AS n FROM wallet.transfers WHERE debit_account_id LIKE $1', ['crash:%']);
    expect(before[0].n).toBeGreaterThan(0);
    expect(before[0].n).toBeLessThan(transfers.length);

    server = await start();
    const statuses = new Map<string, number>();
    next = 0;
    const resender = async () => {
      while (next < transfers.length) {
        const t = transfers[next++]!;
        statuses.set(t.id, (await call('/v1/transfers', t)).status);
      }
    };
    await Promise.all(Array.from({ length: 16 }, resender));
    const accepted = [...statuses].filter(([, s]) => s === 201 || s === 200).map(([id]) => id);
    expect([...statuses.values()].every((s) => s === 201 || s === 200 || s === 422)).toBe(true);
    const { rows } = await d.database.pool.query('SELECT id, count(*)::int AS n FROM wallet.transfers WHERE id = ANY($1::uuid[]) GROUP BY id', [transfers.map((t) => t.id)]);
    expect(rows).toHaveLength(accepted.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const replays = [...statuses.values()].filter((s) => s === 200).length;
    expect(replays).toBe(before[0].n);
    const { rows: checks } = await d.database.pool.query('SELECT check_name, ok FROM wallet.verify()');
    expect(checks.filter((c) => c.ok === false)).toEqual([]);
    console.log(`sent before the crash: ${sentBeforeCrash}, committed: ${before[0].n}, replayed after restart: ${replays}, accepted in total: ${accepted.length}`);
    server.child.kill('SIGTERM');
    await server.exited;
  });
});
