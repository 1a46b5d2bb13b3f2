import crypto from 'node:crypto';
import { sql } from 'kysely';
import { hashApiKey, normaliseApiKey, type Principal, type Role } from './platform/auth.js';
import type { Database, Tx } from './platform/db/database.js';
import { unwrap } from './platform/errors.js';
import { derivedUuid } from './platform/ids.js';
import { Members, Sessions } from './modules/members/index.js';
import { Coupons } from './modules/coupons/index.js';
import { createHotStore, Rewards } from './modules/rewards/index.js';
import { Wallet } from './modules/wallet/index.js';

export const ADMIN_EMAIL = 'admin@trove.local';

const DEMO_MEMBERS: { email: string; displayName: string; roles: Role[]; timeZone: string; homeLocation: { lat: number; lng: number } }[] = [
  { email: 'seller@demo.trove.local', displayName: 'Demo Seller', roles: ['seller'], timeZone: 'Europe/Istanbul', homeLocation: { lat: 41.0082, lng: 28.9784 } },
  { email: 'buyer1@demo.trove.local', displayName: 'Demo Buyer One', roles: ['buyer'], timeZone: 'Europe/Istanbul', homeLocation: { lat: 41.0422, lng: 29.0083 } },
  { email: 'buyer2@demo.trove.local', displayName: 'Demo Buyer Two', roles: ['buyer'], timeZone: 'Europe/Berlin', homeLocation: { lat: 52.52, lng: 13.405 } },
];

export interface SeedResult {
  /** Keys created by this run, to print once. Empty when everything already existed. */
  createdKeys: { email: string; key: string }[];
  /** Web sign-in passwords created by this run (the admin's, generated), to print once. */
  createdPasswords: { email: string; password: string }[];
}

/** The demo members' web password: public, like the demo itself (TROVE_SEED_DEMO=false in production). */
export const DEMO_PASSWORD = 'demo-password';

/**
 * Idempotent: creates the admin (with TROVE_ADMIN_KEY or a generated key) and, when asked, the
 * demo seller and buyers, each approved. A second run creates nothing and prints no key.
 */
/** Coins each demo member starts with, from the issuance account. */
const DEMO_COINS = 1_000;

export async function seed(database: Database, opts: { adminKey?: string; demo: boolean }): Promise<SeedResult> {
  const { db } = database;
  const members = new Members(database);
  const wallet = new Wallet(database);
  const sessions = new Sessions(database.pool);
  const createdKeys: SeedResult['createdKeys'] = [];
  const createdPasswords: SeedResult['createdPasswords'] = [];
  await db.transaction().execute(async (tx) => {
    // Two instances starting together must not both create the admin.
    await sql`SELECT pg_advisory_xact_lock(8388330408291526763)`.execute(tx);
    let admin = (await members.findMemberByEmail(tx, ADMIN_EMAIL))?.id;
    if (!admin) {
      const created = unwrap(await members.register(tx, { email: ADMIN_EMAIL, displayName: 'Trove Admin', roles: ['admin'] }, bootstrapAdmin));
      admin = created.member.id;
      const password = crypto.randomBytes(12).toString('base64url');
      await sessions.setPassword(tx, admin, password);
      createdPasswords.push({ email: ADMIN_EMAIL, password });
      // register() issued a generated key; the operator's chosen key replaces it when given.
      if (opts.adminKey) {
        await members.revokeKey(tx, created.apiKey.id, bootstrapAdmin);
      } else {
        createdKeys.push({ email: ADMIN_EMAIL, key: created.key });
      }
    }
    if (opts.adminKey) {
      const key = normaliseApiKey(opts.adminKey);
      const known = await members.resolveKey(hashApiKey(key));
      if (!known) {
        if (await members.keyHashExists(tx, hashApiKey(key))) throw new Error('TROVE_ADMIN_KEY was revoked; choose a new key (revoked keys never come back)');
        await members.issueKey(tx, { memberId: admin, name: 'TROVE_ADMIN_KEY', scopes: null, createdBy: null, key });
      }
    }
    if (!opts.demo) return;
    for (const demo of DEMO_MEMBERS) {
      if (await members.findMemberByEmail(tx, demo.email)) continue;
      const created = unwrap(await members.register(tx, demo, bootstrapAdmin));
      await sessions.setPassword(tx, created.member.id, DEMO_PASSWORD);
      unwrap(await members.decide(tx, { memberId: created.member.id, to: 'approved', reason: 'demo data', by: bootstrapAdmin }));
      createdKeys.push({ email: demo.email, key: created.key });
      const account = await wallet.ensureMemberAccount(tx, created.member.id, 'COIN');
      const [funded] = await wallet.transferBatch(tx, [{
        id: derivedUuid(`trove-seed:${demo.email}`), kind: 'posted', debitAccountId: 'sys:issuance:COIN', creditAccountId: account.id, amount: DEMO_COINS, reference: 'demo coins',
      }], true);
      if (funded?.result !== 'created' && funded?.result !== 'exists') throw new Error(`demo funding refused: ${funded?.result}`);
    }
    await seedDemoGame(database, tx, members, wallet);
  });
  return { createdKeys, createdPasswords };
}

