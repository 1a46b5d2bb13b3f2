import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { SMTPServer } from 'smtp-server';
import { NatsSink, Notifications, signatureHeader, SmtpSink } from '../../src/modules/notifications/index.js';
import { notificationsOf } from '../../src/modules/notifications/model.js';
import { isPrivateAddress, refusedHost } from '../../src/modules/notifications/url-guard.js';
import { OutboxDispatcher } from '../../src/platform/events/dispatcher.js';
import type { DomainEvent } from '../../src/platform/events/types.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { fundedBuyer, publishedListing } from '../helpers/market.js';

const POLICY = { backoffBaseMs: 20, backoffMaxMs: 100, attemptsMax: 3, digestQuietMs: 200, digestWindowMs: 5_000, leaseMs: 300 };
const event = (type: string, aggregateId: string, payload: Record<string, unknown>, id = Math.floor(Math.random() * 1e12)): DomainEvent =>
  ({ id, aggregateType: type.split('.')[0]!, aggregateId, type, payload, occurredAt: new Date().toISOString() });

describe('what events mean for members', () => {
  it('tells the buyer and the seller of a paid order, and an outbid leader only', () => {
    expect(notificationsOf(event('order.paid', 'o1', { buyerId: 'b', sellerId: 's', totalMinor: 5, currency: 'COIN' })).map((n) => [n.memberId, n.type]))
      .toEqual([['b', 'order.paid'], ['s', 'order.received']]);
    expect(notificationsOf(event('auction.bid', 'a1', { leaderId: 'x', previousLeaderId: 'y', priceMinor: 10 })).map((n) => [n.memberId, n.type])).toEqual([['y', 'auction.outbid']]);
    expect(notificationsOf(event('auction.bid', 'a1', { leaderId: 'x', previousLeaderId: 'x' }))).toEqual([]);
    expect(notificationsOf(event('auction.bid', 'a1', { leaderId: 'x', previousLeaderId: null }))).toEqual([]);
  });
});

