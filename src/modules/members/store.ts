import { sql } from 'kysely';
import type pg from 'pg';
import { prepared, type Executor } from '../../platform/db/database.js';
import type { Principal, Role, Scope, VerificationState } from '../../platform/auth.js';
import type { ApiKey, Member, VerificationDecision } from './model.js';

interface MemberRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  verification_state: VerificationState;
  time_zone: string;
  home_lat: number | null;
  home_lng: number | null;
  groups: string[];
  created_at: Date;
  updated_at: Date;
}

const MEMBER_COLUMN_LIST = 'id, email, display_name, roles, verification_state, time_zone, home_lat, home_lng, groups, created_at, updated_at';
const MEMBER_COLUMNS = sql.raw(MEMBER_COLUMN_LIST);

function toMember(r: MemberRow): Member {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    verificationState: r.verification_state,
    timeZone: r.time_zone,
    homeLocation: r.home_lat === null || r.home_lng === null ? null : { lat: r.home_lat, lng: r.home_lng },
    groups: r.groups,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export type NewMember = Omit<Member, 'createdAt' | 'updatedAt' | 'groups'>;

/** Returns null when the email is taken (case-insensitively). */
export async function insertMember(ex: Executor, m: NewMember): Promise<Member | null> {
  const { rows } = await sql<MemberRow>`
    INSERT INTO members.members (id, email, display_name, roles, verification_state, time_zone, home_lat, home_lng)
    VALUES (${m.id}, ${m.email}, ${m.displayName}, ${m.roles}::text[], ${m.verificationState}, ${m.timeZone},
            ${m.homeLocation?.lat ?? null}, ${m.homeLocation?.lng ?? null})
    ON CONFLICT DO NOTHING
    RETURNING ${MEMBER_COLUMNS}`.execute(ex);
  return rows[0] ? toMember(rows[0]) : null;
}

/** The same as findMember, prepared, for the profile read on every page load. */
export async function findMemberPrepared(pool: pg.Pool, id: string): Promise<Member | null> {
  const rows = await prepared<MemberRow>(pool, 'members.find_member', `SELECT ${MEMBER_COLUMN_LIST} FROM members.members WHERE id = $1`, [id]);
  return rows[0] ? toMember(rows[0]) : null;
}

export async function findMember(ex: Executor, id: string): Promise<Member | null> {
  const { rows } = await sql<MemberRow>`SELECT ${MEMBER_COLUMNS} FROM members.members WHERE id = ${id}`.execute(ex);
  return rows[0] ? toMember(rows[0]) : null;
}

/** Several members at once (missing ids are simply absent). */
export async function findMembers(ex: Executor, ids: readonly string[]): Promise<Member[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<MemberRow>`SELECT ${MEMBER_COLUMNS} FROM members.members WHERE id = ANY(${ids}::uuid[])`.execute(ex);
  return rows.map(toMember);
}

export async function findMemberByEmail(ex: Executor, email: string): Promise<Member | null> {
  const { rows } = await sql<MemberRow>`SELECT ${MEMBER_COLUMNS} FROM members.members WHERE lower(email) = lower(${email})`.execute(ex);
  return rows[0] ? toMember(rows[0]) : null;
}

export interface ProfilePatch {
  displayName?: string;
  timeZone?: string;
  homeLocation?: { lat: number; lng: number } | null;
}

export async function updateProfile(ex: Executor, id: string, p: ProfilePatch): Promise<Member | null> {
  const setLocation = p.homeLocation !== undefined;
  const { rows } = await sql<MemberRow>`
    UPDATE members.members SET
      display_name = coalesce(${p.displayName ?? null}, display_name),
      time_zone = coalesce(${p.timeZone ?? null}, time_zone),
      home_lat = CASE WHEN ${setLocation} THEN ${p.homeLocation?.lat ?? null}::double precision ELSE home_lat END,
      home_lng = CASE WHEN ${setLocation} THEN ${p.homeLocation?.lng ?? null}::double precision ELSE home_lng END,
      updated_at = now()
    WHERE id = ${id}
    RETURNING ${MEMBER_COLUMNS}`.execute(ex);
  return rows[0] ? toMember(rows[0]) : null;
}

/**
 * Keyset pagination on (created_at, id): stable while members are added. The cursor keeps
 * created_at to the microsecond (as PostgreSQL text), since a JS Date would round it to the
 * millisecond and repeat rows.
 */
export async function listMembers(
  ex: Executor,
  q: { state?: VerificationState; after?: { createdAt: string; id: string }; limit: number },
): Promise<{ items: Member[]; last: { createdAt: string; id: string } | null }> {
  const { rows } = await sql<MemberRow & { created_at_exact: string }>`
    SELECT ${MEMBER_COLUMNS}, created_at::text AS created_at_exact FROM members.members
    WHERE (${q.state ?? null}::text IS NULL OR verification_state = ${q.state ?? null})
      AND (${q.after?.createdAt ?? null}::timestamptz IS NULL OR (created_at, id) > (${q.after?.createdAt ?? null}::timestamptz, ${q.after?.id ?? null}::uuid))
    ORDER BY created_at, id
    LIMIT ${q.limit}`.execute(ex);
  const tail = rows.length === q.limit ? rows[rows.length - 1] : undefined;
  return { items: rows.map(toMember), last: tail ? { createdAt: tail.created_at_exact, id: tail.id } : null };
}

/**
 * Moves a member from one of `from` to `to` in one conditional statement and records the decision
 * in the same transaction. Returns null when the member is not in an allowed state.
 */
export async function changeVerification(
  ex: Executor,
  d: { memberId: string; from: readonly VerificationState[]; to: VerificationState; reason: string; decidedBy: string | null },
): Promise<{ member: Member; decision: VerificationDecision } | null> {
  const { rows } = await sql<MemberRow & { previous: VerificationState }>`
    UPDATE members.members m SET verification_state = ${d.to}, updated_at = now()
    FROM (SELECT id, verification_state AS previous FROM members.members WHERE id = ${d.memberId} FOR UPDATE) old
    WHERE m.id = old.id AND old.previous = ANY(${d.from as VerificationState[]}::text[])
    RETURNING m.id, m.email, m.display_name, m.roles, m.verification_state, m.time_zone, m.home_lat, m.home_lng, m.groups,
              m.created_at, m.updated_at, old.previous`.execute(ex);
  const row = rows[0];
  if (!row) return null;
  const inserted = await sql<{ id: number; decided_at: Date }>`
    INSERT INTO members.verification_decisions (member_id, from_state, to_state, reason, decided_by)
    VALUES (${d.memberId}, ${row.previous}, ${d.to}, ${d.reason}, ${d.decidedBy})
    RETURNING id, decided_at`.execute(ex);
  const decision = inserted.rows[0]!;
  return {
    member: toMember(row),
    decision: { id: decision.id, memberId: d.memberId, fromState: row.previous, toState: d.to, reason: d.reason, decidedBy: d.decidedBy, decidedAt: decision.decided_at.toISOString() },
  };
}

export async function listDecisions(ex: Executor, memberId: string): Promise<VerificationDecision[]> {
  const { rows } = await sql<{ id: number; from_state: VerificationState; to_state: VerificationState; reason: string; decided_by: string | null; decided_at: Date }>`
    SELECT id, from_state, to_state, reason, decided_by, decided_at FROM members.verification_decisions
    WHERE member_id = ${memberId} ORDER BY id`.execute(ex);
  return rows.map((r) => ({ id: r.id, memberId, fromState: r.from_state, toState: r.to_state, reason: r.reason, decidedBy: r.decided_by, decidedAt: r.decided_at.toISOString() }));
}

interface ApiKeyRow {
  id: string;
  member_id: string | null;
  name: string;
  display_prefix: string;
  scopes: Scope[] | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const KEY_COLUMNS = sql.raw('id, member_id, name, display_prefix, scopes, created_at, last_used_at, revoked_at');

function toApiKey(r: ApiKeyRow): ApiKey {
  return {
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    displayPrefix: r.display_prefix,
    scopes: r.scopes,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

export async function insertApiKey(
  ex: Executor,
  k: { id: string; memberId: string | null; name: string; hash: Buffer; displayPrefix: string; scopes: Scope[] | null; createdBy: string | null },
): Promise<ApiKey> {
  const { rows } = await sql<ApiKeyRow>`
    INSERT INTO members.api_keys (id, member_id, name, key_hash, display_prefix, scopes, created_by)
    VALUES (${k.id}, ${k.memberId}, ${k.name}, ${k.hash}, ${k.displayPrefix}, ${k.scopes}::text[], ${k.createdBy})
    ON CONFLICT (key_hash) DO NOTHING
    RETURNING ${KEY_COLUMNS}`.execute(ex);
  return toApiKey(rows[0]!);
}

export async function keyHashExists(ex: Executor, hash: Buffer): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM members.api_keys WHERE key_hash = ${hash}`.execute(ex);
  return rows.length > 0;
}

export async function findApiKey(ex: Executor, id: string): Promise<ApiKey | null> {
  const { rows } = await sql<ApiKeyRow>`SELECT ${KEY_COLUMNS} FROM members.api_keys WHERE id = ${id}`.execute(ex);
  return rows[0] ? toApiKey(rows[0]) : null;
}

/** A member's own keys, or (memberId null) every service key. */
export async function listApiKeys(ex: Executor, memberId: string | null): Promise<ApiKey[]> {
  const { rows } = await sql<ApiKeyRow>`
    SELECT ${KEY_COLUMNS} FROM members.api_keys WHERE member_id IS NOT DISTINCT FROM ${memberId}::uuid
    ORDER BY created_at, id LIMIT 1000`.execute(ex);
  return rows.map(toApiKey);
}

export async function revokeApiKey(ex: Executor, id: string): Promise<ApiKey | null> {
  const { rows } = await sql<ApiKeyRow>`
    UPDATE members.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id}
    RETURNING ${KEY_COLUMNS}`.execute(ex);
  return rows[0] ? toApiKey(rows[0]) : null;
}

const LAST_USED_RESOLUTION_S = 60;

/**
 * The principal behind a key hash, or null for unknown or revoked keys: one indexed lookup on
 * every authenticated request, so a prepared statement.
 */
export async function resolveKey(pool: pg.Pool, hash: Buffer): Promise<Principal | null> {
  const rows = await prepared<{ id: string; member_id: string | null; scopes: Scope[] | null; roles: Role[] | null; verification_state: VerificationState | null; time_zone: string | null; stale: boolean }>(
    pool, 'members.resolve_key', `
    SELECT k.id, k.member_id, k.scopes, m.roles, m.verification_state, m.time_zone,
           (k.last_used_at IS NULL OR k.last_used_at < now() - make_interval(secs => $2)) AS stale
    FROM members.api_keys k LEFT JOIN members.members m ON m.id = k.member_id
    WHERE k.key_hash = $1 AND k.revoked_at IS NULL`, [hash, LAST_USED_RESOLUTION_S]);
  const r = rows[0];
  if (!r) return null;
  // last_used_at is kept to the minute, so a busy key costs one write a minute, not one a request.
  if (r.stale) void pool.query('UPDATE members.api_keys SET last_used_at = now() WHERE id = $1', [r.id]).catch(() => undefined);
  if (r.member_id === null) return { kind: 'service', keyId: r.id, scopes: r.scopes ?? [] };
  return { kind: 'member', keyId: r.id, memberId: r.member_id, roles: r.roles ?? [], verification: r.verification_state ?? 'pending', scopes: r.scopes, timeZone: r.time_zone ?? 'UTC' };
}

/** Replaces a member's groups; null when there is no such member. */
export async function setGroups(ex: Executor, id: string, groups: readonly string[]): Promise<Member | null> {
  const { rows } = await sql<MemberRow>`
    UPDATE members.members SET groups = ${[...groups]}::text[], updated_at = now() WHERE id = ${id}
    RETURNING ${MEMBER_COLUMNS}`.execute(ex);
  return rows[0] ? toMember(rows[0]) : null;
}
