import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { generateApiKey, hashApiKey, isAdmin, type Principal, type Role, type Scope, type VerificationState } from '../../platform/auth.js';
import type { Database, Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { appendEvents } from '../../platform/events/outbox.js';
import { canTransition, isValidTimeZone, type ApiKey, type Member, type VerificationDecision } from './model.js';
import * as store from './store.js';

export interface Registration {
  email: string;
  displayName: string;
  roles: Role[];
  timeZone?: string;
  homeLocation?: { lat: number; lng: number } | null;
}

export interface IssuedKey {
  apiKey: ApiKey;
  /** The secret itself: returned once, stored only as a hash. */
  key: string;
}

export const MEMBERS_POLICY = { pageMax: 100 } as const;

/** What an idempotent replay of a key-issuing request returns in place of the secret. */
export const REDACTED_KEY = '(shown once: not stored, so not replayed)';
export const redactKey = <T extends { key: string }>(body: T): T => ({ ...body, key: REDACTED_KEY });

/** What other modules may ask of members. */
export interface MembersService {
  findMember(ex: Executor, id: string): Promise<Member | null>;
  /** Several members by id (ids must be uuids); unknown ids are absent from the answer. */
  findMembers(ex: Executor, ids: readonly string[]): Promise<Member[]>;
  resolveKey(hash: Buffer): Promise<Principal | null>;
}

export const AUTH_CACHE_POLICY = { entriesMax: 10_000 } as const;

export class Members implements MembersService {
  /**
   * Resolved keys, by key hash, for authCacheTtlMs. Every authenticated request resolves its key;
   * without the cache that is a PostgreSQL round trip per request. Routes that revoke a key or
   * decide a member's verification call forgetKey / forgetMember after their transaction commits;
   * other processes notice within the TTL. Unknown keys are never cached.
   */
  private readonly principals: LRUCache<string, Principal> | null;
  /**
   * Bumped by every forget: a lookup that started before it may have read the old row, so its
   * result is returned but not cached.
   */
  private generation = 0;
  /**
   * Lookups under way, by key hash. When a busy key's entry expires, every request in flight used
   * to miss at once and send its own query (in the promotions bench, about 30 a second a worker);
   * now they share one. Cleared by every forget: a request after it never joins a lookup that may
   * have read the old row.
   */
  private readonly lookups = new Map<string, Promise<Principal | null>>();
  private readonly memberListeners: ((memberId: string) => Promise<void>)[] = [];

  constructor(private readonly database: Database, authCacheTtlMs = 0) {
    this.principals = authCacheTtlMs > 0 ? new LRUCache({ max: AUTH_CACHE_POLICY.entriesMax, ttl: authCacheTtlMs }) : null;
  }

  /** Drops a revoked key from this process's cache. Call after the revocation committed. */
  forgetKey(keyId: string): void {
    this.forget((p) => p.keyId === keyId);
  }

  /**
   * Drops every key of a member whose verification or profile changed, and tells the modules that
   * cache members' facts (onMemberChanged) before the answer goes out. Call after the change committed.
   */
  async forgetMember(memberId: string): Promise<void> {
    this.forget((p) => p.kind === 'member' && p.memberId === memberId);
    await Promise.all(this.memberListeners.map((listener) => listener(memberId)));
  }

  /** A module that caches members' facts (the marketplace caches sellers) hears of every change forgetMember hears of. */
  onMemberChanged(listener: (memberId: string) => Promise<void>): void {
    this.memberListeners.push(listener);
  }

  private forget(match: (p: Principal) => boolean): void {
    this.generation += 1;
    this.lookups.clear();
    if (!this.principals) return;
    for (const [hash, p] of this.principals.entries()) if (match(p)) this.principals.delete(hash);
  }

  findMember(ex: Executor, id: string) {
    return store.findMember(ex, id);
  }

  findMembers(ex: Executor, ids: readonly string[]) {
    return store.findMembers(ex, ids);
  }

  /** A member by id outside any transaction, on the prepared fast path. */
  getMember(id: string) {
    return store.findMemberPrepared(this.database.pool, id);
  }

  findMemberByEmail(ex: Executor, email: string) {
    return store.findMemberByEmail(ex, email);
  }

  async keyHashExists(ex: Executor, hash: Buffer): Promise<boolean> {
    return store.keyHashExists(ex, hash);
  }

  async resolveKey(hash: Buffer): Promise<Principal | null> {
    if (!this.principals) return store.resolveKey(this.database.pool, hash);
    const cacheKey = hash.toString('base64');
    const cached = this.principals.get(cacheKey);
    if (cached) return cached;
    const underWay = this.lookups.get(cacheKey);
    if (underWay) return underWay;
    const lookup = this.lookUp(hash, cacheKey).finally(() => {
      if (this.lookups.get(cacheKey) === lookup) this.lookups.delete(cacheKey);
    });
    this.lookups.set(cacheKey, lookup);
    return lookup;
  }

  private async lookUp(hash: Buffer, cacheKey: string): Promise<Principal | null> {
    const generation = this.generation;
    const principal = await store.resolveKey(this.database.pool, hash);
    if (principal && generation === this.generation) this.principals?.set(cacheKey, principal);
    return principal;
  }

  /**
   * Open registration creates a pending buyer or seller; an admin may also create admins and
   * approve at once. Either way the new member gets its first API key.
   */
  async register(tx: Executor, input: Registration, by: Principal | null): Promise<Result<{ member: Member } & IssuedKey>> {
    const member = await this.createMember(tx, input, by);
    if (!member.ok) return member;
    const issued = await this.issueKey(tx, { memberId: member.value.id, name: 'default', scopes: null, createdBy: by?.kind === 'member' ? by.memberId : null });
    return ok({ member: member.value, ...issued });
  }

  /** A new member, pending verification unless an admin creates an admin; no key (the web app's registration signs in instead). */
  async createMember(tx: Executor, input: Registration, by: Principal | null): Promise<Result<Member>> {
    if (input.roles.includes('admin') && !isAdmin(by)) return fail('MEMBER_ROLE_NOT_ALLOWED', 'Only an admin can create an admin.');
    const timeZone = input.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone)) return fail('INVALID_TIME_ZONE', `Unknown time zone "${timeZone}".`);
    const member = await store.insertMember(tx, {
      id: crypto.randomUUID(),
      email: input.email,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      verificationState: input.roles.includes('admin') ? 'approved' : 'pending',
      timeZone,
      homeLocation: input.homeLocation ?? null,
    });
    if (!member) return fail('MEMBER_EMAIL_TAKEN');
    await appendEvents(tx, [{ aggregateType: 'member', aggregateId: member.id, type: 'member.registered', payload: { memberId: member.id, roles: member.roles } }]);
    return ok(member);
  }

  async updateProfile(tx: Executor, memberId: string, patch: store.ProfilePatch): Promise<Result<Member>> {
    if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) return fail('INVALID_TIME_ZONE', `Unknown time zone "${patch.timeZone}".`);
    const member = await store.updateProfile(tx, memberId, patch);
    return member ? ok(member) : fail('NOT_FOUND');
  }

  /** An admin's decision, or a member resubmitting after `needs_changes`. */
  async decide(
    tx: Executor,
    d: { memberId: string; to: VerificationState; reason: string; by: Principal },
  ): Promise<Result<{ member: Member; decision: VerificationDecision }>> {
    const actor = isAdmin(d.by) ? 'admin' : 'self';
    const from = (['pending', 'approved', 'rejected', 'needs_changes'] as const).filter((s) => canTransition(s, d.to, actor));
    const decidedBy = d.by.kind === 'member' ? d.by.memberId : null;
    const changed = await store.changeVerification(tx, { memberId: d.memberId, from, to: d.to, reason: d.reason, decidedBy });
    if (!changed) {
      const current = await store.findMember(tx, d.memberId);
      if (!current) return fail('NOT_FOUND');
      return fail('VERIFICATION_TRANSITION_INVALID', `A member in state ${current.verificationState} cannot move to ${d.to}.`);
    }
    await appendEvents(tx, [{
      aggregateType: 'member', aggregateId: d.memberId, type: 'member.verification_decided',
      payload: { memberId: d.memberId, from: changed.decision.fromState, to: d.to, reason: d.reason },
    }]);
    return ok(changed);
  }

  async issueKey(
    tx: Executor,
    k: { memberId: string | null; name: string; scopes: Scope[] | null; createdBy: string | null; key?: string },
  ): Promise<IssuedKey> {
    const generated = generateApiKey();
    const key = k.key ?? generated.key;
    const apiKey = await store.insertApiKey(tx, {
      id: crypto.randomUUID(),
      memberId: k.memberId,
      name: k.name,
      hash: k.key ? hashApiKey(k.key) : generated.hash,
      displayPrefix: key.slice(0, 12),
      scopes: k.scopes,
      createdBy: k.createdBy,
    });
    return { apiKey, key };
  }

  /** Owners revoke their keys; admins any key. Someone else's key does not exist for the caller. */
  async revokeKey(tx: Executor, id: string, by: Principal): Promise<Result<ApiKey>> {
    const key = await store.findApiKey(tx, id);
    const owns = key && by.kind === 'member' && key.memberId === by.memberId;
    if (!key || (!owns && !isAdmin(by))) return fail('NOT_FOUND');
    return ok((await store.revokeApiKey(tx, id))!);
  }
}