describe('the webhook URL guard', () => {
  it('refuses private, loopback, link-local and mapped addresses, and names that resolve to them', async () => {
    for (const a of ['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.20.0.1', '192.168.1.1', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888']) expect(isPrivateAddress(a), a).toBe(false);
    expect(await refusedHost('http://localhost:8080/x')).toBe('a local address');
    expect(await refusedHost('http://169.254.169.254/latest/meta-data')).toBe('a private address');
    expect(await refusedHost('http://[::1]:80/')).toBe('a private address');
    expect(await refusedHost('https://8.8.8.8/hook')).toBeNull();
    const t = await createTestApp({ secretKey: 'k'.repeat(40) });
    try {
      const member = await t.member(['buyer']);
      const res = await t.call(member.key, { method: 'POST', url: '/v1/notifications/endpoints', payload: { url: 'http://127.0.0.1:9/hook' } });
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    } finally {
      await t.close();
    }
  });
});

describe('webhook notifications', () => {
  let t: TestApp;
  let receiver: http.Server;
  let base: string;
  const received: { path: string; body: string; signature: string; delivery: string }[] = [];
  /** Per path: how many of the next requests fail with 500. */
  const failNext = new Map<string, number>();
  beforeAll(async () => {
    // The receiver is on 127.0.0.1, which production refuses (see the url guard's test below).
    t = await createTestApp({ secretKey: 'k'.repeat(40), notifyPolicy: POLICY, notifyAllowPrivateUrls: true });
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const path = req.url ?? '';
        const failures = failNext.get(path) ?? 0;
        if (failures > 0) failNext.set(path, failures - 1);
        else received.push({ path, body, signature: String(req.headers['trove-signature']), delivery: String(req.headers['trove-delivery']) });
        res.writeHead(failures > 0 ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await t.close();
  });

  const endpoint = async (key: string, path: string) => {
    const res = await t.call(key, { method: 'POST', url: '/v1/notifications/endpoints', payload: { url: `${base}${path}` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string };
  };
  /** Hands the outbox's events to the subscribers, as the server's dispatcher does. */
  const dispatch = async () => {
    const dispatcher = new OutboxDispatcher(t.services.marketplace.db, t.db.url, t.bus, pino({ level: 'silent' }));
    while ((await dispatcher.dispatchBatch()).read > 0);
  };
  /** Runs delivery passes until `until` holds (backoffs are tens of milliseconds here). */
  const deliverUntil = async (until: () => boolean, notifications = t.services.notifications) => {
    for (let i = 0; i < 200 && !until(); i++) {
      await notifications.deliverDue();
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const at = (path: string) => received.filter((r) => r.path === path);

  it('delivers signed notifications of an order, retrying a failing webhook until it answers', async () => {
    const seller = await t.member(['seller']);
    const buyer = await fundedBuyer(t, 10_000);
    const sellerHook = await endpoint(seller.key, '/seller');
    await endpoint(buyer.key, '/buyer');
    failNext.set('/buyer', 2);
    const listingId = await publishedListing(t, seller);
    expect((await t.call(buyer.key, { method: 'POST', url: '/v1/orders', payload: { listingId } })).statusCode).toBe(201);
    await dispatch();
    await deliverUntil(() => at('/seller').length > 0 && at('/buyer').length > 0);
    const got = at('/seller')[0]!;
    expect(JSON.parse(got.body)).toMatchObject({ type: 'order.received', memberId: seller.id, count: 1, data: { totalMinor: 1_000, currency: 'COIN' } });
    const t0 = Number(/t=(\d+)/.exec(got.signature)![1]);
    expect(got.signature).toBe(signatureHeader(sellerHook.secret, got.body, t0));
    expect(JSON.parse(at('/buyer')[0]!.body)).toMatchObject({ type: 'order.paid', attempt: 3 });
    const deliveries = (await t.call(buyer.key, { method: 'GET', url: '/v1/notifications/deliveries' })).json().items;
    expect(deliveries[0]).toMatchObject({ state: 'delivered', attempts: 3, type: 'order.paid' });
    // Another process redelivering the same events makes nothing new.
    const before = received.length;
    await dispatch();
    await t.services.notifications.deliverDue();
    expect(received.length).toBe(before);
  });

  it('gives up after the last attempt (the dead letter), and delivers again on replay', async () => {
    const member = await t.member(['buyer']);
    await endpoint(member.key, '/down');
    failNext.set('/down', 1_000);
    await t.services.notifications.fanout(event('order.shipped', crypto.randomUUID(), { buyerId: member.id }));
    const dead = async () => (await t.call(member.key, { method: 'GET', url: '/v1/notifications/deliveries?state=dead' })).json().items as { id: string; attempts: number; lastError: string }[];
    for (let i = 0; i < 200 && (await dead()).length === 0; i++) {
      await t.services.notifications.deliverDue();
      await new Promise((r) => setTimeout(r, 10));
    }
    const [letter] = await dead();
    expect(letter).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
    const stranger = await t.member(['buyer']);
    expect((await t.call(stranger.key, { method: 'POST', url: `/v1/notifications/deliveries/${letter!.id}/replay` })).statusCode).toBe(404);
    failNext.set('/down', 0);
    expect((await t.call(member.key, { method: 'POST', url: `/v1/notifications/deliveries/${letter!.id}/replay` })).statusCode).toBe(204);
    await deliverUntil(() => at('/down').length > 0);
    expect(JSON.parse(at('/down')[0]!.body)).toMatchObject({ type: 'order.shipped', attempt: 1 });
  });

  it('folds a burst of outbids on one auction into one message, counting each event once', async () => {
    const member = await t.member(['buyer']);
    await endpoint(member.key, '/outbid');
    const auctionId = crypto.randomUUID();
    const events = Array.from({ length: 10 }, (_, i) => event('auction.bid', auctionId, { leaderId: crypto.randomUUID(), previousLeaderId: member.id, priceMinor: 100 * (i + 1) }));
    for (const e of events) await t.services.notifications.fanout(e);
    await t.services.notifications.fanout(events[3]!); // delivered twice by the outbox
    await t.services.notifications.deliverDue();
    expect(at('/outbid')).toHaveLength(0); // still within its quiet period
    await deliverUntil(() => at('/outbid').length > 0);
    expect(at('/outbid')).toHaveLength(1);
    expect(JSON.parse(at('/outbid')[0]!.body)).toMatchObject({ type: 'auction.outbid', count: 10, data: { auctionId, priceMinor: 1_000 } });
  });

  it('loses nothing when a worker dies holding deliveries: another process delivers them after the lease', async () => {
    const member = await t.member(['buyer']);
    await endpoint(member.key, '/restart');
    await t.services.notifications.fanout(event('order.delivered', crypto.randomUUID(), { buyerId: member.id }));
    // A worker takes the delivery and dies before sending it.
    const { claimDue } = await import('../../src/modules/notifications/store.js');
    expect((await claimDue(t.services.marketplace.db, 20, POLICY.leaseMs)).length).toBeGreaterThan(0);
    const other = new Notifications(t.services.marketplace.db, { secretKey: 'k'.repeat(40), policy: POLICY, allowPrivateUrls: true });
    expect(await other.deliverDue()).toBe(0);
    await new Promise((r) => setTimeout(r, POLICY.leaseMs + 50));
    await deliverUntil(() => at('/restart').length > 0, other);
    expect(JSON.parse(at('/restart')[0]!.body)).toMatchObject({ type: 'order.delivered', attempt: 2 });
  });

  it('sends only the types a member wants, and refuses bad endpoints', async () => {
    const member = await t.member(['buyer']);
    await endpoint(member.key, '/prefs');
    expect((await t.call(member.key, { method: 'PUT', url: '/v1/notifications/preferences', payload: { types: { 'order.shipped': false } } })).statusCode).toBe(204);
    expect((await t.call(member.key, { method: 'GET', url: '/v1/notifications/preferences' })).json().types).toMatchObject({ 'order.shipped': false, 'order.paid': true });
    await t.services.notifications.fanout(event('order.shipped', crypto.randomUUID(), { buyerId: member.id }));
    await t.services.notifications.fanout(event('order.refunded', crypto.randomUUID(), { buyerId: member.id }));
    await deliverUntil(() => at('/prefs').length > 0);
    await t.services.notifications.deliverDue();
    expect(at('/prefs').map((r) => JSON.parse(r.body).type)).toEqual(['order.refunded']);
    for (const payload of [{ url: 'ftp://x' }, { url: 'not a url' }, {}, { webhook: {} }]) {
      expect((await t.call(member.key, { method: 'POST', url: '/v1/notifications/endpoints', payload })).statusCode).toBe(400);
    }
    expect((await t.call(member.key, { method: 'PUT', url: '/v1/notifications/preferences', payload: { types: { 'no.such': true } } })).statusCode).toBe(400);
  });

  it('publishes to the member\'s subject on NATS JetStream too, once per delivery', async () => {
    const run = crypto.randomBytes(4).toString('hex');
    const [stream, prefix] = [`TROVE_NOTIFY_TEST_${run}`, `trove.notifytest.${run}`];
    const sink = new NatsSink(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', stream, prefix);
    const withNats = new Notifications(t.services.marketplace.db, { secretKey: 'k'.repeat(40), policy: POLICY, sink });
    const member = await t.member(['buyer']);
    try {
      await withNats.fanout(event('order.shipped', crypto.randomUUID(), { buyerId: member.id }));
      while ((await withNats.deliverDue()) > 0);
      const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(stream);
      expect(info.state.messages).toBe(1);
      const msg = await jsm.streams.getMessage(stream, { last_by_subj: `${prefix}.${member.id}.order_shipped` });
      expect(JSON.parse(new TextDecoder().decode(msg!.data))).toMatchObject({ type: 'order.shipped', memberId: member.id });
      await jsm.streams.delete(stream);
      await nc.drain();
      const deliveries = (await t.call(member.key, { method: 'GET', url: '/v1/notifications/deliveries' })).json().items;
      expect(deliveries).toEqual([expect.objectContaining({ channel: 'nats', state: 'delivered', endpointId: null })]);
    } finally {
      await withNats.stop();
    }
  });

  it('emails a member over SMTP when it is configured, with a subject naming what happened', async () => {
    const mails: { to: string; body: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const member = await t.member(['buyer'], { email: `mail-${Date.now()}@example.test` });
    const withEmail = new Notifications(t.services.marketplace.db, {
      secretKey: 'k'.repeat(40), policy: POLICY,
      email: { sink: new SmtpSink(`smtp://127.0.0.1:${port}`, 'Trove <n@trove.test>'), addressOf: async (id) => (await t.services.members.findMember(t.services.marketplace.db, id))?.email ?? null },
    });
    try {
      await withEmail.fanout(event('auction.closed', crypto.randomUUID(), { winnerId: member.id, priceMinor: 5_100, outcome: 'sold' }));
      while ((await withEmail.deliverDue()) > 0);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toMatch(/^mail-\d+@example\.test$/);
      expect(mails[0]!.body).toContain('Subject: You won an auction');
      expect(mails[0]!.body).toContain('priceMinor: 5100');
      const deliveries = (await t.call(member.key, { method: 'GET', url: '/v1/notifications/deliveries' })).json().items;
      expect(deliveries).toEqual([expect.objectContaining({ channel: 'email', state: 'delivered' })]);
    } finally {
      await withEmail.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
