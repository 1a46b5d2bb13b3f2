import crypto from 'node:crypto';
import { sql } from 'kysely';
import { DEFAULT_INCREMENTS } from '../src/modules/auctions/engine.js';
import type { Running } from '../src/server.js';
import { replayBids } from '../test/helpers/auction-reference.js';
import { envInt } from './lib/env.js';
import { startLoadGenerator, type LoadGenerator } from './lib/load.js';
import { profiled } from './lib/profile.js';
import { startBenchServer } from './lib/server.js';
import type { BenchResult, Row } from './lib/types.js';

export const description = 'Bids on one hot auction over HTTP (64 connections, 50 bidders): bids grouped per transaction vs a transaction per bid, with the anomaly count';

const SETTINGS = {
  bidders: envInt('BENCH_BIDDERS', 50, 2, 10_000),
  durationS: envInt('BENCH_DURATION_S', 15, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  groupedBatchMax: envInt('BENCH_BATCH_MAX', 64, 2, 1_000),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54344, 1024, 65535),
};
const FUNDS_MINOR = 1_000_000_000_000;
const START_MINOR = 1_000;
/** Above the largest increment, so a later bid usually tops an earlier one. */
const STEP_MINOR = 20_000;

async function call(running: Running, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${running.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A seller with a listing on auction, and funded, approved bidders with their keys. */
async function setUp(running: Running, adminKey: string): Promise<{ auctionId: string; bidderKeys: string[] }> {
  const { members, wallet } = running.app.services;
  const db = running.database.db;
  const member = async (email: string, roles: ('buyer' | 'seller')[]) => {
    const registered = await members.register(db, { email, displayName: email, roles }, null);
    if (!registered.ok) throw new Error(`could not register ${email}`);
    const id = registered.value.member.id;
    await call(running, adminKey, 'POST', `/v1/members/${id}/verification`, { decision: 'approved', reason: 'bench' });
    await wallet.ensureMemberAccount(db, id, 'COIN');
    return { id, key: registered.value.key };
  };
  const seller = await member('seller@auction.bench', ['seller']);
  const bidders = [];
  for (let i = 0; i < SETTINGS.bidders; i++) {
    const b = await member(`bidder${i}@auction.bench`, ['buyer']);
    const funded = await wallet.transfer({ id: crypto.randomUUID(), kind: 'posted', debitAccountId: 'sys:issuance:COIN', creditAccountId: `member:${b.id}:COIN`, amount: FUNDS_MINOR });
    if (funded.result !== 'created') throw new Error(`funding failed: ${funded.result}`);
    bidders.push(b);
  }
  const listing = await call(running, seller.key, 'POST', '/v1/listings', { title: 'Signed first edition', category: 'books', priceMinor: 1, currency: 'COIN', quantity: 1, condition: 'good' });
  await call(running, seller.key, 'PATCH', `/v1/listings/${String(listing.json.id)}`, { state: 'active' });
  const auction = await call(running, seller.key, 'POST', '/v1/auctions', {
    listingId: listing.json.id, startPriceMinor: START_MINOR, endsAt: new Date(Date.now() + 86_400_000).toISOString(), antiSniping: { windowS: 0, extendS: 0 },
  });
  if (auction.status !== 201) throw new Error(`could not open the auction: ${JSON.stringify(auction.json)}`);
  return { auctionId: String(auction.json.id), bidderKeys: bidders.map((b) => b.key) };
}

/**
 * Anomalies: bids the reference model disagrees with (replayed from the log), plus any auction
 * hold other than exactly one pending hold of the leader's maximum.
 */
async function anomaliesOf(running: Running, auctionId: string): Promise<{ anomalies: number; accepted: number }> {
  const { auctions } = running.app.services;
  // Bids the load generator gave up on at the end may still be committing: let them finish, then
  // read the log, the holds and the auction in one snapshot.
  await auctions.stop();
  return running.database.db.transaction().setIsolationLevel('repeatable read').execute(async (db) => {
    const log = await auctions.bidLog(db, auctionId);
    const replay = replayBids(log, START_MINOR, DEFAULT_INCREMENTS);
    const { rows } = await sql<{ debit_account_id: string; amount: number }>`
      SELECT debit_account_id, amount FROM wallet.transfers WHERE reference = ${`auction:${auctionId}`} AND kind = 'pending' AND status = 'pending'`.execute(db);
    const holdOk = rows.length === 1 && rows[0]!.amount === replay.leaderMax && rows[0]!.debit_account_id === `member:${replay.leader}:COIN`;
    const row = (await sql<{ price_minor: number; leader_id: string }>`SELECT price_minor, leader_id FROM auctions.auctions WHERE id = ${auctionId}`.execute(db)).rows[0]!;
    const rowOk = row.price_minor === replay.price && row.leader_id === replay.leader;
    return { anomalies: replay.anomalies + (holdOk ? 0 : 1) + (rowOk ? 0 : 1), accepted: log.length };
  });
}

async function variant(load: LoadGenerator, name: string, batchMax: number, port: number): Promise<Row & { anomalies: number }> {
  const server = await startBenchServer(`auction-${batchMax}`, port, { DATABASE_URL: undefined, AUCTION_BID_BATCH_MAX: String(batchMax) });
  try {
    const { auctionId, bidderKeys } = await setUp(server.running, server.adminKey);
    const job = { url: `${server.running.url}/v1/auctions/${auctionId}/bids`, headers: {}, connections: SETTINGS.connections, bids: { memberKeys: bidderKeys, startMinor: START_MINOR, stepMinor: STEP_MINOR } };
    if (SETTINGS.warmupS > 0) await load.measure({ ...job, durationS: SETTINGS.warmupS });
    // The measured run's maxima start above where the warm-up left the price.
    const { rows } = await sql<{ price_minor: number; bid_count: number }>`SELECT price_minor, bid_count FROM auctions.auctions WHERE id = ${auctionId}`.execute(server.running.database.db);
    const m = await profiled(name, () => load.measure({ ...job, durationS: SETTINGS.durationS, bids: { ...job.bids, startMinor: rows[0]!.price_minor + 2 * STEP_MINOR } }));
    const { anomalies, accepted } = await anomaliesOf(server.running, auctionId);
    const refused = m.statusCodes['409'] ?? 0;
    return {
      run: name, 'bids/s': m.requestsPerSec, 'accepted/s': (accepted - rows[0]!.bid_count) / SETTINGS.durationS, 'refused 409 (too low)': refused,
      'other non-2xx + errors': m.non2xx - refused + m.errors,
      'p50 ms': m.latencyP50Ms, 'p99 ms': m.latencyP99Ms, 'server CPU %': m.serverCpuPercent, 'PostgreSQL CPU %': m.databaseCpuPercent ?? 'n/a', anomalies,
    };
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<BenchResult> {
  const load = startLoadGenerator();
  try {
    const peer = await variant(load, 'a transaction per bid (AUCTION_BID_BATCH_MAX=1)', 1, SETTINGS.embeddedPgPort);
    const grouped = await variant(load, `bids grouped (up to ${SETTINGS.groupedBatchMax} a transaction)`, SETTINGS.groupedBatchMax, SETTINGS.embeddedPgPort + 1);
    return {
      rows: [peer, grouped],
      summary: {
        'grouped vs a transaction per bid (bids/s)': Number(grouped['bids/s']) / Number(peer['bids/s']),
        'anomalies (must be 0)': peer.anomalies + grouped.anomalies,
      },
      settings: { ...SETTINGS, startMinor: START_MINOR, stepMinor: STEP_MINOR },
      notes: [
        'Each run: one auction, every bidder funded, bids as random bidders with maxima rising by about one step per request; a bid that arrives after higher ones and is not above the price plus an increment is refused (409): the rule, not an error. bids/s counts every bid decided (accepted or refused, each under the auction\'s lock); accepted/s the ones in the log.',
        'Anomalies: the accepted-bid log replayed through a reference model (test/helpers/auction-reference.ts) must give every price and leader the service recorded; exactly one hold, the leader\'s maximum, must be pending.',
      ],
    };
  } finally {
    await load.close();
  }
}
