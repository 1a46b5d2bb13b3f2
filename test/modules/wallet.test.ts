import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const uuid = () => crypto.randomUUID();

describe('wallet: accounts and transfers over HTTP', () => {
  let t: TestApp;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, key = t.adminKey) => t.call(key, { method: 'POST', url, payload: payload as object });
  const get = (url: string, key = t.adminKey) => t.call(key, { method: 'GET', url });

  /** A member wallet (COIN, cannot go below zero) funded from issuance. */
  async function fundedWallet(amount: number): Promise<{ memberId: string; key: string; accountId: string }> {
    const m = await t.member(['buyer']);
    const accountId = `member:${m.id}:COIN`;
    const created = await post('/v1/accounts', { id: accountId, asset: 'COIN', ownerKind: 'member', ownerId: m.id, debitsMustNotExceedCredits: true });
    expect(created.statusCode).toBe(201);
    if (amount > 0) {
      const funded = await post('/v1/transfers', { id: uuid(), debitAccountId: 'sys:issuance:COIN', creditAccountId: accountId, amount });
      expect(funded.statusCode).toBe(201);
    }
    return { memberId: m.id, key: m.key, accountId };
  }

  async function systemAccount(): Promise<string> {
    seq += 1;
    const id = `test:sink:${seq}`;
    expect((await post('/v1/accounts', { id, asset: 'COIN', ownerKind: 'system', ownerId: `sink-${seq}` })).statusCode).toBe(201);
    return id;
  }

  it('moves coins and answers with both balances after the transfer', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const res = await post('/v1/transfers', { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: 30, reference: 'order-1', metadata: { orderId: 1 } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.transfer).toMatchObject({ kind: 'posted', amount: 30, status: 'final', reference: 'order-1', metadata: { orderId: 1 } });
    expect(body.accounts).toEqual([
      { id: a.accountId, asset: 'COIN', posted: 70, pending: 0, available: 70 },
      { id: sink, asset: 'COIN', posted: 30, pending: 0, available: 30 },
    ]);
  });

  it('answers the same id with the same fields as a replay, and with other fields as a specific 409', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const transfer = { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: 10 };
    const first = await post('/v1/transfers', transfer);
    const again = await post('/v1/transfers', transfer);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().transfer).toEqual(first.json().transfer);
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 11 }, 'TRANSFER_EXISTS_WITH_DIFFERENT_AMOUNT'],
      [{ creditAccountId: 'sys:fees:COIN' }, 'TRANSFER_EXISTS_WITH_DIFFERENT_ACCOUNTS'],
      [{ kind: 'pending' }, 'TRANSFER_EXISTS_WITH_DIFFERENT_KIND'],
      [{ reference: 'x' }, 'TRANSFER_EXISTS_WITH_DIFFERENT_REFERENCE'],
      [{ metadata: { a: 1 } }, 'TRANSFER_EXISTS_WITH_DIFFERENT_METADATA'],
    ];
    for (const [change, code] of cases) {
      const res = await post('/v1/transfers', { ...transfer, ...change });
      expect(res.statusCode, code).toBe(409);
      expect(res.json().error.code).toBe(code);
    }
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance.posted).toBe(90);
  });

  it('refuses to overdraw a member wallet, counting its holds', async () => {
    const a = await fundedWallet(50);
    const sink = await systemAccount();
    expect((await post('/v1/transfers', { id: uuid(), kind: 'pending', debitAccountId: a.accountId, creditAccountId: sink, amount: 40 })).statusCode).toBe(201);
    const res = await post('/v1/transfers', { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: 11 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('TRANSFER_EXCEEDS_CREDITS');
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance).toEqual({ posted: 50, pending: -40, available: 10 });
  });

  it.each([
    [{ amount: 0 }, 'body.amount'],
    [{ amount: -5 }, 'body.amount'],
    [{ amount: 1.5 }, 'body.amount'],
    [{ amount: '10' }, 'body.amount'],
    [{ amount: 2 ** 63 }, 'body.amount'],
    [{ amount: 2 ** 53 }, 'body.amount'],
    [{ id: 'not-a-uuid' }, 'body.id'],
    [{ debitAccountId: 'has space' }, 'body.debitAccountId'],
    [{ asset: 'coin' }, 'body.asset'],
    [{ kind: 'gift' }, 'body.kind'],
    [{ surprise: true }, 'body.surprise'],
    [{ timeoutSeconds: 10 }, 'body.timeoutSeconds'],
  ])('refuses %o with VALIDATION_FAILED naming the field', async (change, field) => {
    const res = await post('/v1/transfers', { id: uuid(), debitAccountId: 'sys:issuance:COIN', creditAccountId: 'sys:fees:COIN', amount: 1, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details[0].field).toBe(field);
  });

  it.each([
    [{ creditAccountId: 'sys:issuance:COIN' }, 'TRANSFER_SAME_ACCOUNT'],
    [{ debitAccountId: 'nobody:here' }, 'TRANSFER_DEBIT_ACCOUNT_NOT_FOUND'],
    [{ creditAccountId: 'nobody:here' }, 'TRANSFER_CREDIT_ACCOUNT_NOT_FOUND'],
    [{ asset: 'USD' }, 'TRANSFER_ASSET_MISMATCH'],
    [{ asset: 'XYZ' }, 'TRANSFER_ASSET_MISMATCH'],
    [{ metadata: { blob: 'x'.repeat(5000) } }, 'TRANSFER_METADATA_TOO_LARGE'],
  ])('refuses %o with its own code and changes nothing', async (change, code) => {
    const before = (await get('/v1/accounts/sys:issuance:COIN')).json().totals;
    const res = await post('/v1/transfers', { id: uuid(), debitAccountId: 'sys:issuance:COIN', creditAccountId: 'sys:fees:COIN', amount: 1, ...change });
    expect(res.json().error.code).toBe(code);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect((await get('/v1/accounts/sys:issuance:COIN')).json().totals).toEqual(before);
  });

  it.each([
    [{ pendingId: '7d0e1c52-4a8e-4c3e-9d4f-2b1f1f1f1f1f' }, 'body.pendingId'],
    [{ reversesId: '7d0e1c52-4a8e-4c3e-9d4f-2b1f1f1f1f1f' }, 'body.reversesId'],
    [{ id: 'urn:uuid:7d0e1c52-4a8e-4c3e-9d4f-2b1f1f1f1f1f' }, 'body.id'],
    [{ reference: 'nul\u0000byte' }, 'body.reference'],
    [{ reference: 'half \ud800 pair' }, 'body.reference'],
    [{ metadata: { note: 'nul\u0000' } }, 'body.metadata'],
    [{ metadata: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }, 'body.metadata'],
  ])('refuses %o, which PostgreSQL could not store or the kind does not use, with VALIDATION_FAILED', async (change, field) => {
    const res = await post('/v1/transfers', { id: uuid(), debitAccountId: 'sys:issuance:COIN', creditAccountId: 'sys:fees:COIN', amount: 1, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe(field);
  });

  it('refuses an account that limits both its debits and its credits', async () => {
    const res = await post('/v1/accounts', { id: `both:${uuid()}`, asset: 'COIN', ownerKind: 'system', ownerId: 'x', debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: true });
    expect(res.statusCode).toBe(400);
  });

  it('answers a hold retried with another timeout with TRANSFER_EXISTS_WITH_DIFFERENT_TIMEOUT', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const hold = { id: uuid(), kind: 'pending', debitAccountId: a.accountId, creditAccountId: sink, amount: 5, timeoutSeconds: 60 };
    expect((await post('/v1/transfers', hold)).statusCode).toBe(201);
    expect((await post('/v1/transfers', hold)).statusCode).toBe(200);
    expect((await post('/v1/transfers', { ...hold, timeoutSeconds: 61 })).json().error.code).toBe('TRANSFER_EXISTS_WITH_DIFFERENT_TIMEOUT');
  });

  it('refuses a transfer between accounts of different assets', async () => {
    const usd = `test:usd:${uuid()}`;
    await post('/v1/accounts', { id: usd, asset: 'USD', ownerKind: 'system', ownerId: 'usd' });
    const res = await post('/v1/transfers', { id: uuid(), debitAccountId: 'sys:issuance:COIN', creditAccountId: usd, amount: 1 });
    expect(res.json().error.code).toBe('TRANSFER_ASSET_MISMATCH');
  });

  it('posts part of a hold and releases the rest', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const hold = uuid();
    await post('/v1/transfers', { id: hold, kind: 'pending', debitAccountId: a.accountId, creditAccountId: sink, amount: 60, timeoutSeconds: 3600 });
    const posted = await post('/v1/transfers', { id: uuid(), kind: 'post_pending', pendingId: hold, amount: 45 });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().accounts[0]).toEqual({ id: a.accountId, asset: 'COIN', posted: 55, pending: 0, available: 55 });
    expect((await get(`/v1/transfers/${hold}`)).json().status).toBe('posted');
    const twice = await post('/v1/transfers', { id: uuid(), kind: 'void_pending', pendingId: hold });
    expect(twice.json().error.code).toBe('TRANSFER_PENDING_ALREADY_POSTED');
  });

  it('voids a hold, and refuses to post more than it holds', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const hold = uuid();
    await post('/v1/transfers', { id: hold, kind: 'pending', debitAccountId: a.accountId, creditAccountId: sink, amount: 60 });
    expect((await post('/v1/transfers', { id: uuid(), kind: 'post_pending', pendingId: hold, amount: 61 })).json().error.code).toBe('TRANSFER_EXCEEDS_PENDING_AMOUNT');
    const voided = await post('/v1/transfers', { id: uuid(), kind: 'void_pending', pendingId: hold });
    expect(voided.statusCode).toBe(201);
    expect(voided.json().accounts[0].available).toBe(100);
    expect((await get(`/v1/transfers/${hold}`)).json().status).toBe('voided');
  });

  it('expires a hold after its timeout and refuses to post it afterwards', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const hold = uuid();
    await post('/v1/transfers', { id: hold, kind: 'pending', debitAccountId: a.accountId, creditAccountId: sink, amount: 70, timeoutSeconds: 1 });
    await t.db.database.pool.query("UPDATE wallet.transfers SET timeout_at = now() - interval '1 second' WHERE id = $1", [hold]);
    const late = await post('/v1/transfers', { id: uuid(), kind: 'post_pending', pendingId: hold });
    expect(late.json().error.code).toBe('TRANSFER_PENDING_EXPIRED');
    expect((await get(`/v1/transfers/${hold}`)).json().status).toBe('expired');
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance.available).toBe(100);
  });

  it('voids expired holds in the background job, once, even with two jobs at once', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const holds = [uuid(), uuid(), uuid()];
    for (const id of holds) await post('/v1/transfers', { id, kind: 'pending', debitAccountId: a.accountId, creditAccountId: sink, amount: 10, timeoutSeconds: 60 });
    await t.db.database.pool.query("UPDATE wallet.transfers SET timeout_at = now() - interval '1 second' WHERE id = ANY($1)", [holds]);
    const [x, y] = await Promise.all([1, 2].map(() => t.db.database.pool.query('SELECT wallet.expire_pending(100) AS n')));
    expect(x!.rows[0].n + y!.rows[0].n).toBeGreaterThanOrEqual(3);
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance).toEqual({ posted: 100, pending: 0, available: 100 });
  });

  it('reverses a posted transfer with a linked transfer, never an edit, at most once in total', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const original = uuid();
    await post('/v1/transfers', { id: original, debitAccountId: a.accountId, creditAccountId: sink, amount: 40 });
    const partial = await post('/v1/transfers', { id: uuid(), kind: 'reversal', reversesId: original, amount: 15 });
    expect(partial.json().transfer).toMatchObject({ kind: 'reversal', debitAccountId: sink, creditAccountId: a.accountId, amount: 15, reversesId: original });
    const rest = await post('/v1/transfers', { id: uuid(), kind: 'reversal', reversesId: original });
    expect(rest.json().transfer.amount).toBe(25);
    expect((await post('/v1/transfers', { id: uuid(), kind: 'reversal', reversesId: original, amount: 1 })).json().error.code).toBe('TRANSFER_EXCEEDS_REVERSIBLE_AMOUNT');
    expect((await get(`/v1/transfers/${original}`)).json()).toMatchObject({ amount: 40, reversedAmount: 40 });
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance.posted).toBe(100);
  });

  it('lists entries newest first with the running balance, paged by cursor and filtered by time', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    for (let i = 1; i <= 5; i++) await post('/v1/transfers', { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: i });
    const page1 = (await get(`/v1/accounts/${a.accountId}/entries?limit=4`)).json();
    expect(page1.items.map((e: any) => [e.seq, e.amount, e.balanceAfter])).toEqual([[6, -5, 85], [5, -4, 90], [4, -3, 94], [3, -2, 97]]);
    const page2 = (await get(`/v1/accounts/${a.accountId}/entries?limit=4&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((e: any) => e.seq)).toEqual([2, 1]);
    expect(page2.nextCursor).toBeNull();
    const future = (await get(`/v1/accounts/${a.accountId}/entries?from=${new Date(Date.now() + 60_000).toISOString()}`)).json();
    expect(future.items).toEqual([]);
  });

  it('answers the balance as of a moment from the entries', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const before = new Date(Date.now() - 60_000).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const middle = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await post('/v1/transfers', { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: 30 });
    expect((await get(`/v1/accounts/${a.accountId}/balance?at=${before}`)).json().posted).toBe(0);
    expect((await get(`/v1/accounts/${a.accountId}/balance?at=${middle}`)).json().posted).toBe(100);
    expect((await get(`/v1/accounts/${a.accountId}/balance?at=${new Date().toISOString()}`)).json().posted).toBe(70);
  });

  it('shows a member its own wallet and transfers, and nobody else\'s (404)', async () => {
    const a = await fundedWallet(10);
    const b = await fundedWallet(10);
    expect((await get('/v1/wallet', a.key)).json().items.map((x: any) => x.id)).toEqual([a.accountId]);
    expect((await get(`/v1/accounts/${a.accountId}`, a.key)).statusCode).toBe(200);
    expect((await get(`/v1/accounts/${b.accountId}`, a.key)).statusCode).toBe(404);
    expect((await get(`/v1/accounts/${b.accountId}/entries`, a.key)).statusCode).toBe(404);
    expect((await get('/v1/accounts/sys:rewards:COIN', a.key)).statusCode).toBe(404);
    const mine = (await get(`/v1/accounts/${a.accountId}/entries`, a.key)).json().items[0].transferId;
    expect((await get(`/v1/transfers/${mine}`, a.key)).statusCode).toBe(200);
    expect((await get(`/v1/transfers/${mine}`, b.key)).statusCode).toBe(404);
    expect((await post('/v1/transfers', { id: uuid(), debitAccountId: a.accountId, creditAccountId: b.accountId, amount: 1 }, a.key)).statusCode).toBe(403);
  });

  it('creates accounts idempotently by id and refuses the same id with other fields', async () => {
    const m = await t.member(['buyer']);
    const body = { id: `member:${m.id}:USD`, asset: 'USD', ownerKind: 'member', ownerId: m.id, debitsMustNotExceedCredits: true };
    expect((await post('/v1/accounts', body)).statusCode).toBe(201);
    const again = await post('/v1/accounts', body);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await post('/v1/accounts', { ...body, overdraftLimit: 5 })).json().error.code).toBe('ACCOUNT_EXISTS_WITH_DIFFERENT_FIELDS');
    expect((await post('/v1/accounts', { ...body, id: 'x:1', asset: 'XYZ' })).json().error.code).toBe('ASSET_NOT_FOUND');
    expect((await post('/v1/accounts', { ...body, id: 'x:2', ownerId: uuid() })).json().error.code).toBe('ACCOUNT_OWNER_NOT_FOUND');
  });

  it('applies an atomic batch all or nothing, and an independent batch item by item', async () => {
    const a = await fundedWallet(100);
    const sink = await systemAccount();
    const ok1 = { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: 60 };
    const tooMuch = { id: uuid(), debitAccountId: a.accountId, creditAccountId: sink, amount: 60 };
    const atomic = await post('/v1/transfers/batch', { mode: 'atomic', transfers: [ok1, tooMuch] });
    expect(atomic.statusCode).toBe(422);
    expect(atomic.json().results.map((r: any) => r.result)).toEqual(['TRANSFER_BATCH_ITEM_FAILED', 'TRANSFER_EXCEEDS_CREDITS']);
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance.posted).toBe(100);
    expect((await get(`/v1/transfers/${ok1.id}`)).statusCode).toBe(404);
    const independent = await post('/v1/transfers/batch', { mode: 'independent', transfers: [ok1, tooMuch] });
    expect(independent.statusCode).toBe(200);
    expect(independent.json().results.map((r: any) => r.result)).toEqual(['created', 'TRANSFER_EXCEEDS_CREDITS']);
    expect((await get(`/v1/accounts/${a.accountId}`)).json().balance.posted).toBe(40);
  });

  it('refuses a batch over 1,000 transfers or with an id twice', async () => {
    const one = { id: uuid(), debitAccountId: 'sys:issuance:COIN', creditAccountId: 'sys:fees:COIN', amount: 1 };
    const big = await post('/v1/transfers/batch', { mode: 'independent', transfers: Array.from({ length: 1001 }, () => ({ ...one, id: uuid() })) });
    expect(big.statusCode).toBe(400);
    const dup = await post('/v1/transfers/batch', { mode: 'independent', transfers: [one, one] });
    expect(dup.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps entries append-only in the database itself', async () => {
    await expect(t.db.database.pool.query('UPDATE wallet.entries SET amount = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.database.pool.query('DELETE FROM wallet.entries')).rejects.toThrow(/append-only/);
    await expect(t.db.database.pool.query('TRUNCATE wallet.entries CASCADE')).rejects.toThrow(/append-only/);
  });

  it('passes its own verification after all of the above', async () => {
    const res = (await get('/v1/ledger/verification')).json();
    expect(res.checks.filter((c: any) => !c.ok)).toEqual([]);
    expect(res.ok).toBe(true);
  });
});
