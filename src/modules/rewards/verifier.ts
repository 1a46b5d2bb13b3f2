import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { every } from '../../platform/periodic.js';
import { REWARDS_POLICY } from './model.js';
import type { Payouts } from './payouts.js';
import * as store from './store.js';

const P = REWARDS_POLICY.verify;

/** The signature header of a verification callback: Stripe's format, `t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signCallback(secret: string, body: string, nowS = Math.floor(Date.now() / 1000)): string {
  return `t=${nowS},v1=${crypto.createHmac('sha256', secret).update(`${nowS}.${body}`).digest('hex')}`;
}

export function backoffMs(attempt: number): number {
  return Math.min(P.backoffMaxMs, P.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

/** A response body, refused past `maxBytes`: a verification answer is a few bytes of JSON. */
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > maxBytes) throw new Error(`the answer is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

type Verdict = { kind: 'confirmed' } | { kind: 'denied'; reason: string } | { kind: 'failed'; reason: string };

/**
 * Games with verification ask the service that sent the events to confirm a completion before it
 * is paid (it may know of fraud, or its replica may have lagged). The callback is signed; its
 * answer is `{"confirmed": true|false}`. A timeout or error is retried with exponential backoff;
 * after attemptsMax the completion stays `verifying` but parked (next_verify_at NULL), listed for
 * admins, who can send it again. Nothing is dropped silently. Safe in several processes at once:
 * a completion is claimed (its next attempt pushed out) before it is called.
 */
export class Verifier {
  private stopTimer: (() => void) | null = null;

  constructor(private readonly db: Db, private readonly payouts: Payouts, private readonly log: Logger | null) {}

  start(): void {
    this.stopTimer ??= every(P.intervalMs, () => this.runOnce(), this.log, 'verification pass');
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  /** One pass: claims due completions and verifies them. Returns how many were tried. */
  async runOnce(): Promise<number> {
    const { rows } = await sql<store.CompletionRow>`
      UPDATE rewards.completions c SET next_verify_at = now() + make_interval(secs => ${(P.timeoutMs * 3) / 1000}), verify_attempts = c.verify_attempts + 1
      FROM (SELECT game_id, milestone_key, member_id, completion_key FROM rewards.completions
            WHERE status = 'verifying' AND next_verify_at <= now() ORDER BY next_verify_at LIMIT ${P.batchMax} FOR UPDATE SKIP LOCKED) due
      WHERE (c.game_id, c.milestone_key, c.member_id, c.completion_key) = (due.game_id, due.milestone_key, due.member_id, due.completion_key)
      RETURNING c.*, c.next_verify_at::text AS claim`.execute(this.db);
    await Promise.all(rows.map((r) => this.verifyOne(r as store.CompletionRow & { claim: string })));
    return rows.length;
  }

  private async verifyOne(row: store.CompletionRow & { claim: string }): Promise<void> {
    const game = await store.findGame(this.db, row.game_id);
    const secret = await store.verifySecret(this.db, row.game_id);
    if (!game?.verification || !secret) return;
    const verdict = await this.ask(game.verification.url, secret, row);
    const key = sql`game_id = ${row.game_id} AND milestone_key = ${row.milestone_key} AND member_id = ${row.member_id} AND completion_key = ${row.completion_key} AND status = 'verifying'`;
    if (verdict.kind === 'denied') {
      await sql`UPDATE rewards.completions SET status = 'rejected', detail = ${verdict.reason}, decided_at = now(), next_verify_at = NULL WHERE ${key}`.execute(this.db);
    } else if (verdict.kind === 'failed') {
      const parked = row.verify_attempts >= P.attemptsMax;
      const detail = parked ? `gave up after ${row.verify_attempts} attempts: ${verdict.reason}` : verdict.reason;
      // Only while the claim is still this attempt's: an admin's retry meanwhile (next_verify_at
      // set to now) must not be undone by a failure that started before it.
      await sql`UPDATE rewards.completions SET detail = ${detail},
                  next_verify_at = CASE WHEN ${parked} THEN NULL ELSE now() + make_interval(secs => ${backoffMs(row.verify_attempts) / 1000}) END
                WHERE ${key} AND next_verify_at = ${row.claim}::timestamptz`.execute(this.db);
    } else {
      await this.db.transaction().execute(async (tx) => {
        const locked = await sql`SELECT 1 FROM rewards.completions WHERE ${key} FOR UPDATE`.execute(tx);
        if (locked.rows.length === 0) return;
        const settlements = await this.payouts.pay(tx, game, [{
          gameId: row.game_id, milestoneKey: row.milestone_key, memberId: row.member_id, completionKey: row.completion_key, windowKey: row.window_key, coins: Number(row.coins),
        }]);
        await store.settleCompletions(tx, settlements);
      });
    }
  }

  private async ask(url: string, secret: string, row: store.CompletionRow): Promise<Verdict> {
    const body = JSON.stringify({ gameId: row.game_id, milestoneKey: row.milestone_key, memberId: row.member_id, completionKey: row.completion_key, windowKey: row.window_key, completedAt: row.completed_at.toISOString() });
    try {
      const res = await fetch(url, {
        method: 'POST', body, signal: AbortSignal.timeout(P.timeoutMs), redirect: 'error',
        headers: { 'content-type': 'application/json', 'trove-signature': signCallback(secret, body) },
      });
      if (!res.ok) return { kind: 'failed', reason: `HTTP ${res.status}` };
      const answer = JSON.parse(await readCapped(res, P.answerMaxBytes)) as { confirmed?: unknown; reason?: unknown } | null;
      if (answer === null || typeof answer !== 'object') return { kind: 'failed', reason: 'the answer is not a JSON object' };
      if (answer.confirmed === true) return { kind: 'confirmed' };
      if (answer.confirmed === false) return { kind: 'denied', reason: typeof answer.reason === 'string' ? answer.reason.slice(0, 200) : 'denied by the source' };
      return { kind: 'failed', reason: 'the answer has no boolean "confirmed"' };
    } catch (err) {
      return { kind: 'failed', reason: (err as Error).name === 'TimeoutError' ? 'timed out' : `unreachable: ${(err as Error).message}`.slice(0, 200) };
    }
  }

  /** An admin sends a parked or pending verification again, now. */
  async retry(gameId: string, milestoneKey: string, memberId: string, completionKey: string): Promise<Result<true>> {
    const { rows } = await sql<{ status: string }>`
      UPDATE rewards.completions c SET next_verify_at = CASE WHEN c.status = 'verifying' THEN now() ELSE c.next_verify_at END,
             verify_attempts = CASE WHEN c.status = 'verifying' THEN 0 ELSE c.verify_attempts END
      WHERE game_id = ${gameId} AND milestone_key = ${milestoneKey} AND member_id = ${memberId} AND completion_key = ${completionKey}
      RETURNING status`.execute(this.db);
    if (!rows[0]) return fail('REWARD_COMPLETION_NOT_FOUND');
    return rows[0].status === 'verifying' ? ok(true) : fail('REWARD_COMPLETION_NOT_RETRYABLE');
  }
}
