import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

export const HOUR_MS = 3600_000;

/** A validity window around now: an hour back to an hour ahead. */
export const openWindow = () => ({ validFrom: new Date(Date.now() - HOUR_MS).toISOString(), validTo: new Date(Date.now() + HOUR_MS).toISOString() });

/** Campaigns, coin budgets and wheels created over HTTP as the admin (or `key`), asserting 201. */
export function couponFixtures(t: TestApp) {
  const post = (url: string, payload: object, key = t.adminKey) => t.call(key, { method: 'POST', url, payload });
  return {
    /** A shared-code campaign of 15.00 TRY off with this limit; `over` replaces any field. */
    async campaign(limitTotal: number, over: Record<string, unknown> = {}, key = t.adminKey): Promise<string> {
      const res = await post('/v1/coupon-campaigns', {
        name: `c${limitTotal}`, value: { kind: 'fixed', amountMinor: 1500 }, currency: 'TRY', limitTotal, ...openWindow(),
        codeMode: 'shared', sharedCode: `S-${crypto.randomBytes(4).toString('hex')}`, ...over,
      }, key);
      expect(res.statusCode).toBe(201);
      return res.json().id;
    },
    /** A coin account that cannot overdraw, holding `prizes` prizes of `amount`. */
    async coinBudget(prizes: number, amount: number): Promise<string> {
      const id = `budget:${crypto.randomUUID()}`;
      expect((await post('/v1/accounts', { id, asset: 'COIN', ownerKind: 'system', ownerId: id, debitsMustNotExceedCredits: true })).statusCode).toBe(201);
      expect((await post('/v1/transfers', { id: crypto.randomUUID(), debitAccountId: 'sys:issuance:COIN', creditAccountId: id, amount: prizes * amount })).statusCode).toBe(201);
      return id;
    },
    /** A stock-weighted wheel open now; `over` replaces any field. */
    async wheel(slices: object[], over: Record<string, unknown> = {}): Promise<string> {
      const res = await post('/v1/wheels', { name: 'Test wheel', weightMode: 'stock', ...openWindow(), slices, ...over });
      expect(res.statusCode).toBe(201);
      return res.json().id;
    },
  };
}
