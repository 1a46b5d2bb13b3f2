import crypto from 'node:crypto';
import { sql } from 'kysely';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { publishedListing } from '../helpers/market.js';

const [NEW_SECRET, OLD_SECRET] = ['whsec_new_test_secret', 'whsec_old_test_secret'];

describe('card payments and the Stripe-format webhook', () => {
  let t: TestApp;
  let seller: { id: string; key: string };
  let buyer: { id: string; key: string };
  beforeAll(async () => {
    t = await createTestApp({ stripeWebhookSecrets: [NEW_SECRET, OLD_SECRET], paymentsSandbox: true });
    seller = await t.member(['seller']);
    buyer = await t.member(['buyer']);
  });
  afterAll(() => t.close());

  const db = () => t.services.marketplace.db;
  /** Posts an event to the webhook, signed by the official library's test helper. */
  const deliver = (event: object, opts: { secret?: string; timestamp?: number; header?: string; body?: string } = {}) => {
    const payload = opts.body ?? JSON.stringify(event);
    const header = opts.header ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? NEW_SECRET, timestamp: opts.timestamp });
    return t.call(null, { method: 'POST', url: '/v1/payments/webhooks/stripe', headers: { 'stripe-signature': header, 'content-type': 'application/json' }, payload });
  };
  const intentEvent = (type: string, paymentId: string, amount: number, currency = 'try', orderId?: string) => ({
    id: `evt_${crypto.randomUUID().replaceAll('-', '')}`, type, created: Math.floor(Date.now() / 1000),
    data: { object: { id: paymentId, object: 'payment_intent', amount, amount_received: type.endsWith('succeeded') ? amount : 0, currency, metadata: orderId ? { orderId } : {} } },
  });
  async function cardOrder(quantity = 1): Promise<{ id: string; listingId: string; paymentId: string; total: number }> {
    const listingId = await publishedListing(t, seller, { currency: 'TRY', priceMinor: 12_500, quantity: 2 });
    const res = await t.call(buyer.key, { method: 'POST', url: '/v1/orders', payload: { listingId, quantity, payment: 'card' } });
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ state: 'pending_payment', payment: { method: 'card', holdTransferId: null } });
    expect(order.payment.clientSecret).toMatch(/^pi_sandbox_/);
    return { id: order.id, listingId, paymentId: order.payment.providerPaymentId, total: order.totalMinor };
  }
  const orderOf = async (id: string) => (await t.call(buyer.key, { method: 'GET', url: `/v1/orders/${id}` })).json();
  const stock = async (listingId: string) => (await t.call(seller.key, { method: 'GET', url: `/v1/listings/${listingId}` })).json().quantity as number;

  it('verifies signatures: valid, stale, wrong secret, rotated secret, several v1 values, tampered, missing', async () => {
    const { paymentId, total } = await cardOrder();
    const event = intentEvent('payment_intent.payment_failed', paymentId, total);
    const payload = JSON.stringify(event);
    const t0 = Math.floor(Date.now() / 1000);
    const hmac = (secret: string, ts: number) => crypto.createHmac('sha256', secret).update(`${ts}.${payload}`).digest('hex');
    const cases: [string, Parameters<typeof deliver>[1], number][] = [
      ['stale (over 300 s)', { timestamp: t0 - 301 }, 400],
      ['wrong secret', { secret: 'whsec_somebody_else' }, 400],
      ['tampered body', { body: payload.replace('payment_failed', 'succeeded'), header: Stripe.webhooks.generateTestHeaderString({ payload, secret: NEW_SECRET }) }, 400],
      ['missing header', { header: '' }, 400],
      ['garbage header', { header: 'nonsense' }, 400],
      ['valid', {}, 200],
      ['signed with the secret being rotated out', { secret: OLD_SECRET }, 200],
      ['several v1 values, one right', { header: `t=${t0},v1=${hmac('whsec_wrong', t0)},v1=${hmac(NEW_SECRET, t0)}` }, 200],
    ];
    for (const [what, opts, status] of cases) {
      const res = await deliver(event, opts);
      expect(res.statusCode, what).toBe(status);
      if (status === 400) expect(res.json().error.code, what).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM payments.webhook_events WHERE id = ${event.id}`.execute(db());
    expect(rows[0]!.n).toBe(1);
  });

  it('marks a card order paid once, whatever is redelivered or arrives late', async () => {
    const { id, paymentId, total } = await cardOrder();
    const succeeded = intentEvent('payment_intent.succeeded', paymentId, total);
    expect((await deliver(succeeded)).json()).toEqual({ received: true, duplicate: false, result: 'applied' });
    expect((await deliver(succeeded)).json()).toEqual({ received: true, duplicate: true, result: 'applied' });
    expect((await deliver(intentEvent('payment_intent.payment_failed', paymentId, total))).json().result).toBe('noted_payment_failed');
    expect((await deliver(intentEvent('payment_intent.canceled', paymentId, total))).json().result).toBe('ignored_order_paid');
    const order = await orderOf(id);
    expect(order.state).toBe('paid');
    expect(order.history.map((h: { to: string; by: string | null }) => [h.to, h.by])).toEqual([['pending_payment', buyer.id], ['paid', null]]);
  });

  it('cancels on the provider\'s cancellation, gives the stock back, and refunds a success that comes after', async () => {
    const { id, listingId, paymentId, total } = await cardOrder(2);
    expect(await stock(listingId)).toBe(0);
    expect((await deliver(intentEvent('payment_intent.canceled', paymentId, total))).json().result).toBe('applied');
    expect((await orderOf(id)).state).toBe('cancelled');
    expect(await stock(listingId)).toBe(2);
    expect((await deliver(intentEvent('payment_intent.succeeded', paymentId, total))).json().result).toBe('refunded_order_cancelled');
  });

  it('refuses a payment of another amount, and settles through the sandbox for the order\'s buyer only', async () => {
    const { id, paymentId, total } = await cardOrder();
    // Money the order cannot take goes back to the buyer; the order keeps waiting for its payment.
    expect((await deliver(intentEvent('payment_intent.succeeded', paymentId, total - 1))).json().result).toBe('refunded_amount_mismatch');
    expect((await deliver(intentEvent('payment_intent.succeeded', paymentId, total, 'usd'))).json().result).toBe('refunded_amount_mismatch');
    expect((await orderOf(id)).state).toBe('pending_payment');
    const other = await t.member(['buyer']);
    expect((await t.call(other.key, { method: 'POST', url: `/v1/payments/sandbox/${paymentId}/succeeded` })).statusCode).toBe(404);
    const settled = await t.call(buyer.key, { method: 'POST', url: `/v1/payments/sandbox/${paymentId}/succeeded` });
    expect(settled.json()).toMatchObject({ received: true, result: 'applied' });
    expect((await t.call(buyer.key, { method: 'POST', url: `/v1/payments/sandbox/${paymentId}/succeeded` })).statusCode).toBe(409);
    // Paid by card, then refunded by the seller: the provider refunds it.
    await t.call(seller.key, { method: 'POST', url: `/v1/orders/${id}/ship` });
    expect((await t.call(seller.key, { method: 'POST', url: `/v1/orders/${id}/refund` })).json().state).toBe('refunded');
    const { rows } = await sql<{ refunded_minor: number }>`SELECT refunded_minor FROM payments.sandbox_payments WHERE id = ${paymentId}`.execute(db());
    expect(rows[0]!.refunded_minor).toBe(total);
  });

  it('cancels card orders left unpaid past their time, once, and gives their stock back', async () => {
    const { id, listingId } = await cardOrder(2);
    expect(await t.services.orders.cancelStalePending()).toBe(0);
    await sql`UPDATE orders.orders SET created_at = now() - interval '31 minutes' WHERE id = ${id}`.execute(db());
    const swept = await Promise.all([t.services.orders.cancelStalePending(), t.services.orders.cancelStalePending()]);
    expect(swept.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await orderOf(id)).state).toBe('cancelled');
    expect(await stock(listingId)).toBe(2);
  });
  it('finds the order of a payment whose event comes before the order recorded it, by the order id in its metadata', async () => {
    const { id, paymentId, total } = await cardOrder();
    await sql`UPDATE orders.orders SET provider_payment_id = NULL WHERE id = ${id}`.execute(db());
    expect((await deliver(intentEvent('payment_intent.succeeded', paymentId, total))).json().result).toBe('unknown_payment');
    expect((await deliver(intentEvent('payment_intent.succeeded', paymentId, total, 'try', id))).json().result).toBe('applied');
    expect(await orderOf(id)).toMatchObject({ state: 'paid', payment: { providerPaymentId: paymentId } });
  });

  it('gives a promotion\'s use back when the provider cancels the payment', async () => {
    const category = `card${Date.now()}`;
    const promo = (await t.call(t.adminKey, { method: 'POST', url: '/v1/promotions', payload: { name: 'p', conditions: [{ kind: 'categories', ids: [category] }], action: { kind: 'percent_off', percent: 10 }, usesLimit: 1 } })).json().id;
    const listingId = await publishedListing(t, seller, { currency: 'TRY', priceMinor: 10_000, quantity: 5, category });
    const first = (await t.call(buyer.key, { method: 'POST', url: '/v1/orders', payload: { listingId, payment: 'card' } })).json();
    expect(first.discountMinor).toBe(1_000);
    expect((await deliver(intentEvent('payment_intent.canceled', first.payment.providerPaymentId, first.totalMinor))).json().result).toBe('applied');
    const second = (await t.call(buyer.key, { method: 'POST', url: '/v1/orders', payload: { listingId, payment: 'card' } })).json();
    expect(second.discountMinor).toBe(1_000);
    expect(promo).toBeTruthy();
  });
});


describe('the webhook without secrets', () => {
  it('is off', async () => {
    const t = await createTestApp();
    try {
      const res = await t.call(null, { method: 'POST', url: '/v1/payments/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, payload: '{}' });
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'WEBHOOKS_NOT_CONFIGURED']);
    } finally {
      await t.close();
    }
  });
});
