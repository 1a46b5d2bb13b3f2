import os from 'node:os';
import path from 'node:path';

export const LEASE_TTL_DEFAULT_MS = 15_000;

/**
 * Every setting Trove reads from the environment, validated once at start. A bad value stops the
 * process with a message naming the variable, instead of failing later in some request.
 * The table in README.md documents the same list; keep the two in step.
 */
export interface Config {
  /** External PostgreSQL (15+); when absent an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  host: string;
  port: number;
  adminKey: string | undefined;
  logLevel: string;
  dbPoolMax: number;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  bodyLimitBytes: number;
  /** How long a resolved API key is trusted without asking PostgreSQL again; 0 disables. */
  authCacheTtlMs: number;
  /** How long a stock lease lives without renewal: how soon a dead process's coupon units come back. */
  couponLeaseTtlMs: number;
  /** How late a rewards event may arrive and still count in its day. */
  rewardsLatenessMs: number;
  /** Price every cart twice, through the index and by scanning every promotion, and count differences. */
  promotionsShadow: boolean;
  /** Nearby search through the in-memory index (else PostgreSQL alone; both answer the same). */
  marketplaceNearbyIndex: boolean;
  /** Secrets a payment webhook's Stripe-Signature may be made with (several while one is rotated); none: the endpoint is off. */
  stripeWebhookSecrets: string[];
  /** How old a webhook's signed timestamp may be. */
  stripeWebhookToleranceS: number;
  /** The built-in sandbox card provider, for development and tests: its settle endpoint lets a buyer mark its own payment paid. */
  paymentsSandbox: boolean;
  /** Session cookies only over https (browsers treat http://localhost as secure too). */
  sessionCookieSecure: boolean;
  /** Signs members' webhook notifications (their secrets are derived from it); none: webhooks are off. */
  secretKey: string | null;
  /** Lets member webhooks point at private, loopback and link-local addresses (development and tests only). */
  notifyAllowPrivateUrls: boolean;
  /** Email notifications over SMTP (smtp:// or smtps://); none: no email. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Bids on one auction grouped into one transaction at most (1: a transaction per bid). */
  auctionBidBatchMax: number;
  shutdownGraceMs: number;
  /** How long a stopping process keeps accepting connections after /readyz turns 503. */
  shutdownDelayMs: number;
  /** Engines mounted in this process; all by default. */
  modules: string[] | undefined;
  /** `trove serve` processes sharing the port (node:cluster); 1 serves in the process itself. */
  workers: number;
  seedDemo: boolean;
}

export class ConfigError extends Error {}

function secretKey(env: NodeJS.ProcessEnv): string | null {
  const key = env.TROVE_SECRET_KEY;
  if (!key) return null;
  if (key.length < 32) throw new ConfigError('TROVE_SECRET_KEY must be at least 32 characters');
  return key;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const adminKey = env.TROVE_ADMIN_KEY || undefined;
  // 24 to 128 characters after the trove_ prefix (added when missing), as every API key has.
  if (adminKey !== undefined && !/^(trove_)?[A-Za-z0-9_-]{24,128}$/.test(adminKey)) {
    throw new ConfigError('TROVE_ADMIN_KEY must be 24 to 128 characters of A-Z, a-z, 0-9, _ or - (after an optional trove_ prefix)');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const modules = env.TROVE_MODULES ? env.TROVE_MODULES.split(',').map((m) => m.trim()).filter(Boolean) : undefined;
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(env.TROVE_DATA_DIR || '.trove'),
    embeddedPgPort: int(env, 'TROVE_PG_PORT', 54329, 1024, 65535),
    host: env.HOST || '0.0.0.0',
    port: int(env, 'PORT', 8080, 0, 65535),
    adminKey,
    logLevel,
    dbPoolMax: int(env, 'DB_POOL_MAX', 20, 1, 500),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    natsUrl: url(env, 'NATS_URL', ['nats:', 'tls:']),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    authCacheTtlMs: int(env, 'AUTH_CACHE_TTL_MS', 2_000, 0, 60_000),
    couponLeaseTtlMs: int(env, 'COUPON_LEASE_TTL_MS', LEASE_TTL_DEFAULT_MS, 300, 600_000),
    rewardsLatenessMs: int(env, 'REWARDS_LATENESS_MS', 72 * 3600_000, 0, 7 * 86_400_000),
    promotionsShadow: bool(env, 'PROMOTIONS_SHADOW', false),
    marketplaceNearbyIndex: bool(env, 'MARKETPLACE_NEARBY_INDEX', true),
    auctionBidBatchMax: int(env, 'AUCTION_BID_BATCH_MAX', 64, 1, 1_000),
    secretKey: secretKey(env),
    notifyAllowPrivateUrls: bool(env, 'NOTIFY_ALLOW_PRIVATE_URLS', false),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    smtpFrom: env.SMTP_FROM || 'Trove <notifications@trove.local>',
    stripeWebhookSecrets: (env.STRIPE_WEBHOOK_SECRETS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    stripeWebhookToleranceS: int(env, 'STRIPE_WEBHOOK_TOLERANCE_S', 300, 1, 3_600),
    // The demo (and with it the sandbox card provider, which lets a buyer mark its own payment
    // paid) is on by default only on the embedded database, a developer's machine: a server
    // (DATABASE_URL) gets neither unless it asks.
    paymentsSandbox: bool(env, 'PAYMENTS_SANDBOX', demoByDefault(env)),
    sessionCookieSecure: bool(env, 'SESSION_COOKIE_SECURE', true),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    shutdownDelayMs: int(env, 'SHUTDOWN_DELAY_MS', 500, 0, 60_000),
    modules,
    workers: env.TROVE_WORKERS === 'auto' ? os.availableParallelism() : int(env, 'TROVE_WORKERS', 1, 1, 64),
    seedDemo: demoByDefault(env),
  };
}

/** TROVE_SEED_DEMO, or by default: on with the embedded database, off with DATABASE_URL. */
function demoByDefault(env: NodeJS.ProcessEnv): boolean {
  return bool(env, 'TROVE_SEED_DEMO', !env.DATABASE_URL);
}
