import assert from 'node:assert';
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db, Tx } from './db/database.js';
import { AppError } from './errors.js';

/**
 * Idempotency-Key for POSTs that create or move something. The stored response is written in the
 * same transaction as the effect, so a key is never recorded without its effect or the reverse.
 * Concurrent requests with one key meet at the primary key: the first inserts the key row, the
 * others wait on its uniqueness check until it commits, then replay what it stored.
 */
export const IDEMPOTENCY_POLICY = {
  keyMaxChars: 255,
  retentionHours: 24,
  replayHeader: 'idempotent-replayed',
} as const;

export interface EffectResult<T> {
  status: number;
  body: T;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function scopeOf(request: FastifyRequest): string {
  const p = request.principal;
  if (!p) throw new AppError('IDEMPOTENCY_KEY_NEEDS_AUTH');
  return p.kind === 'member' ? `member:${p.memberId}` : `key:${p.keyId}`;
}

/** JSON with sorted keys, so {a,b} and {b,a} are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(request: FastifyRequest): string {
  return crypto.createHash('sha256').update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`).digest('hex');
}

/**
 * Runs `effect` in a transaction; with an Idempotency-Key header, stores or replays its result.
 * Business refusals (AppError) are stored too, after rolling back the effect to a savepoint, so a
 * retry with the same key gets the same answer; unexpected errors store nothing.
 */
export async function idempotent<T>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  effect: (tx: Tx) => Promise<EffectResult<T>>,
  /** Removes secrets (a new API key) from what is stored: a replay answers without them. */
  redact: (body: T) => unknown = (body) => body,
): Promise<T> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) {
    const result = await db.transaction().execute(effect);
    void reply.code(result.status);
    return result.body;
  }
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
  const scope = scopeOf(request);
  const print = fingerprint(request);
  const outcome = await db.transaction().execute(async (tx) => {
    // A key past its retention is free again, whether or not the purge has removed it yet.
    const inserted = await sql`
      INSERT INTO platform.idempotency_keys (scope, key, fingerprint, expires_at)
      VALUES (${scope}, ${header}, ${print}, now() + make_interval(hours => ${IDEMPOTENCY_POLICY.retentionHours}))
      ON CONFLICT (scope, key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, status_code = NULL, response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE platform.idempotency_keys.expires_at < now()
      RETURNING 1`.execute(tx);
    if (inserted.rows.length === 0) return { replay: true as const, stored: await readStored(tx, scope, header, print) };
    const result = await runCapturingRefusal(tx, effect);
    const stored = result.status < 300 ? redact(result.body as T) : result.body;
    await sql`
      UPDATE platform.idempotency_keys SET status_code = ${result.status}, response_body = ${JSON.stringify(stored)}
      WHERE scope = ${scope} AND key = ${header}`.execute(tx);
    return { replay: false as const, stored: result };
  });
  if (outcome.replay) void reply.header(IDEMPOTENCY_POLICY.replayHeader, 'true');
  void reply.code(outcome.stored.status);
  return outcome.stored.body as T;
}

async function readStored(tx: Tx, scope: string, key: string, print: string): Promise<EffectResult<unknown>> {
  const { rows } = await sql<{ fingerprint: string; status_code: number | null; response_body: string | null }>`
    SELECT fingerprint, status_code, response_body FROM platform.idempotency_keys WHERE scope = ${scope} AND key = ${key}`.execute(tx);
  const row = rows[0];
  assert(row, 'an idempotency key that conflicted must be readable once its writer committed');
  if (row.fingerprint !== print) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  assert(row.status_code !== null && row.response_body !== null, 'a committed idempotency key always has its response');
  return { status: row.status_code, body: JSON.parse(row.response_body) };
}

async function runCapturingRefusal<T>(tx: Tx, effect: (tx: Tx) => Promise<EffectResult<T>>): Promise<EffectResult<unknown>> {
  await sql`SAVEPOINT idempotent_effect`.execute(tx);
  try {
    return await effect(tx);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await sql`ROLLBACK TO SAVEPOINT idempotent_effect`.execute(tx);
    return { status: err.status, body: err.toBody() };
  }
}

/** Drops keys past their retention; called periodically by the server. */
export async function purgeExpiredIdempotencyKeys(db: Db): Promise<number> {
  const result = await sql`DELETE FROM platform.idempotency_keys WHERE expires_at < now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
