import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wallet } from '../../src/modules/wallet/index.js';
import type { TransferRequest, TransferResult } from '../../src/modules/wallet/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * The ledger under concurrency, at the service level (no HTTP): exact counts, and invariants
 * re-checked from scratch by wallet.verify() after random concurrent histories.
 */
describe('wallet under concurrency', () => {
  let d: TestDatabase;
  let wallet: Wallet;
  beforeAll(async () => {
    d = await createTestDatabase();
    wallet = new Wallet(d.database);
  });
  afterAll(() => d.close());

  const uuid = () => crypto.randomUUID();
  let n = 0;
  async function account(opts: { limit?: 'debits' | 'credits'; overdraft?: number; fund?: number } = {}): Promise<string> {
    n += 1;
    const id = `acct:${n}:${uuid().slice(0, 8)}`;
    const created = await wallet.createAccount(d.database.db, {
      id, asset: 'COIN', ownerKind: 'system', ownerId: id,
      debitsMustNotExceedCredits: opts.limit === 'debits', creditsMustNotExceedDebits: opts.limit === 'credits',
      overdraftLimit: opts.overdraft ?? 0, metadata: null,
    });
    expect(created.ok).toBe(true);
    if (opts.fund) expect((await wallet.transfer({ id: uuid(), kind: 'posted', debitAccountId: 'sys:issuance:COIN', creditAccountId: id, amount: opts.fund })).result).toBe('created');
    return id;
  }

  async function verify() {
    const { rows } = await d.database.pool.query('SELECT check_name, ok, detail FROM wallet.verify()');
    expect(rows.filter((r) => r.ok === false)).toEqual([]);
  }

  it('lets exactly 100 of 300 concurrent one-coin transfers through a wallet holding 100', async () => {
    const wallet100 = await account({ limit: 'debits', fund: 100 });
    const sink = await account();
    const results = await Promise.all(Array.from({ length: 300 }, () =>
      wallet.transfer({ id: uuid(), kind: 'posted', debitAccountId: wallet100, creditAccountId: sink, amount: 1 })));
    expect(results.filter((r) => r.result === 'created')).toHaveLength(100);
    expect(results.filter((r) => r.result === 'TRANSFER_EXCEEDS_CREDITS')).toHaveLength(200);
    expect((await wallet.findAccount(d.database.db, wallet100))!.balance).toEqual({ posted: 0, pending: 0, available: 0 });
    await verify();
  });

  it('pays out a hot pool budget exactly, to the coin, under 1,000 concurrent payouts', async () => {
    const pool = await account({ limit: 'debits', fund: 7_000 });
    const members = await Promise.all(Array.from({ length: 50 }, () => account()));
    const results = await Promise.all(Array.from({ length: 1_000 }, (_, i) =>
      wallet.transfer({ id: uuid(), kind: 'posted', debitAccountId: pool, creditAccountId: members[i % 50]!, amount: 10 })));
    expect(results.filter((r) => r.result === 'created')).toHaveLength(700);
    expect((await wallet.findAccount(d.database.db, pool))!.balance.posted).toBe(0);
    await verify();
  });

  it('creates a transfer exactly once when 50 concurrent requests share its id', async () => {
    const from = await account({ limit: 'debits', fund: 1_000 });
    const to = await account();
    const t: TransferRequest = { id: uuid(), kind: 'posted', debitAccountId: from, creditAccountId: to, amount: 7 };
    const results = await Promise.all(Array.from({ length: 50 }, () => wallet.transfer(t)));
    expect(results.filter((r) => r.result === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.result === 'exists')).toHaveLength(49);
    expect((await wallet.findAccount(d.database.db, from))!.balance.posted).toBe(993);
  });

  it('fails only the one broken transfer when it shares a group commit with good ones', async () => {
    const from = await account({ limit: 'debits', fund: 100 });
    const to = await account();
    // Bypasses the route's validation on purpose: the id cannot be cast to uuid inside PostgreSQL.
    const broken = wallet.transfer({ id: 'not-a-uuid', kind: 'posted', debitAccountId: from, creditAccountId: to, amount: 1 });
    const good = Array.from({ length: 30 }, () => wallet.transfer({ id: uuid(), kind: 'posted', debitAccountId: from, creditAccountId: to, amount: 1 }));
    await expect(broken).rejects.toThrow();
    expect((await Promise.all(good)).map((r) => r.result)).toEqual(Array(30).fill('created'));
  });

  it('applies a large batch set-wise with the same results and entries as one by one', async () => {
    const accounts = await Promise.all(Array.from({ length: 4 }, () => account({ limit: 'debits', fund: 1_000 })));
    const items: TransferRequest[] = Array.from({ length: 40 }, (_, i) => ({
      id: uuid(), kind: 'posted', debitAccountId: accounts[i % 4]!, creditAccountId: accounts[(i + 1 + (i % 3)) % 4]!, amount: 1 + i, reference: `r${i}`,
    }));
    const results = await wallet.transferBatch(d.database.db, items, false);
    expect(results.map((r) => r.result)).toEqual(Array(40).fill('created'));
    // The balances reported with each transfer are the running balances after it.
    const last = new Map<string, number>();
    for (const r of results) if (r.result === 'created') for (const a of r.accounts!) last.set(a.id, a.posted);
    for (const id of accounts) expect(last.get(id)).toBe((await wallet.findAccount(d.database.db, id))!.balance.posted);
    const { rows } = await d.database.pool.query('SELECT count(*)::int AS n, count(DISTINCT created_at)::int AS moments FROM wallet.entries WHERE transfer_id = ANY($1::uuid[])', [items.map((i) => i.id)]);
    // One moment for all 80 entries: the set-wise path ran (one by one, each transfer has its own).
    expect(rows[0]).toEqual({ n: 80, moments: 1 });
    expect((await wallet.transferBatch(d.database.db, items, false)).map((r) => r.result)).toEqual(Array(40).fill('exists'));
    await verify();
  });

  it('leaves the caller\'s transaction usable after refusing an atomic batch inside it', async () => {
    const from = await account({ limit: 'debits', fund: 10 });
    const to = await account();
    await d.database.db.transaction().execute(async (tx) => {
      const [refused] = await wallet.transferBatch(tx, [{ id: uuid(), kind: 'posted', debitAccountId: from, creditAccountId: to, amount: 11 }], true);
      expect(refused!.result).toBe('TRANSFER_EXCEEDS_CREDITS');
      const [ok] = await wallet.transferBatch(tx, [{ id: uuid(), kind: 'posted', debitAccountId: from, creditAccountId: to, amount: 10 }], true);
      expect(ok!.result).toBe('created');
    });
    expect((await wallet.findAccount(d.database.db, from))!.balance.posted).toBe(0);
  });

  it('posts or voids a hold once when both race', async () => {
    const from = await account({ limit: 'debits', fund: 100 });
    const to = await account();
    for (let round = 0; round < 20; round++) {
      const hold = uuid();
      await wallet.transfer({ id: hold, kind: 'pending', debitAccountId: from, creditAccountId: to, amount: 5 });
      const settle = await Promise.all([
        wallet.transfer({ id: uuid(), kind: 'post_pending', pendingId: hold }),
        wallet.transfer({ id: uuid(), kind: 'void_pending', pendingId: hold }),
        wallet.transferBatch(d.database.db, [{ id: uuid(), kind: 'void_pending', pendingId: hold }], false).then((r) => r[0]!),
      ]);
      expect(settle.filter((r) => r.result === 'created')).toHaveLength(1);
    }
    await verify();
  });

  type Op =
    | { t: 'posted' | 'pending'; from: number; to: number; amount: number; timeout: boolean }
    | { t: 'post' | 'void' | 'reverse'; ref: number; amount: number | null }
    | { t: 'replay'; ref: number }
    | { t: 'batch'; atomic: boolean; items: { from: number; to: number; amount: number }[] }
    | { t: 'expire' };

  const ACCOUNTS = 6;
  const idx = fc.integer({ min: 0, max: ACCOUNTS - 1 });
  const amount = fc.integer({ min: 1, max: 60 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ t: fc.constantFrom('posted' as const, 'pending' as const), from: idx, to: idx, amount, timeout: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constantFrom('post' as const, 'void' as const, 'reverse' as const), ref: fc.nat(), amount: fc.option(amount, { nil: null }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('replay' as const), ref: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('batch' as const), atomic: fc.boolean(), items: fc.array(fc.record({ from: idx, to: idx, amount }), { minLength: 1, maxLength: 12 }) }) },
    { weight: 1, arbitrary: fc.constant({ t: 'expire' as const }) },
  );

  it('keeps every invariant through random concurrent histories of transfers, holds, batches, expiries and reversals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 5 }), async (streams) => {
        // Half the accounts cannot go below zero (one with an overdraft), one cannot receive more than it paid.
        const accounts = [
          await account({ limit: 'debits', fund: 100 }), await account({ limit: 'debits', fund: 50 }),
          await account({ limit: 'debits', overdraft: 30 }), await account({ limit: 'credits' }),
          await account({ fund: 20 }), await account(),
        ];
        const sent: TransferRequest[] = [];
        const outcomes: TransferResult[] = [];
        const run = async (ops: Op[]) => {
          for (const o of ops) {
            const mine = sent.slice();
            const pick = (ref: number) => mine[ref % Math.max(mine.length, 1)]?.id ?? uuid();
            let requests: TransferRequest[] = [];
            if (o.t === 'posted' || o.t === 'pending') {
              requests = [{ id: uuid(), kind: o.t, debitAccountId: accounts[o.from], creditAccountId: accounts[o.to], amount: o.amount, ...(o.t === 'pending' && o.timeout ? { timeoutSeconds: 1 } : {}) }];
            } else if (o.t === 'post' || o.t === 'void') {
              requests = [{ id: uuid(), kind: o.t === 'post' ? 'post_pending' : 'void_pending', pendingId: pick(o.ref), ...(o.t === 'post' && o.amount ? { amount: o.amount } : {}) }];
            } else if (o.t === 'reverse') {
              requests = [{ id: uuid(), kind: 'reversal', reversesId: pick(o.ref), ...(o.amount ? { amount: o.amount } : {}) }];
            } else if (o.t === 'replay') {
              const earlier = mine[o.ref % Math.max(mine.length, 1)];
              if (earlier) requests = [earlier];
            } else if (o.t === 'expire') {
              await retryDeadlock(() => d.database.pool.query("UPDATE wallet.transfers SET timeout_at = now() - interval '1 ms' WHERE status = 'pending' AND timeout_at IS NOT NULL"));
              await retryDeadlock(() => d.database.pool.query('SELECT wallet.expire_pending(100)'));
              continue;
            }
            if (o.t === 'batch') {
              const items = o.items.map((i): TransferRequest => ({ id: uuid(), kind: 'posted', debitAccountId: accounts[i.from], creditAccountId: accounts[i.to], amount: i.amount }));
              sent.push(...items);
              outcomes.push(...(await wallet.transferBatch(d.database.db, items, o.atomic)));
            } else if (requests.length === 1) {
              if (o.t !== 'replay') sent.push(requests[0]!);
              outcomes.push(await wallet.transfer(requests[0]!));
            }
          }
        };
        await Promise.all(streams.map(run));

        await verify();
        // No account breaks its flags (the CHECK constraints would have refused it, but say so).
        const { rows: broken } = await d.database.pool.query(`SELECT id FROM wallet.accounts WHERE
          (debits_must_not_exceed_credits AND debits_posted + debits_pending > credits_posted + overdraft_limit)
          OR (credits_must_not_exceed_debits AND credits_posted + credits_pending > debits_posted)`);
        expect(broken).toEqual([]);
        // Every accepted id exists exactly once, was created once, and refused ids left no trace.
        const accepted = new Set(outcomes.filter((r) => r.result === 'created' || r.result === 'exists').map((r) => r.id));
        const created = outcomes.filter((r) => r.result === 'created').map((r) => r.id);
        expect(new Set(created).size).toBe(created.length);
        const ids = [...new Set(sent.map((s) => s.id))];
        const { rows } = await d.database.pool.query('SELECT id, count(*)::int AS n FROM wallet.transfers WHERE id = ANY($1::uuid[]) GROUP BY id', [ids]);
        const stored = new Map(rows.map((r) => [r.id as string, r.n as number]));
        for (const id of accepted) expect(stored.get(id)).toBe(1);
        for (const id of ids) if (!accepted.has(id)) expect(stored.has(id), `refused ${id} must not exist`).toBe(false);
      }),
      // A failure under concurrency does not shrink usefully, and shrinking would hide it behind a timeout.
      { numRuns: 25, endOnFailure: true },
    );
  });
});

/** The test's own raw statements can lose a deadlock against the wallet's locks, like any caller: retry. */
async function retryDeadlock<T>(f: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await f();
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 3) throw err;
    }
  }
}
