import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, principalOf, type Principal } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap, type ErrorCode } from '../../platform/errors.js';
import { IDEMPOTENCY_POLICY } from '../../platform/idempotency.js';
import { decodeCursor, encodeCursor, ErrorResponses, IdParams, PageQuery, Strict } from '../../platform/schemas.js';
import { WALLET_POLICY, type TransferRequest, type TransferResult } from './model.js';
import * as S from './schemas.js';
import type { Account, Wallet } from './service.js';
import * as store from './store.js';

const tags = ['wallet'];

/** Fields each kind needs, and fields only some kinds may carry; the schema cannot say "when kind is X". */
const REQUIRED: Record<TransferRequest['kind'], (keyof TransferRequest)[]> = {
  posted: ['debitAccountId', 'creditAccountId', 'amount'],
  pending: ['debitAccountId', 'creditAccountId', 'amount'],
  post_pending: ['pendingId'],
  void_pending: ['pendingId'],
  reversal: ['reversesId'],
};
const ONLY_FOR: Partial<Record<keyof TransferRequest, TransferRequest['kind'][]>> = {
  timeoutSeconds: ['pending'],
  pendingId: ['post_pending', 'void_pending'],
  reversesId: ['reversal'],
};

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `${field} ${message}`, [{ field, message }]);
}

export function checkTransferShape(t: TransferRequest, at = 'body'): void {
  for (const field of REQUIRED[t.kind]) if (t[field] === undefined) invalid(`${at}.${field}`, `is required for kind ${t.kind}`);
  for (const [field, kinds] of Object.entries(ONLY_FOR)) {
    if (t[field as keyof TransferRequest] !== undefined && !kinds.includes(t.kind)) invalid(`${at}.${field}`, `applies only to kind ${kinds.join(' or ')}`);
  }
  if (t.reference !== undefined && !storableText(t.reference)) invalid(`${at}.reference`, 'contains a NUL character or an unpaired surrogate');
  if (t.metadata !== undefined) checkMetadata(t.metadata, `${at}.metadata`);
}

const METADATA_DEPTH_MAX = 16;
// PostgreSQL text and jsonb cannot hold U+0000 or half of a surrogate pair.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const storableText = (s: string) => !UNSTORABLE.test(s);

