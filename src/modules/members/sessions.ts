import crypto from 'node:crypto';
import type pg from 'pg';
import { sql } from 'kysely';
import { hashApiKey, type Principal, type Role, type VerificationState } from '../../platform/auth.js';
import { prepared, type Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { WindowCounter } from '../../platform/window-counter.js';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords.js';

/**
 * Web sign-in: email and password open a session; its token is the session cookie (httpOnly,
 * SameSite=Lax) and only its SHA-256 is stored. Writes made with the cookie also carry a CSRF
 * token derived from the session token (csrfTokenOf), which a page on another site cannot read.
 * Failed sign-ins are counted (in this process) per email and address and per email, and refused
 * past a limit for the rest of the window.
 */
export const SESSION_POLICY = {
  ttlMs: 7 * 24 * 3600_000,
  /** Failed sign-ins a window for one email from one address, and for one email from anywhere. */
  failuresMax: 10,
  failuresPerEmailMax: 100,
  failureWindowMs: 15 * 60_000,
  /** Emails whose failures are remembered at once (an LRU: the oldest are forgotten first). */
  failureEntriesMax: 100_000,
} as const;

export const SESSION_TOKEN_PATTERN = /^trs_[A-Za-z0-9_-]{43}$/;

/** The CSRF token for a session: unguessable without the session token, and not the token itself. */
export function csrfTokenOf(sessionToken: string): string {
  return crypto.createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

export interface OpenedSession {
  token: string;
  csrfToken: string;
  memberId: string;
  expiresAt: string;
}

export class Sessions {
  private readonly failuresFrom = new WindowCounter(SESSION_POLICY.failuresMax, SESSION_POLICY.failureWindowMs, SESSION_POLICY.failureEntriesMax);
  private readonly failuresOf = new WindowCounter(SESSION_POLICY.failuresPerEmailMax, SESSION_POLICY.failureWindowMs, SESSION_POLICY.failureEntriesMax);

  constructor(private readonly pool: pg.Pool) {}

  /** Sets a member's password (registration, or an operator's seed). */
  async setPassword(ex: Executor, memberId: string, password: string): Promise<void> {
    await sql`UPDATE members.members SET password_hash = ${await hashPassword(password)}, updated_at = now() WHERE id = ${memberId}`.execute(ex);
  }

  /**
   * Opens a session for the member with this email and password; the same answer whether the
   * email or the password is wrong. Failures count per email and address (10 a window: a guesser
   * from one address) and per email (100: a guesser spread over many), each attempt counted before
   * its check runs, so concurrent guesses cannot slip through together. A stranger can make an
   * email wait only by spending 100 guesses a window on it, and only for the rest of that window.
   */
  async signIn(ex: Executor, email: string, password: string, from: string, nowMs = Date.now()): Promise<Result<OpenedSession>> {
    const account = email.trim().toLowerCase();
    const { rows } = await sql<{ id: string; password_hash: string | null }>`SELECT id, password_hash FROM members.members WHERE lower(email) = ${account}`.execute(ex);
    const checked = await this.checkPassword(account, from, rows[0]?.password_hash ?? null, password, nowMs);
    if (checked !== 'right') return fail(checked === 'wrong' ? 'AUTH_INVALID_CREDENTIALS' : 'AUTH_TOO_MANY_ATTEMPTS', undefined, checked === 'wrong' ? undefined : checked);
    return ok(await this.open(ex, rows[0]!.id));
  }

  /**
   * The one password check of sign-ins and password changes: refused while either count is full;
   * otherwise counted before the hash runs (taken back when right: the right password from this
   * address clears its count, while the email's keeps others' guesses). No stored hash (an unknown
   * email) is checked against a decoy, so it takes as long, and is always wrong.
   */
  private async checkPassword(account: string, from: string, hash: string | null, password: string, nowMs = Date.now()): Promise<'right' | 'wrong' | { retryAfterS: number }> {
    const counters = [[this.failuresFrom, `${account}|${from}`], [this.failuresOf, account]] as const;
    for (const [counter, key] of counters) {
      const full = counter.full(key, nowMs);
      if (full) return full;
    }
    for (const [counter, key] of counters) counter.add(key, nowMs);
    if (!(await verifyPassword(password, hash ?? DECOY_HASH)) || !hash) return 'wrong';
    this.failuresFrom.clear(counters[0][1]);
    this.failuresOf.remove(account, nowMs);
    return 'right';
  }

  async open(ex: Executor, memberId: string): Promise<OpenedSession> {
    const token = `trs_${crypto.randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + SESSION_POLICY.ttlMs).toISOString();
    await sql`INSERT INTO members.sessions (id, member_id, token_hash, expires_at) VALUES (${crypto.randomUUID()}, ${memberId}, ${hashApiKey(token)}, ${expiresAt})`.execute(ex);
    return { token, csrfToken: csrfTokenOf(token), memberId, expiresAt };
  }

  /**
   * A member changes its password, proving the current one (counted like a sign-in's failures):
   * every other session of the member ends, so a stolen cookie dies with the old password.
   */
  async changePassword(ex: Executor, memberId: string, current: string, next: string, keepToken: string | null, from: string): Promise<Result<null>> {
    const { rows } = await sql<{ email: string; password_hash: string | null }>`SELECT email, password_hash FROM members.members WHERE id = ${memberId}`.execute(ex);
    const member = rows[0];
    if (!member) return fail('NOT_FOUND');
    const checked = await this.checkPassword(member.email.toLowerCase(), from, member.password_hash, current);
    if (checked !== 'right') return fail(checked === 'wrong' ? 'AUTH_CURRENT_PASSWORD_WRONG' : 'AUTH_TOO_MANY_ATTEMPTS', undefined, checked === 'wrong' ? undefined : checked);
    await this.setPassword(ex, memberId, next);
    await this.endAll(ex, memberId, keepToken);
    return ok(null);
  }

  /** Ends every session of the member, but the one with `keepToken` (null: all of them). */
  async endAll(ex: Executor, memberId: string, keepToken: string | null): Promise<void> {
    await sql`UPDATE members.sessions SET revoked_at = now() WHERE member_id = ${memberId} AND revoked_at IS NULL
      ${keepToken ? sql`AND token_hash <> ${hashApiKey(keepToken)}` : sql``}`.execute(ex);
  }

  async signOut(ex: Executor, token: string): Promise<void> {
    await sql`UPDATE members.sessions SET revoked_at = now() WHERE token_hash = ${hashApiKey(token)} AND revoked_at IS NULL`.execute(ex);
  }

  /** The member behind a live session token's hash, as a principal with its member's roles (never narrowed). */
  async resolve(hash: Buffer): Promise<Principal | null> {
    const rows = await prepared<{ id: string; member_id: string; roles: Role[]; verification_state: VerificationState; time_zone: string }>(this.pool, 'members.resolve_session', `
      SELECT s.id, s.member_id, m.roles, m.verification_state, m.time_zone
      FROM members.sessions s JOIN members.members m ON m.id = s.member_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`, [hash]);
    const r = rows[0];
    return r ? { kind: 'member', keyId: r.id, memberId: r.member_id, roles: r.roles, verification: r.verification_state, scopes: null, timeZone: r.time_zone } : null;
  }
}

/** Sessions ended (expired or signed out) more than a day ago are deleted: nothing can use them. */
export async function purgeEndedSessions(ex: Executor): Promise<number> {
  const result = await sql`DELETE FROM members.sessions WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'`.execute(ex);
  return Number(result.numAffectedRows ?? 0);
}
