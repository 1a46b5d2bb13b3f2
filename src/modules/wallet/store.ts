import { sql } from 'kysely';
import type pg from 'pg';
import { prepared, type Executor } from '../../platform/db/database.js';
import type { Balance, Transfer, TransferRequest, TransferResult } from './model.js';

interface TransferRow {
  id: string;
  kind: Transfer['kind'];
  debit_account_id: string;
  credit_account_id: string;
  asset: string;
  amount: number;
  pending_id: string | null;
  reverses_id: string | null;
  status: Transfer['status'];
  timeout_at: string | Date | null;
  reversed_amount: number;
  reference: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string | Date;
}

const iso = (v: string | Date) => new Date(v).toISOString();

export function toTransfer(r: TransferRow): Transfer {
  return {
    id: r.id,
    kind: r.kind,
    debitAccountId: r.debit_account_id,
    creditAccountId: r.credit_account_id,
    asset: r.asset,
    amount: Number(r.amount),
    pendingId: r.pending_id,
    reversesId: r.reverses_id,
    status: r.status,
    timeoutAt: r.timeout_at === null ? null : iso(r.timeout_at),
    reversedAmount: Number(r.reversed_amount),
    reference: r.reference,
    metadata: r.metadata,
    createdAt: iso(r.created_at),
  };
}

type RawResult = { id: string; result: string; transfer?: TransferRow; accounts?: Balance[] };

function toResult(raw: RawResult): TransferResult {
  if (!raw.transfer) return raw as TransferResult;
  return { ...raw, transfer: toTransfer(raw.transfer) } as TransferResult;
}

/** The JSON the ledger function reads: only the fields the client gave. */
function toItem(t: TransferRequest): Record<string, unknown> {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));
}

export class AtomicBatchRefused extends Error {
  constructor(readonly results: TransferResult[]) {
    super('atomic transfer batch refused');
  }
}

/**
 * Applies transfers in one statement (so one transaction and one commit unless `ex` is an open
 * transaction). Atomic batches that refuse an item throw AtomicBatchRefused with the results.
 */
export async function createTransfers(ex: Executor, items: readonly TransferRequest[], atomic: boolean): Promise<TransferResult[]> {
  try {
    const { rows } = await sql<{ results: RawResult[] }>`
      SELECT wallet.create_transfers(${JSON.stringify(items.map(toItem))}::jsonb, ${atomic}) AS results`.execute(ex);
    return rows[0]!.results.map(toResult);
  } catch (err) {
    const e = err as { code?: string; detail?: string };
    if (e.code === 'TRV01' && e.detail) throw new AtomicBatchRefused((JSON.parse(e.detail) as RawResult[]).map(toResult));
    throw err;
  }
}

/** The group-commit path: an independent batch on the pool, as a prepared statement. */
export async function createTransfersPrepared(pool: pg.Pool, items: readonly TransferRequest[]): Promise<TransferResult[]> {
  const rows = await prepared<{ results: RawResult[] }>(pool, 'wallet.create_transfers', 'SELECT wallet.create_transfers($1::jsonb, false) AS results', [JSON.stringify(items.map(toItem))]);
  return rows[0]!.results.map(toResult);
}

