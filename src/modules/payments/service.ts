import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { UUID_PATTERN } from '../../platform/schemas.js';
import type { StripeLikeEvent } from './provider.js';

/** What payments asks of orders when the provider reports a card payment's outcome, in its transaction. */
export interface CardOrders {
  find(ex: Executor, id: string, actor: { memberId: string; admin: boolean }): Promise<{ buyerId: string } | null>;
  cardPaymentSucceeded(tx: Executor, paymentId: string, amountMinor: number, currency: string, orderId: string | null): Promise<string>;
  cardPaymentCanceled(tx: Executor, paymentId: string, orderId: string | null): Promise<string>;
}

/**
 * Applies the provider's payment events, each once: the event id is the key of
 * `payments.webhook_events`, written in the same transaction as the order's change, so a
 * redelivered event is acknowledged and changes nothing. Events may come in any order: orders
 * only ever move forward (a success for a cancelled order is refunded, a late failure is noted).
 */
export class Payments {
  constructor(private readonly db: Db, private readonly orders: CardOrders) {}

  async receive(event: StripeLikeEvent): Promise<{ duplicate: boolean; result: string }> {
    const payment = event?.data?.object;
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof payment?.id !== 'string') {
      throw new AppError('VALIDATION_FAILED', 'The event has no id, type or data.object.id.');
    }
    return this.db.transaction().execute(async (tx) => {
      const { rows } = await sql`
        INSERT INTO payments.webhook_events (id, type, result, payload) VALUES (${event.id}, ${event.type}, 'pending', ${JSON.stringify(event)}::jsonb)
        ON CONFLICT (id) DO NOTHING RETURNING 1`.execute(tx);
      if (rows.length === 0) {
        const seen = await sql<{ result: string }>`SELECT result FROM payments.webhook_events WHERE id = ${event.id}`.execute(tx);
        return { duplicate: true, result: seen.rows[0]!.result };
      }
      const result = await this.apply(tx, event.type, payment);
      await sql`UPDATE payments.webhook_events SET result = ${result} WHERE id = ${event.id}`.execute(tx);
      return { duplicate: false, result };
    });
  }

  private async apply(tx: Executor, type: string, payment: StripeLikeEvent['data']['object']): Promise<string> {
    switch (type) {
      case 'payment_intent.succeeded':
        return this.orders.cardPaymentSucceeded(tx, payment.id, Number(payment.amount_received ?? payment.amount ?? -1), String(payment.currency ?? ''), orderIdOf(payment));
      case 'payment_intent.canceled':
        return this.orders.cardPaymentCanceled(tx, payment.id, orderIdOf(payment));
      case 'payment_intent.payment_failed':
        // The buyer may try another card: the order keeps waiting (until the unpaid-order job).
        return 'noted_payment_failed';
      default:
        return 'ignored_type';
    }
  }
}

/** The order id Trove put in the payment's metadata, if it looks like one. */
const orderIdOf = (payment: StripeLikeEvent['data']['object']): string | null => {
  const id = payment.metadata?.orderId;
  return typeof id === 'string' && UUID_PATTERN.test(id) ? id : null;
};
