import Stripe from 'stripe';
import { AppError } from '../../platform/errors.js';
import type { StripeLikeEvent } from './provider.js';

/**
 * Verifies a Stripe-format webhook (`Stripe-Signature: t=...,v1=...`: HMAC-SHA256 over
 * `t.rawBody`) with the official library's verifier: the timestamp within the tolerance, any v1
 * value matching, compared in constant time. Several secrets may be configured while one is
 * rotated out: the event is accepted if it verifies with any of them.
 */
export class WebhookVerifier {
  constructor(private readonly secrets: readonly string[], private readonly toleranceS: number) {}

  get enabled(): boolean {
    return this.secrets.length > 0;
  }

  verify(rawBody: Buffer, signature: string | undefined): StripeLikeEvent {
    if (!signature) throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'The Stripe-Signature header is missing.');
    let reason = 'no secret is configured';
    for (const secret of this.secrets) {
      try {
        return Stripe.webhooks.constructEvent(rawBody, signature, secret, this.toleranceS) as unknown as StripeLikeEvent;
      } catch (err) {
        reason = (err as Error).message;
      }
    }
    throw new AppError('WEBHOOK_SIGNATURE_INVALID', `The signature does not verify: ${reason.split('.')[0]}.`);
  }
}