const DEMO_GAME_ID = derivedUuid('trove-seed:demo-game');
const DEMO_GAME_FUNDING = 'sys:rewards:demo';

/**
 * A running rewards game for the demo: 20 coins for watching 3 different videos in a day, 50 for
 * a 3-day streak. Send `video.watched` events with `attributes.videoId` to see it move.
 */
async function seedDemoGame(database: Database, tx: Tx, members: Members, wallet: Wallet): Promise<void> {
  const rewards = new Rewards(database.db, { members, wallet, coupons: new Coupons(database.db), hot: createHotStore(undefined, null), log: null });
  if (await rewards.findGame(tx, DEMO_GAME_ID)) return;
  unwrap(await wallet.createAccount(tx, {
    id: DEMO_GAME_FUNDING, asset: 'COIN', ownerKind: 'system', ownerId: DEMO_GAME_FUNDING,
    debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false, overdraftLimit: 0, metadata: null,
  }));
  const [funded] = await wallet.transferBatch(tx, [{
    id: derivedUuid('trove-seed:demo-game-funding'), kind: 'posted', debitAccountId: 'sys:issuance:COIN', creditAccountId: DEMO_GAME_FUNDING, amount: 100_000, reference: 'demo game budget',
  }], true);
  if (funded?.result !== 'created' && funded?.result !== 'exists') throw new Error(`demo game funding refused: ${funded?.result}`);
  const year = 365 * 86_400_000;
  const watched = { eventType: 'video.watched', filters: [] };
  unwrap(await rewards.createGame(tx, {
    name: 'Demo: watch and earn', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + year).toISOString(),
    audience: { roles: ['buyer'] }, budgetCoins: 100_000, fundingAccountId: DEMO_GAME_FUNDING, verification: null,
    milestones: [
      { key: 'daily-videos', name: 'Watch 3 different videos today', window: { kind: 'daily' }, repeats: true, reward: { coins: 20, couponCampaignId: null },
        checkpoints: [{ key: 'videos', kind: 'distinct', ...watched, distinctBy: 'videoId', target: 3 }] },
      { key: 'streak', name: 'Watch a video 3 days in a row', window: { kind: 'all_time' }, repeats: false, reward: { coins: 50, couponCampaignId: null },
        checkpoints: [{ key: 'days', kind: 'streak', ...watched, target: 3, minPerDay: 1, freezes: 0 }] },
    ],
  }, null, DEMO_GAME_ID));
}

/** The seed acts with admin rights before any admin key exists. */
const bootstrapAdmin: Principal = { kind: 'service', keyId: 'seed', scopes: ['admin'] };
