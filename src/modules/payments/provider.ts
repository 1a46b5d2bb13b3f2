import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';

/** A card payment as the provider reports it: what the buyer's client needs to pay it. */
export interface ProviderPayment {
  id: string;
  /** Handed to the buyer's client (Stripe.js confirms the payment with it). */
  clientSecret: string;
}

/**
 * A card payment provider. Trove asks it for a payment of an order's total and learns the outcome
 * from the provider's signed webhook (`payment_intent.succeeded` / `.canceled`), never from the
 * buyer's client.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Idempotent per order: asking again for the same order returns the same payment. Called after the order commits. */
  createPayment(p: { orderId: string; amountMinor: number; currency: string }): Promise<ProviderPayment>;
  /**
   * In the order's transaction, so the request exists exactly when the order's change does: the
   * sandbox changes its table there; a networked provider would write the request to the outbox
   * there, and call the provider from it (with the order's id as idempotency key).
   */
  refund(ex: Executor, paymentId: string, amountMinor: number): Promise<void>;
  cancel(ex: Executor, paymentId: string): Promise<void>;
}

/**
 * The built-in sandbox (PAYMENTS_SANDBOX=true, for development and tests only: its settle endpoint
 * lets a buyer mark its own payment paid): payments in a table of its own, settled by `simulate`
 * (the sandbox's stand-in for a card form), which yields the Stripe-shaped event a real provider
 * would send.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';

  constructor(private readonly db: Db) {}

  async createPayment(p: { orderId: string; amountMinor: number; currency: string }): Promise<ProviderPayment> {
    const id = `pi_sandbox_${crypto.randomUUID().replaceAll('-', '')}`;
    const { rows } = await sql<{ id: string }>`
      INSERT INTO payments.sandbox_payments (id, order_id, amount_minor, currency) VALUES (${id}, ${p.orderId}, ${p.amountMinor}, ${p.currency})
      ON CONFLICT (order_id) DO UPDATE SET order_id = excluded.order_id RETURNING id`.execute(this.db);
    return { id: rows[0]!.id, clientSecret: `${rows[0]!.id}_secret_sandbox` };
  }

  async refund(ex: Executor, paymentId: string, amountMinor: number): Promise<void> {
    await sql`UPDATE payments.sandbox_payments SET refunded_minor = least(amount_minor, refunded_minor + ${amountMinor}) WHERE id = ${paymentId} AND status = 'succeeded'`.execute(ex);
  }

  async cancel(ex: Executor, paymentId: string): Promise<void> {
    await sql`UPDATE payments.sandbox_payments SET status = 'canceled' WHERE id = ${paymentId} AND status = 'requires_payment_method'`.execute(ex);
  }

  async orderOf(paymentId: string): Promise<string | null> {
    const { rows } = await sql<{ order_id: string }>`SELECT order_id FROM payments.sandbox_payments WHERE id = ${paymentId}`.execute(this.db);
    return rows[0]?.order_id ?? null;
  }

  /** Settles a sandbox payment; returns the event the provider would post, or null if it was settled already. */
  async simulate(paymentId: string, outcome: 'succeeded' | 'canceled'): Promise<StripeLikeEvent | null> {
    const { rows } = await sql<{ order_id: string; amount_minor: number; currency: string }>`
      UPDATE payments.sandbox_payments SET status = ${outcome} WHERE id = ${paymentId} AND status = 'requires_payment_method'
      RETURNING order_id, amount_minor, currency`.execute(this.db);
    const r = rows[0];
    if (!r) return null;
    return {
      id: `evt_sandbox_${crypto.randomUUID().replaceAll('-', '')}`, type: `payment_intent.${outcome}`, created: Math.floor(Date.now() / 1000),
      data: { object: { id: paymentId, object: 'payment_intent', amount: r.amount_minor, amount_received: outcome === 'succeeded' ? r.amount_minor : 0, currency: r.currency.toLowerCase(), metadata: { orderId: r.order_id } } },
    };
  }
}

/** The part of a Stripe event Trove reads. */
export interface StripeLikeEvent {
  id: string;
  type: string;
  created: number;
  data: { object: { id: string; object: string; amount?: number; amount_received?: number; currency?: string; metadata?: Record<string, string> } };
}
