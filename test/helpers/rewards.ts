import crypto from 'node:crypto';
import { expect } from 'vitest';
import { createHotStore, type RewardsHotStore } from '../../src/modules/rewards/index.js';
import type { TestApp } from './app.js';
import { couponFixtures } from './coupons.js';

export const DAY_MS = 86_400_000;

/**
 * The two hot-store backends every rewards suite runs against: in process, and Redis when
 * REDIS_URL is set (CI sets it). Each Redis store gets its own key prefix, so test files sharing
 * one Redis do not see each other's keys.
 */
export function hotStoreBackends(): { name: string; make: () => RewardsHotStore }[] {
  const backends: { name: string; make: () => RewardsHotStore }[] = [{ name: 'in-process', make: () => createHotStore(undefined, null) }];
  const url = process.env.REDIS_URL;
  if (url) backends.push({ name: 'redis', make: () => createHotStore(url, null, `trove-test:${crypto.randomUUID()}:`) });
  return backends;
}

/** Games over HTTP as the admin, asserting 201; a funded COIN account for their rewards. */
export function rewardFixtures(t: TestApp) {
  const coupons = couponFixtures(t);
  return {
    coupons,
    /** A game running from a week ago to a week ahead, funded with `fundedCoins`; `over` replaces any field. */
    async game(milestones: object[], over: Record<string, unknown> = {}, fundedCoins = 1_000_000): Promise<{ id: string; funding: string }> {
      const funding = await coupons.coinBudget(1, fundedCoins);
      const res = await t.call(t.adminKey, {
        method: 'POST', url: '/v1/games',
        payload: { name: 'Test game', startsAt: new Date(Date.now() - 7 * DAY_MS).toISOString(), endsAt: new Date(Date.now() + 7 * DAY_MS).toISOString(), budgetCoins: fundedCoins, fundingAccountId: funding, milestones, ...over },
      });
      expect(res.statusCode, res.body).toBe(201);
      return { id: res.json().id, funding };
    },
    /** Sends events as the admin; returns the parsed answer. */
    async send(events: object[], key = t.adminKey) {
      const res = await t.call(key, { method: 'POST', url: '/v1/events', payload: { events } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { accepted: number; duplicates: number; unchanged: number; rejected: number; items: { id: string; status: string; completed?: { milestoneKey: string; status: string }[]; error?: { code: string } }[] };
    },
    async balance(memberId: string): Promise<number> {
      const res = await t.call(t.adminKey, { method: 'GET', url: `/v1/accounts/member:${memberId}:COIN` });
      return res.statusCode === 200 ? res.json().balance.posted : 0;
    },
  };
}

let seq = 0;
/** An event for `memberId` now (or `at`), with a fresh id unless given. */
export function ev(memberId: string, type: string, attributes: Record<string, unknown> = {}, over: Record<string, unknown> = {}) {
  seq += 1;
  return { id: `e${seq}-${crypto.randomUUID().slice(0, 8)}`, type, memberId, occurredAt: new Date().toISOString(), attributes, ...over };
}
