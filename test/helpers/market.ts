import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** An approved buyer with a COIN wallet holding `coins` (from issuance). */
export async function fundedBuyer(t: TestApp, coins: number): Promise<{ id: string; key: string }> {
  const b = await t.member(['buyer']);
  await t.services.wallet.ensureMemberAccount(t.services.marketplace.db, b.id, 'COIN');
  if (coins > 0) {
    const funded = await t.call(t.adminKey, { method: 'POST', url: '/v1/transfers', payload: { id: crypto.randomUUID(), debitAccountId: 'sys:issuance:COIN', creditAccountId: `member:${b.id}:COIN`, amount: coins } });
    expect(funded.statusCode).toBe(201);
  }
  return b;
}

/** A published COIN listing of the seller's. */
export async function publishedListing(t: TestApp, seller: { key: string }, over: Record<string, unknown> = {}): Promise<string> {
  const created = await t.call(seller.key, { method: 'POST', url: '/v1/listings', payload: { title: 'Vintage camera', category: 'cameras', priceMinor: 1_000, currency: 'COIN', quantity: 3, condition: 'good', ...over } });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await t.call(seller.key, { method: 'PATCH', url: `/v1/listings/${id}`, payload: { state: 'active' } })).statusCode).toBe(200);
  return id;
}

/** A member's COIN balance (zeros when it has no wallet). */
export async function coinBalance(t: TestApp, memberId: string): Promise<{ posted: number; pending: number; available: number }> {
  return (await t.call(t.adminKey, { method: 'GET', url: `/v1/accounts/member:${memberId}:COIN` })).json().balance ?? { posted: 0, pending: 0, available: 0 };
}
