import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export const ROLES = ['admin', 'seller', 'buyer'] as const;
export type Role = (typeof ROLES)[number];
export const VERIFICATION_STATES = ['pending', 'approved', 'rejected', 'needs_changes'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/**
 * Scopes a service key can carry. A route names the scope a service key needs; member keys act
 * with their member's roles (optionally narrowed to scopes).
 */
export const SCOPES = ['members:read', 'members:write', 'events:write', 'wallet:read', 'wallet:write', 'coupons:read', 'coupons:write', 'rewards:read', 'rewards:write', 'promotions:read', 'promotions:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export type Principal =
  | { kind: 'member'; keyId: string; memberId: string; roles: Role[]; verification: VerificationState; scopes: Scope[] | null; timeZone: string }
  | { kind: 'service'; keyId: string; scopes: Scope[] };

/** A member acting: who it is and the two roles the marketplace's rules read. */
export interface Acting {
  memberId: string;
  admin: boolean;
  buyer: boolean;
}

/**
 * The member behind a request, for routes that act as one (a listing's audience, an order's party,
 * a webhook's owner): a service key has no identity to decide from, so it is refused.
 */
export function actingMember(p: Principal, refusal: string): Acting {
  if (p.kind !== 'member') throw new AppError('FORBIDDEN', refusal);
  return { memberId: p.memberId, admin: p.roles.includes('admin'), buyer: p.roles.includes('buyer') };
}

/** Declared on each route in `config.access`. Routes are authenticated unless `public` is set. */
export interface Access {
  public?: boolean;
  /** Member roles allowed (admin always passes). Absent: any verified member. */
  roles?: Role[];
  /** The scope a service key (or a narrowed member key) needs. Absent: service keys are refused. */
  scope?: Scope;
  /** Unverified members may call this route (their own profile). */
  allowUnverified?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export type KeyResolver = (keyHash: Buffer) => Promise<Principal | null>;

const KEY_PREFIX = 'trove_';
const KEY_PATTERN = /^trove_[A-Za-z0-9_-]{20,128}$/;

/** Keys are 32 random bytes: too much entropy to brute-force, so a fast hash is enough to store. */
export function generateApiKey(): { key: string; hash: Buffer; displayPrefix: string } {
  const key = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, 12) };
}

export function hashApiKey(key: string): Buffer {
  return crypto.createHash('sha256').update(key).digest();
}

/** A key chosen by the operator (TROVE_ADMIN_KEY) gets the prefix if it lacks it. */
export function normaliseApiKey(raw: string): string {
  return raw.startsWith(KEY_PREFIX) ? raw : KEY_PREFIX + raw;
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1] || !KEY_PATTERN.test(match[1])) throw new AppError('UNAUTHENTICATED', 'The Authorization header is not a valid Trove API key.');
  return match[1];
}

/**
 * Admin rights: an approved admin member acting with a key that is not narrowed (or is narrowed
 * to include `admin`), or a service key with the `admin` scope. A rejected admin, or an admin's
 * key narrowed to other scopes, is not an admin.
 */
export function isAdmin(p: Principal | null): boolean {
  if (p?.kind === 'service') return p.scopes.includes('admin');
  return p?.kind === 'member' && p.roles.includes('admin') && p.verification === 'approved' && (p.scopes === null || p.scopes.includes('admin'));
}

/** A key narrowed to scopes (every service key, some member keys) needs the route's scope. */
function scopeAllows(scopes: readonly Scope[] | null, access: Access): boolean {
  if (scopes === null || scopes.includes('admin')) return true;
  return access.scope !== undefined && scopes.includes(access.scope);
}

/**
 * Who may manage something a seller can own (a campaign, a promotion): admins and service keys
 * (which reached the route through its scope) all of them, a seller its own. For anyone else it
 * does not exist (the routes answer 404).
 */
export function mayManage(p: Principal, ownerSellerId: string | null): boolean {
  return p.kind === 'service' || isAdmin(p) || (p.kind === 'member' && ownerSellerId === p.memberId);
}

export function checkAccess(principal: Principal, access: Access): void {
  if (!scopeAllows(principal.scopes, access)) {
    throw new AppError('FORBIDDEN', `This key lacks the scope this route needs${access.scope ? ` (${access.scope})` : ''}.`);
  }
  if (principal.kind === 'service') return;
  if (principal.verification !== 'approved' && !access.allowUnverified) throw new AppError('MEMBER_NOT_VERIFIED');
  if (isAdmin(principal)) return;
  if (access.roles && !access.roles.some((r) => principal.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `This route is for ${access.roles.join(' or ')} members.`);
  }
}

export const SESSION_COOKIE = 'trove_session';
/** Readable by the page's script (not httpOnly): what it copies into X-CSRF-Token. */
export const CSRF_COOKIE = 'trove_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionResolver {
  resolve(tokenHash: Buffer): Promise<Principal | null>;
  /** The CSRF token a write made with this session must carry. */
  csrfTokenOf(token: string): string;
  tokenPattern: RegExp;
}

/**
 * Authenticates every request before its handler, except public routes and unknown routes: by an
 * API key in the Authorization header, or else by the web app's session cookie. A write made with
 * the cookie must also carry the session's CSRF token in X-CSRF-Token: a page on another site can
 * make the browser send the cookie, but cannot read the token.
 */
export const authPlugin = fp<{ resolveKey: KeyResolver; sessions?: SessionResolver }>(async (app, opts) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access ?? {};
    const key = bearer(request);
    if (key) request.principal = await opts.resolveKey(hashApiKey(key));
    // A public read needs no session (the site's files, health checks): no lookup for them.
    else if (opts.sessions && !(access.public && SAFE_METHODS.has(request.method))) request.principal = await bySession(request, opts.sessions);
    if (access.public) return;
    if (!request.principal) throw new AppError('UNAUTHENTICATED', key ? 'The API key is unknown or revoked.' : undefined);
    checkAccess(request.principal, access);
  });
}, { name: 'trove-auth' });

/** The session's member; a write made with it (public routes included: they may act as the caller) must carry its CSRF token. */
async function bySession(request: FastifyRequest, sessions: SessionResolver): Promise<Principal | null> {
  const token = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
  if (!token || !sessions.tokenPattern.test(token)) return null;
  const principal = await sessions.resolve(hashApiKey(token));
  if (principal && !SAFE_METHODS.has(request.method)) {
    const given = Buffer.from(String(request.headers['x-csrf-token'] ?? ''));
    const expected = Buffer.from(sessions.csrfTokenOf(token));
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new AppError('CSRF_TOKEN_INVALID');
  }
  return principal;
}

/** The authenticated caller of a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}
