import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { AuctionSnapshot } from '../../src/modules/auctions/watch.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auctions } from '../../src/modules/auctions/index.js';
import { DEFAULT_INCREMENTS } from '../../src/modules/auctions/engine.js';
import { replayBids } from '../helpers/auction-reference.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { coinBalance, fundedBuyer, publishedListing } from '../helpers/market.js';

describe('auctions', () => {
  let t: TestApp;
  let seller: { id: string; key: string };
  beforeAll(async () => {
    t = await createTestApp();
    seller = await t.member(['seller']);
  });
  afterAll(() => t.close());

  const post = (key: string, url: string, payload?: object) => t.call(key, { method: 'POST', url, payload });
  const get = (key: string, id: string) => t.call(key, { method: 'GET', url: `/v1/auctions/${id}` });
  const bid = (key: string, id: string, maxMinor: number) => post(key, `/v1/auctions/${id}/bids`, { maxMinor });
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
  const db = () => t.services.marketplace.db;
  /** Moves an auction's end into the past and runs the closer. */
  const endNow = async (id: string) => {
    await sql`UPDATE auctions.auctions SET ends_at = now() - interval '1 second' WHERE id = ${id}`.execute(db());
    await t.services.auctions.closeDue();
  };
  async function auction(over: Record<string, unknown> = {}, listingOver: Record<string, unknown> = {}): Promise<{ id: string; listingId: string }> {
    const listingId = await publishedListing(t, seller, { quantity: 1, ...listingOver });
    const res = await post(seller.key, '/v1/auctions', { listingId, startPriceMinor: 1_000, endsAt: inMinutes(60), ...over });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id, listingId };
  }

  it('holds the leader\'s maximum, voids an outbid hold at once, and sells to the leader at the close', async () => {
    const [a, b, poor] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000), await fundedBuyer(t, 500)];
    const { id, listingId } = await auction({ reserveMinor: 4_000 });
    expect((await post(seller.key, '/v1/auctions', { listingId, startPriceMinor: 1_000, endsAt: inMinutes(60) })).json().error.code).toBe('LISTING_STATE_CONFLICT');
    expect((await bid(a.key, id, 5_000)).json()).toMatchObject({ outcome: 'leading', priceMinor: 4_000 }); // the reserve met at once
    expect(await coinBalance(t, a.id)).toMatchObject({ available: 5_000 });
    expect((await bid(b.key, id, 4_500)).json()).toMatchObject({ outcome: 'outbid', priceMinor: 4_600, minimumBidMinor: 4_700 });
    expect((await bid(b.key, id, 4_600)).json().error).toMatchObject({ code: 'AUCTION_BID_TOO_LOW', details: { minimumBidMinor: 4_700 } });
    expect((await bid(poor.key, id, 6_000)).json().error.code).toBe('AUCTION_BID_NOT_COVERED');
    expect((await bid(seller.key, id, 6_000)).statusCode).toBe(403); // sellers are not buyers
    expect((await bid(b.key, id, 6_000)).json()).toMatchObject({ outcome: 'leading', priceMinor: 5_100 });
    expect(await coinBalance(t, a.id)).toMatchObject({ available: 10_000 });
    expect(await coinBalance(t, b.id)).toMatchObject({ available: 4_000 });
    const seen = (await get(b.key, id)).json();
    expect(seen).toMatchObject({ leading: true, yourMaxMinor: 6_000, priceMinor: 5_100, reserve: { met: true }, bidCount: 3, state: 'open' });
    expect(seen.reserve).not.toHaveProperty('reserveMinor');
    expect((await get(a.key, id)).json()).toMatchObject({ leading: false, yourMaxMinor: null });
    expect((await get(seller.key, id)).json().reserve).toEqual({ met: true, reserveMinor: 4_000 });
    await endNow(id);
    const closed = (await get(b.key, id)).json();
    expect(closed).toMatchObject({ state: 'closed', outcome: 'sold', priceMinor: 5_100 });
    const order = (await t.call(b.key, { method: 'GET', url: `/v1/orders/${closed.orderId}` })).json();
    expect(order).toMatchObject({ state: 'paid', buyerId: b.id, totalMinor: 5_100, lines: [{ listingId, quantity: 1, unitPriceMinor: 5_100 }] });
    expect(await coinBalance(t, b.id)).toMatchObject({ available: 4_900 });
    expect((await bid(a.key, id, 9_000)).json().error.code).toBe('AUCTION_NOT_FOUND'); // sold: the listing is gone for others
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/listings/${listingId}` })).json()).toMatchObject({ state: 'sold', quantity: 0 });
  });

  it('keeps an auction to its listing\'s audience, refuses bids after the end, and gives the stock back unsold', async () => {
    const [inside, outside] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000)];
    const { id, listingId } = await auction({ reserveMinor: 8_000 }, { audience: { kind: 'restricted', listIds: [], buyerIds: [inside.id] } });
    expect((await get(outside.key, id)).statusCode).toBe(404);
    expect((await bid(outside.key, id, 2_000)).json().error.code).toBe('AUCTION_NOT_FOUND');
    expect((await bid(inside.key, id, 2_000)).json().outcome).toBe('leading');
    await sql`UPDATE auctions.auctions SET ends_at = now() - interval '1 second' WHERE id = ${id}`.execute(db());
    expect((await bid(inside.key, id, 3_000)).json().error.code).toBe('AUCTION_CLOSED'); // before the closer has run
    await t.services.auctions.closeDue();
    expect((await get(inside.key, id)).json()).toMatchObject({ state: 'closed', outcome: 'reserve_not_met', orderId: null });
    expect(await coinBalance(t, inside.id)).toMatchObject({ available: 10_000 });
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/listings/${listingId}` })).json()).toMatchObject({ state: 'active', quantity: 1 });
  });

  it('extends the end for a late bid, and ends at once for buy-now, voiding the leader\'s hold', async () => {
    const [a, c] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000)];
    const { id } = await auction({ buyNowMinor: 9_000, endsAt: inMinutes(1), antiSniping: { windowS: 120, extendS: 300 } });
    const late = (await bid(a.key, id, 2_000)).json();
    expect(Date.parse(late.endsAt)).toBeGreaterThan(Date.now() + 290_000);
    expect((await get(c.key, id)).json().buyNowMinor).toBe(9_000);
    const bought = await post(c.key, `/v1/auctions/${id}/buy-now`);
    expect(bought.statusCode, bought.body).toBe(201);
    expect(await coinBalance(t, a.id)).toMatchObject({ available: 10_000 });
    expect(await coinBalance(t, c.id)).toMatchObject({ available: 1_000 });
    expect((await get(c.key, id)).json()).toMatchObject({ state: 'closed', outcome: 'bought_now', orderId: bought.json().orderId });
    expect((await post(a.key, `/v1/auctions/${id}/buy-now`)).json().error.code).toMatch(/AUCTION_CLOSED|AUCTION_NOT_FOUND/);
  });

  it('never lets a bidder lead beyond its funds across auctions bid on at once (the fast check falls back to holding each lead)', async () => {
    const b = await fundedBuyer(t, 1_000);
    const [x, y] = [await auction({ startPriceMinor: 100 }), await auction({ startPriceMinor: 100 })];
    const settled = await Promise.allSettled([t.services.auctions.bid(x.id, b.id, 800), t.services.auctions.bid(y.id, b.id, 800)].concat(
      [t.services.auctions.bid(x.id, b.id, 900)]));
    const outcomes = settled.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code: string }).code));
    expect(outcomes.filter((o) => o === 'AUCTION_BID_NOT_COVERED').length).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ amount: number }>`SELECT amount FROM wallet.transfers WHERE debit_account_id = ${`member:${b.id}:COIN`} AND kind = 'pending' AND status = 'pending'`.execute(db());
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(1_000);
    const leads = await sql<{ n: number }>`SELECT count(*)::int AS n FROM auctions.auctions WHERE id = ANY(${[x.id, y.id]}::uuid[]) AND leader_id = ${b.id}`.execute(db());
    expect(leads.rows[0]!.n).toBe(rows.length);
    expect((await coinBalance(t, b.id)).available).toBe(1_000 - rows.reduce((sum, r) => sum + r.amount, 0));
  });

  it('streams live updates to a watcher: its own process\'s bids at once, another process\'s by the poll', async () => {
    await t.http.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.http.server.address() as AddressInfo).port}`;
    const [watcher, bidder] = [await fundedBuyer(t, 100_000), await fundedBuyer(t, 100_000)];
    const { id } = await auction({ startPriceMinor: 100 });
    const controller = new AbortController();
    const res = await fetch(`${base}/v1/auctions/${id}/events`, { headers: { authorization: `Bearer ${watcher.key}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const seen: { bidCount: number; leading: boolean; priceMinor: number }[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body! as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) seen.push(JSON.parse(data.slice(6)));
        }
      }
    })().catch(() => undefined);
    const until = async (bidCount: number) => {
      for (let i = 0; i < 300 && !seen.some((e) => e.bidCount === bidCount); i++) await new Promise((r) => setTimeout(r, 10));
      return seen.find((e) => e.bidCount === bidCount);
    };
    expect(await until(0)).toMatchObject({ leading: false, priceMinor: 100 });
    await bid(bidder.key, id, 1_000);
    expect(await until(1)).toMatchObject({ leading: false, priceMinor: 100 });
    await bid(watcher.key, id, 5_000);
    expect(await until(2)).toMatchObject({ leading: true, priceMinor: 1_100 });
    const other = new Auctions(db(), { wallet: t.services.wallet, marketplace: t.services.marketplace, orders: t.services.orders });
    await other.bid(id, bidder.id, 9_000);
    expect(await until(3)).toMatchObject({ leading: false, priceMinor: 5_100 });
    controller.abort();
    await reading;
    await other.stop();
    // The server lets go of the watcher when the client goes.
    for (let i = 0; i < 100 && t.services.auctions.watch.watchers > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.services.auctions.watch.watchers).toBe(0);
  });

  it('keeps an auction open to its audience when the listing\'s other units sell out, and lets the leader buy now with its held coins', async () => {
    const [a, b, c] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000)];
    const { id, listingId } = await auction({ buyNowMinor: 6_000 }, { quantity: 2 });
    expect((await post(c.key, '/v1/orders', { listingId })).statusCode).toBe(201); // the last unit for sale
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/listings/${listingId}` })).json()).toMatchObject({ state: 'active', quantity: 0 });
    expect((await bid(a.key, id, 5_000)).json().outcome).toBe('leading');
    expect((await get(b.key, id)).statusCode).toBe(200);
    expect((await bid(b.key, id, 2_000)).json().outcome).toBe('outbid');
    // The leader holds 5,000 of its 10,000 and buys now at 6,000: its hold is released first.
    const seen: AuctionSnapshot[] = [];
    const unwatch = t.services.auctions.watch.watch(id, (s) => seen.push(s));
    const bought = await post(a.key, `/v1/auctions/${id}/buy-now`);
    expect(bought.statusCode, bought.body).toBe(201);
    // Watchers hear who bought it and for how much, not the last bid's state.
    expect(seen.at(-1)).toMatchObject({ state: 'closed', outcome: 'bought_now', priceMinor: 6_000, leaderId: a.id });
    unwatch();
    expect(await coinBalance(t, a.id)).toMatchObject({ available: 4_000 });
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/listings/${listingId}` })).json()).toMatchObject({ state: 'sold', quantity: 0 });
  });

  it('extends the end only for a bid that moves the price or the lead', async () => {
    const [a, b] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000)];
    // A window longer than the extension: every bid lands in it.
    const { id } = await auction({ startPriceMinor: 100, endsAt: inMinutes(1), antiSniping: { windowS: 600, extendS: 300 } });
    const first = (await bid(a.key, id, 2_000)).json();
    const raised = (await bid(a.key, id, 2_500)).json();
    expect(raised.endsAt).toBe(first.endsAt);
    const outbid = (await bid(b.key, id, 1_000)).json();
    expect(outbid.outcome).toBe('outbid');
    expect(Date.parse(outbid.endsAt)).toBeGreaterThan(Date.parse(first.endsAt));
  });

  it('keeps sealed bids hidden and held until the close, then sells to the highest at the second price', async () => {
    const [a, b, c] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000)];
    const { id } = await auction({ kind: 'sealed_second', startPriceMinor: 1_000 });
    const sellerPending = (await coinBalance(t, seller.id)).pending;
    expect((await bid(a.key, id, 3_000)).json()).toMatchObject({ outcome: 'sealed', priceMinor: 1_000 });
    expect((await bid(b.key, id, 5_000)).json().outcome).toBe('sealed');
    expect((await bid(c.key, id, 4_000)).json().outcome).toBe('sealed');
    expect((await bid(c.key, id, 3_500)).json().error).toMatchObject({ code: 'AUCTION_BID_TOO_LOW', details: { minimumBidMinor: 4_001 } });
    expect((await bid(c.key, id, 4_500)).json().outcome).toBe('sealed');
    expect(await coinBalance(t, c.id)).toMatchObject({ available: 5_500 }); // the raise traded its hold
    expect(await coinBalance(t, seller.id)).toMatchObject({ pending: sellerPending }); // held in escrow: the seller's balance tells nothing
    const seen = (await get(c.key, id)).json();
    expect(seen).toMatchObject({ kind: 'sealed_second', priceMinor: 1_000, leading: false, yourMaxMinor: 4_500, minimumBidMinor: 4_501, bidCount: 4 });
    expect((await get(a.key, id)).json().yourMaxMinor).toBe(3_000);
    await endNow(id);
    expect((await get(b.key, id)).json()).toMatchObject({ state: 'closed', outcome: 'sold', priceMinor: 4_500 });
    expect(await coinBalance(t, b.id)).toMatchObject({ available: 5_500 });
    for (const loser of [a, c]) expect(await coinBalance(t, loser.id)).toMatchObject({ available: 10_000 });
    expect((await post(seller.key, '/v1/auctions', { kind: 'sealed_first', listingId: crypto.randomUUID(), startPriceMinor: 1_000, buyNowMinor: 5_000, endsAt: inMinutes(60) })).statusCode).toBe(400);
  });

  it('leaves the auction as it was when a buy-now in the middle of a group cannot pay', async () => {
    const [a, b, c, poor] = [await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000), await fundedBuyer(t, 10_000), await fundedBuyer(t, 100)];
    const { id } = await auction({ buyNowMinor: 9_000, startPriceMinor: 100 });
    expect((await bid(a.key, id, 5_000)).json().outcome).toBe('leading');
    // The first bid goes out alone; the buy-now and the next bid queue behind it and share a group.
    const results = await Promise.allSettled([t.services.auctions.bid(id, b.id, 1_000), t.services.auctions.buyNow(id, poor.id), t.services.auctions.bid(id, c.id, 6_000)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code))).toEqual(['ok', 'ORDER_PAYMENT_REFUSED', 'ok']);
    expect(await coinBalance(t, a.id)).toMatchObject({ available: 10_000 });
    expect(await coinBalance(t, c.id)).toMatchObject({ available: 4_000 });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM wallet.transfers WHERE reference = ${`auction:${id}`} AND kind = 'pending' AND status = 'pending'`.execute(db());
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses bad auctions with 400', async () => {
    const listingId = await publishedListing(t, seller);
    for (const body of [
      { listingId, startPriceMinor: 0, endsAt: inMinutes(60) }, { listingId, startPriceMinor: 1_000, endsAt: inMinutes(0) },
      { listingId, startPriceMinor: 1_000, endsAt: inMinutes(60 * 24 * 31) }, { listingId, startPriceMinor: 1_000, reserveMinor: 999, endsAt: inMinutes(60) },
      { listingId, startPriceMinor: 1_000, buyNowMinor: 500, endsAt: inMinutes(60) }, { listingId, startPriceMinor: 1_000, endsAt: 'soon' },
      { listingId, startPriceMinor: 1_000, endsAt: inMinutes(60), increments: [{ fromMinor: 5, incrementMinor: 1 }] },
      { listingId, startPriceMinor: 1_000, endsAt: inMinutes(60), increments: [{ fromMinor: 0, incrementMinor: 1 }, { fromMinor: 0, incrementMinor: 2 }] },
    ]) {
      const res = await post(seller.key, '/v1/auctions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.call(seller.key, { method: 'GET', url: `/v1/listings/${listingId}` })).json().quantity).toBe(3);
  });

  it('orders 1,000 concurrent bids from 50 buyers into a log a reference model replays exactly, with one winner and one hold', async () => {
    const buyers = await Promise.all(Array.from({ length: 50 }, () => fundedBuyer(t, 1_000_000)));
    const { id } = await auction({ startPriceMinor: 100 });
    const maxes = Array.from({ length: 1_000 }, (_, i) => 100 + ((i * 7_919) % 200_000));
    const responses = await Promise.all(maxes.map((m, i) => bid(buyers[i % 50]!.key, id, m)));
    const accepted = responses.filter((r) => r.statusCode === 201);
    for (const r of responses) if (r.statusCode !== 201) expect(r.json().error.code).toBe('AUCTION_BID_TOO_LOW');
    const log = await t.services.auctions.bidLog(db(), id);
    expect(log.map((b) => b.id).sort()).toEqual(accepted.map((r) => r.json().bidId).sort());
    expect(log.map((b) => b.seq)).toEqual(log.map((_, i) => i + 1));
    const { leader, leaderMax, price, anomalies } = replayBids(log, 100, DEFAULT_INCREMENTS);
    expect(anomalies).toBe(0);
    const row = (await sql<{ price_minor: number; leader_id: string; leader_max_minor: number }>`SELECT * FROM auctions.auctions WHERE id = ${id}`.execute(db())).rows[0]!;
    expect(row).toMatchObject({ price_minor: price, leader_id: leader, leader_max_minor: leaderMax });
    for (const b of buyers) expect((await coinBalance(t, b.id)).available).toBe(b.id === leader ? 1_000_000 - leaderMax : 1_000_000);
    await endNow(id);
    const { rows } = await sql<{ buyer_id: string; total_minor: number }>`SELECT buyer_id, total_minor FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id WHERE l.listing_id = (SELECT listing_id FROM auctions.auctions WHERE id = ${id})`.execute(db());
    expect(rows).toEqual([{ buyer_id: leader, total_minor: price }]);
  });

  it('closes every due auction exactly once with two closers racing', async () => {
    const other = new Auctions(db(), { wallet: t.services.wallet, marketplace: t.services.marketplace, orders: t.services.orders });
    const bidder = await fundedBuyer(t, 1_000_000);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { id } = await auction();
      if (i % 2 === 0) expect((await bid(bidder.key, id, 2_000)).statusCode).toBe(201);
      ids.push(id);
    }
    await sql`UPDATE auctions.auctions SET ends_at = now() - interval '1 second' WHERE id = ANY(${ids}::uuid[])`.execute(db());
    const closed = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 === 0 ? t.services.auctions : other).closeDue()));
    let more = 0;
    while ((more = await t.services.auctions.closeDue()) > 0) closed.push(more);
    expect(closed.reduce((a, b) => a + b, 0)).toBe(30);
    const { rows } = await sql<{ outcome: string; n: number }>`SELECT outcome, count(*)::int AS n FROM auctions.auctions WHERE id = ANY(${ids}::uuid[]) GROUP BY outcome ORDER BY outcome`.execute(db());
    expect(rows).toEqual([{ outcome: 'no_bids', n: 15 }, { outcome: 'sold', n: 15 }]);
    const orders = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders.orders WHERE buyer_id = ${bidder.id}`.execute(db());
    expect(orders.rows[0]!.n).toBe(15);
    expect(await coinBalance(t, bidder.id)).toMatchObject({ available: 1_000_000 - 15 * 1_000 });
    await other.stop();
  });
});
