import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.js';
import type { Role } from '../../src/platform/auth.js';
import { InProcessBus } from '../../src/platform/events/in-process-bus.js';
import type { EventBus } from '../../src/platform/events/types.js';
import { seed } from '../../src/seed.js';
import type { RewardsHotStore } from '../../src/modules/rewards/index.js';
import type { NotifyPolicy } from '../../src/modules/notifications/service.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  http: FastifyInstance;
  db: TestDatabase;
  bus: EventBus;
  services: App['services'];
  adminKey: string;
  close(): Promise<void>;
  /** fastify.inject with a key: `call(key, {method, url, payload})`. */
  call(key: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Registers a member; approves it unless `approved: false`. Returns its id and key. */
  member(roles: Role[], opts?: { approved?: boolean; email?: string }): Promise<{ id: string; key: string }>;
}

let counter = 0;

/** The whole app on a database of its own, with an admin key. */
export async function createTestApp(opts: { modules?: string[]; rewardsHotStore?: RewardsHotStore; marketplaceNearbyIndex?: boolean; stripeWebhookSecrets?: string[]; secretKey?: string; notifyPolicy?: Partial<NotifyPolicy>; paymentsSandbox?: boolean; notifyAllowPrivateUrls?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const bus = new InProcessBus();
  // The auth cache is on as in production, so tests prove that revocation and decisions reach it.
  const app = await buildApp({ config: { bodyLimitBytes: 1_048_576, modules: opts.modules, authCacheTtlMs: 2_000, marketplaceNearbyIndex: opts.marketplaceNearbyIndex, stripeWebhookSecrets: opts.stripeWebhookSecrets, secretKey: opts.secretKey, notifyPolicy: opts.notifyPolicy, paymentsSandbox: opts.paymentsSandbox, notifyAllowPrivateUrls: opts.notifyAllowPrivateUrls }, database: db.database, bus, logger: false, rewardsHotStore: opts.rewardsHotStore });
  const { createdKeys } = await seed(db.database, { demo: false });
  const adminKey = createdKeys[0]!.key;
  await app.http.ready();
  // The marketplace's caches answer as in production (the server starts them with marketplace.start()).
  if (!opts.modules || opts.modules.includes('marketplace')) await app.services.marketplace.view.watch.start();
  const call: TestApp['call'] = (key, o) =>
    app.http.inject({ ...o, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(o.headers ?? {}) } });
  return {
    http: app.http,
    db,
    bus,
    services: app.services,
    adminKey,
    call,
    async member(roles, o = {}) {
      counter += 1;
      const email = o.email ?? `m${counter}-${Date.now()}@test.local`;
      const res = await call(null, { method: 'POST', url: '/v1/members', payload: { email, displayName: `Member ${counter}`, roles } });
      if (res.statusCode !== 201) throw new Error(`registration failed: ${res.body}`);
      const { member, key } = res.json() as { member: { id: string }; key: string };
      if (o.approved !== false) {
        const decided = await call(adminKey, { method: 'POST', url: `/v1/members/${member.id}/verification`, payload: { decision: 'approved', reason: 'test' } });
        if (decided.statusCode !== 200) throw new Error(`approval failed: ${decided.body}`);
      }
      return { id: member.id, key };
    },
    async close() {
      await app.http.close();
      await app.services.wheels.stop();
      await app.services.rewards.stop();
      app.services.promotions.stop();
      await app.services.auctions.stop();
      app.services.orders.stop();
      await app.services.notifications.stop();
      await app.services.marketplace.stop();
      await db.close();
    },
  };
}