/** Depth, characters and size of metadata, walked without recursion so no input can overflow the stack. */
function checkMetadata(metadata: Record<string, unknown>, field: string): void {
  const stack: { value: unknown; depth: number }[] = [{ value: metadata, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string' && !storableText(value)) invalid(field, 'contains a NUL character or an unpaired surrogate');
    if (value === null || typeof value !== 'object') continue;
    if (depth > METADATA_DEPTH_MAX) invalid(field, `is nested deeper than ${METADATA_DEPTH_MAX} levels`);
    for (const [k, v] of Object.entries(value)) {
      if (!storableText(k)) invalid(field, 'contains a NUL character or an unpaired surrogate');
      stack.push({ value: v, depth: depth + 1 });
    }
  }
  if (Buffer.byteLength(JSON.stringify(metadata)) > WALLET_POLICY.metadataMaxBytes) throw new AppError('TRANSFER_METADATA_TOO_LARGE');
}

/** Members see their own accounts; admins and wallet:read service keys see all. */
function visible(p: Principal, account: Account | null): Account {
  if (!account) throw new AppError('NOT_FOUND', 'No such account.');
  if (p.kind === 'service' || isAdmin(p)) return account;
  if (account.ownerKind === 'member' && account.ownerId === p.memberId) return account;
  throw new AppError('NOT_FOUND', 'No such account.');
}

function refusal(result: TransferResult): never {
  throw new AppError(result.result as ErrorCode);
}

export const walletRoutes: FastifyPluginAsyncTypebox<{ db: Db; wallet: Wallet }> = async (app, { db, wallet }) => {
  app.post('/v1/transfers', {
    config: { access: { roles: ['admin'], scope: 'wallet:write' } },
    schema: {
      tags, summary: 'Create a transfer (posted, pending hold, post or void of a hold, or reversal)',
      description: 'The client-chosen `id` is the idempotency key: the same id with the same fields answers 200 with the original transfer and `idempotent-replayed: true`; with other fields, 409 with a TRANSFER_EXISTS_WITH_DIFFERENT_* code.',
      body: S.TransferBody, response: { 201: S.TransferOutcome, 200: S.TransferOutcome, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const t = { ...request.body, kind: request.body.kind ?? 'posted' } as TransferRequest;
    checkTransferShape(t);
    const result = await wallet.transfer(t);
    if (result.result === 'created') return reply.code(201).send({ transfer: result.transfer, accounts: result.accounts });
    if (result.result === 'exists') return reply.code(200).header(IDEMPOTENCY_POLICY.replayHeader, 'true').send({ transfer: result.transfer });
    return refusal(result);
  });

  app.post('/v1/transfers/batch', {
    config: { access: { roles: ['admin'], scope: 'wallet:write' } },
    schema: {
      tags, summary: 'Up to 1,000 transfers in one commit: atomic (all or nothing) or independent (a result each)',
      body: S.BatchBody, response: { 200: S.BatchResult, 422: S.BatchResult, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const transfers = request.body.transfers.map((t, i) => {
      const full = { ...t, kind: t.kind ?? 'posted' } as TransferRequest;
      checkTransferShape(full, `body.transfers.${i}`);
      return full;
    });
    const ids = new Set(transfers.map((t) => t.id));
    if (ids.size !== transfers.length) throw new AppError('VALIDATION_FAILED', 'body.transfers has the same id twice', [{ field: 'body.transfers', message: 'ids must be unique within a batch' }]);
    const atomic = request.body.mode === 'atomic';
    const results = await wallet.transferBatch(db, transfers, atomic);
    const failed = atomic && results.some((r) => r.result !== 'created' && r.result !== 'exists');
    return reply.code(failed ? 422 : 200).send({ results });
  });

  app.get('/v1/transfers/:id', {
    config: { access: { scope: 'wallet:read' } },
    schema: { tags, summary: 'A transfer by id (members: only transfers touching their accounts)', params: IdParams, response: { 200: S.Transfer, ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const transfer = await store.findTransfer(db, request.params.id);
    if (!transfer) throw new AppError('NOT_FOUND', 'No such transfer.');
    if (p.kind === 'member' && !isAdmin(p)) {
      const mine = await Promise.all([transfer.debitAccountId, transfer.creditAccountId].map((id) => wallet.findAccount(db, id)));
      if (!mine.some((a) => a?.ownerKind === 'member' && a.ownerId === p.memberId)) throw new AppError('NOT_FOUND', 'No such transfer.');
    }
    return transfer;
  });

  app.post('/v1/accounts', {
    config: { access: { roles: ['admin'], scope: 'wallet:write' } },
    schema: { tags, summary: 'Create an account (the id is the idempotency key)', body: S.CreateAccountBody, response: { 201: S.Account, 200: S.Account, ...ErrorResponses } },
  }, async (request, reply) => {
    const b = request.body;
    const result = unwrap(await wallet.createAccount(db, {
      id: b.id, asset: b.asset, ownerKind: b.ownerKind, ownerId: b.ownerId,
      debitsMustNotExceedCredits: b.debitsMustNotExceedCredits ?? false, creditsMustNotExceedDebits: b.creditsMustNotExceedDebits ?? false,
      overdraftLimit: b.overdraftLimit ?? 0, metadata: b.metadata ?? null,
    }));
    if (!result.created) void reply.header(IDEMPOTENCY_POLICY.replayHeader, 'true');
    return reply.code(result.created ? 201 : 200).send(result.account);
  });

  app.get('/v1/wallet', {
    config: { access: { scope: 'wallet:read' } },
    schema: { tags, summary: 'The calling member\'s accounts', response: { 200: Type.Object({ items: Type.Array(S.Account) }), ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('NOT_FOUND', 'A service key has no wallet.');
    return { items: await wallet.listMemberAccounts(db, p.memberId) };
  });

  app.get('/v1/wallet/holds', {
    config: { access: { scope: 'wallet:read' } },
    schema: { tags, summary: 'What is held on the calling member\'s accounts now: each open hold, newest first (an order not yet completed, a leading bid)', response: { 200: Type.Object({ items: Type.Array(S.Transfer) }), ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('NOT_FOUND', 'A service key has no wallet.');
    return { items: await wallet.memberHolds(db, p.memberId) };
  });

  app.get('/v1/accounts', {
    config: { access: { roles: ['admin'], scope: 'admin' } },
    schema: {
      tags, summary: 'Every account of the ledger with its balances, in id order (admins)',
      querystring: Strict({ ...PageQuery, ownerKind: Type.Optional(Type.Enum(['member', 'system'] as const)) }),
      response: { 200: Type.Object({ items: Type.Array(S.Account), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const q = request.query;
    const after = decodeCursor(q.cursor, { id: S.ACCOUNT_ID_PATTERN });
    const { items, lastId } = await wallet.listAccounts(db, { ownerKind: q.ownerKind, afterId: after?.id, limit: q.limit ?? 50 });
    return { items, nextCursor: lastId ? encodeCursor({ id: lastId }) : null };
  });

  app.get('/v1/accounts/:id', {
    config: { access: { scope: 'wallet:read' } },
    schema: { tags, summary: 'An account with its posted, pending and available balances', params: S.AccountParams, response: { 200: S.Account, ...ErrorResponses } },
  }, async (request) => visible(principalOf(request), await wallet.findAccount(db, request.params.id)));

  app.get('/v1/accounts/:id/entries', {
    config: { access: { scope: 'wallet:read' } },
    schema: {
      tags, summary: 'An account\'s entries, newest first, each with the balance after it',
      params: S.AccountParams, querystring: S.EntriesQuery,
      response: { 200: Type.Object({ items: Type.Array(S.Entry), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    visible(principalOf(request), await wallet.findAccount(db, request.params.id));
    const limit = request.query.limit ?? 50;
    const cursor = decodeCursor(request.query.cursor, { seq: /^\d{1,16}$/ });
    const items = await store.listEntries(db, { accountId: request.params.id, beforeSeq: cursor ? Number(cursor.seq) : undefined, from: request.query.from, to: request.query.to, limit });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ seq: String(last.seq) }) : null };
  });

  app.get('/v1/accounts/:id/balance', {
    config: { access: { scope: 'wallet:read' } },
    schema: {
      tags, summary: 'The posted balance as of a moment', params: S.AccountParams, querystring: S.BalanceAtQuery,
      response: { 200: Type.Object({ accountId: Type.String(), at: Type.String(), posted: Type.Integer(), afterEntrySeq: Type.Integer() }), ...ErrorResponses },
    },
  }, async (request) => {
    visible(principalOf(request), await wallet.findAccount(db, request.params.id));
    const { balance, seq } = await store.balanceAt(db, request.params.id, request.query.at);
    return { accountId: request.params.id, at: request.query.at, posted: balance, afterEntrySeq: seq };
  });

  app.get('/v1/ledger/verification', {
    config: { access: { roles: ['admin'], scope: 'admin' } },
    schema: { tags, summary: 'Re-checks the ledger\'s invariants from scratch (admin)', response: { 200: Type.Object({ ok: Type.Boolean(), checks: Type.Array(Type.Object({ check: Type.String(), ok: Type.Boolean(), detail: Type.Union([Type.String(), Type.Null()]) })) }), ...ErrorResponses } },
  }, async () => {
    const checks = await store.verifyLedger(db);
    return { ok: checks.every((c) => c.ok), checks };
  });
};