export async function expirePending(ex: Executor, limit: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT wallet.expire_pending(${limit}) AS n`.execute(ex);
  return rows[0]!.n;
}

export interface AccountRow {
  id: string;
  asset: string;
  owner_kind: 'member' | 'system';
  owner_id: string;
  debits_must_not_exceed_credits: boolean;
  credits_must_not_exceed_debits: boolean;
  overdraft_limit: number;
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
  metadata: Record<string, unknown> | null;
  created_at: Date;
}

export async function findAccount(ex: Executor, id: string): Promise<AccountRow | null> {
  const { rows } = await sql<AccountRow>`SELECT * FROM wallet.accounts WHERE id = ${id}`.execute(ex);
  return rows[0] ?? null;
}

/** What each existing account can spend now (posted credits less posted and pending debits). */
export async function availableOf(ex: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; available: number }>`
    SELECT id, credits_posted - debits_posted - debits_pending AS available FROM wallet.accounts WHERE id = ANY(${[...ids]}::text[])`.execute(ex);
  return new Map(rows.map((r) => [r.id, r.available]));
}

export async function listAccountsOf(ex: Executor, ownerKind: string, ownerId: string): Promise<AccountRow[]> {
  const { rows } = await sql<AccountRow>`
    SELECT * FROM wallet.accounts WHERE owner_kind = ${ownerKind} AND owner_id = ${ownerId} ORDER BY asset, id LIMIT 100`.execute(ex);
  return rows;
}

/** Every account in id order (system accounts `sys:...` after members' `member:...`), keyset-paged by id. */
export async function listAccounts(ex: Executor, q: { ownerKind?: 'member' | 'system'; afterId?: string; limit: number }): Promise<AccountRow[]> {
  const { rows } = await sql<AccountRow>`
    SELECT * FROM wallet.accounts WHERE TRUE
      ${q.ownerKind ? sql`AND owner_kind = ${q.ownerKind}` : sql``} ${q.afterId ? sql`AND id > ${q.afterId}` : sql``}
    ORDER BY id LIMIT ${q.limit + 1}`.execute(ex);
  return rows;
}

export interface NewAccount {
  id: string;
  asset: string;
  ownerKind: 'member' | 'system';
  ownerId: string;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  overdraftLimit: number;
  metadata: Record<string, unknown> | null;
}

/** Inserts the account; returns null when the id exists (the caller compares). */
export async function insertAccount(ex: Executor, a: NewAccount): Promise<AccountRow | null> {
  const { rows } = await sql<AccountRow>`
    INSERT INTO wallet.accounts (id, asset, owner_kind, owner_id, debits_must_not_exceed_credits, credits_must_not_exceed_debits, overdraft_limit, metadata)
    VALUES (${a.id}, ${a.asset}, ${a.ownerKind}, ${a.ownerId}, ${a.debitsMustNotExceedCredits}, ${a.creditsMustNotExceedDebits}, ${a.overdraftLimit},
            ${a.metadata === null ? null : JSON.stringify(a.metadata)}::jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING *`.execute(ex);
  return rows[0] ?? null;
}

export async function assetExists(ex: Executor, code: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM wallet.assets WHERE code = ${code}`.execute(ex);
  return rows.length > 0;
}

/** The open holds (pending transfers) out of these accounts, newest first. */
export async function openHolds(ex: Executor, accountIds: readonly string[], limit: number): Promise<Transfer[]> {
  const { rows } = await sql<TransferRow>`
    SELECT * FROM wallet.transfers WHERE status = 'pending' AND debit_account_id = ANY(${[...accountIds]}::text[])
    ORDER BY created_at DESC, id LIMIT ${limit}`.execute(ex);
  return rows.map(toTransfer);
}

export async function findTransfer(ex: Executor, id: string): Promise<Transfer | null> {
  const { rows } = await sql<TransferRow>`SELECT * FROM wallet.transfers WHERE id = ${id}`.execute(ex);
  return rows[0] ? toTransfer(rows[0]) : null;
}

export interface Entry {
  seq: number;
  transferId: string;
  amount: number;
  balanceAfter: number;
  createdAt: string;
  /** The transfer's kind and reference: what the movement was for. */
  kind: Transfer['kind'];
  reference: string | null;
}

/** Newest first, keyset-paged on seq. */
export async function listEntries(
  ex: Executor,
  q: { accountId: string; beforeSeq?: number; from?: string; to?: string; limit: number },
): Promise<Entry[]> {
  // With each entry, what its transfer was (its kind and reference): a history reads without a lookup per row.
  const { rows } = await sql<{ seq: number; transfer_id: string; amount: number; balance_after: number; created_at: Date; kind: Entry['kind']; reference: string | null }>`
    SELECT e.seq, e.transfer_id, e.amount, e.balance_after, e.created_at, t.kind, t.reference FROM wallet.entries e JOIN wallet.transfers t ON t.id = e.transfer_id
    WHERE e.account_id = ${q.accountId}
      AND (${q.beforeSeq ?? null}::bigint IS NULL OR e.seq < ${q.beforeSeq ?? null})
      AND (${q.from ?? null}::timestamptz IS NULL OR e.created_at >= ${q.from ?? null})
      AND (${q.to ?? null}::timestamptz IS NULL OR e.created_at < ${q.to ?? null})
    ORDER BY e.seq DESC LIMIT ${q.limit}`.execute(ex);
  return rows.map((r) => ({ seq: r.seq, transferId: r.transfer_id, kind: r.kind, reference: r.reference, amount: r.amount, balanceAfter: r.balance_after, createdAt: r.created_at.toISOString() }));
}

/** The posted balance right after the last entry at or before `at` (0 before the first). */
export async function balanceAt(ex: Executor, accountId: string, at: string): Promise<{ balance: number; seq: number }> {
  const { rows } = await sql<{ balance_after: number; seq: number }>`
    SELECT balance_after, seq FROM wallet.entries WHERE account_id = ${accountId} AND created_at <= ${at}
    ORDER BY created_at DESC, seq DESC LIMIT 1`.execute(ex);
  return rows[0] ? { balance: rows[0].balance_after, seq: rows[0].seq } : { balance: 0, seq: 0 };
}

export async function verifyLedger(ex: Executor): Promise<{ check: string; ok: boolean; detail: string | null }[]> {
  const { rows } = await sql<{ check_name: string; ok: boolean | null; detail: string | null }>`SELECT * FROM wallet.verify()`.execute(ex);
  return rows.map((r) => ({ check: r.check_name, ok: r.ok !== false, detail: r.detail }));
}

/** Coins paid out per UTC day: posted COIN transfers from system accounts (rewards, the wheel, cashback, issuance) to members. */
export async function dailyPayouts(ex: Executor, from: string, to: string): Promise<{ day: string; coins: number }[]> {
  const { rows } = await sql<{ day: string; coins: number }>`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(amount)::bigint AS coins
    FROM wallet.transfers
    WHERE asset = 'COIN' AND kind = 'posted' AND debit_account_id LIKE 'sys:%' AND credit_account_id LIKE 'member:%'
      AND created_at >= ${from}::date AND created_at < ${to}::date + 1
    GROUP BY 1 ORDER BY 1`.execute(ex);
  return rows;
}
