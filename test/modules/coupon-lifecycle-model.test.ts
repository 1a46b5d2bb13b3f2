import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coupon } from '../../src/modules/coupons/model.js';
import type { ErrorCode, Result } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Model-based test of a coupon's life: random sequences of issue / reserve / lapse / release /
 * redeem / give back, run through the coupons service against PostgreSQL and through a small
 * in-memory model, comparing every answer (ok, or the error code) and every coupon after each step.
 */
const LIMIT_TOTAL = 3;
const PER_MEMBER_LIMIT = 2;
const hour = 3600_000;
/** How far the database's reserved_until may be from the model's (clock reads, statement time). */
const RESERVED_UNTIL_SLACK_MS = 5_000;

type Member = 0 | 1;
type Actor = 'owner' | 'other';
type Cart = 'cart-A' | 'cart-B';
type Order = 'order-X' | 'order-Y';
/** `coupon` picks one of the coupons issued so far (modulo their number); -1 is an id nobody issued. */
type Action =
  | { kind: 'issue'; member: Member }
  | { kind: 'reissue'; coupon: number; member: Member }
  | { kind: 'reserve'; coupon: number; actor: Actor; cart: Cart; ttlSeconds: number }
  | { kind: 'lapse'; coupon: number }
  | { kind: 'release'; coupon: number; actor: Actor; cart: Cart }
  | { kind: 'redeem'; coupon: number; actor: Actor; order: Order; cart: Cart | null }
  | { kind: 'giveBack'; coupon: number; order: Order };

interface ModelCoupon {
  id: string;
  member: Member;
  code: string | null;
  state: Coupon['state'];
  cartId: Cart | null;
  orderId: Order | null;
  reservedUntilMs: number | null;
}
interface Model { issued: number; perMember: [number, number]; coupons: ModelCoupon[] }
type Expected = { ok: true; coupon: ModelCoupon; created?: boolean } | { ok: false; code: ErrorCode };

const refused = (code: ErrorCode): Expected => ({ ok: false, code });
const pick = (m: Model, index: number): ModelCoupon | undefined => (index < 0 ? undefined : m.coupons[index % m.coupons.length]);

/** What the service should answer, applying the step to the model. */
function modelStep(m: Model, a: Action, newId: string, nowMs: number): Expected {
  if (a.kind === 'issue') {
    if (m.issued >= LIMIT_TOTAL) return refused('COUPON_SOLD_OUT');
    if (m.perMember[a.member] >= PER_MEMBER_LIMIT) return refused('COUPON_MEMBER_LIMIT_REACHED');
    m.issued += 1;
    m.perMember[a.member] += 1;
    const coupon: ModelCoupon = { id: newId, member: a.member, code: null, state: 'issued', cartId: null, orderId: null, reservedUntilMs: null };
    m.coupons.push(coupon);
    return { ok: true, coupon, created: true };
  }
  const c = pick(m, a.coupon);
  if (a.kind === 'reissue') return c!.member === a.member ? { ok: true, coupon: c!, created: false } : refused('COUPON_EXISTS_WITH_DIFFERENT_FIELDS');
  if (!c) return refused('COUPON_NOT_FOUND');
  if (a.kind === 'lapse') {
    if (c.state === 'reserved') Object.assign(c, { state: 'issued', cartId: null, reservedUntilMs: null });
    return { ok: true, coupon: c };
  }
  if (a.kind === 'giveBack') {
    if (c.state !== 'redeemed' || c.orderId !== a.order) return refused('COUPON_NOT_REDEEMED_BY_ORDER');
    Object.assign(c, { state: 'issued', orderId: null });
    return { ok: true, coupon: c };
  }
  if (a.actor === 'other') return refused('COUPON_NOT_YOURS');
  if (a.kind === 'reserve') {
    if (c.state === 'redeemed') return refused('COUPON_ALREADY_REDEEMED');
    if (c.state === 'reserved' && c.cartId !== a.cart) return refused('COUPON_RESERVED');
    Object.assign(c, { state: 'reserved', cartId: a.cart, reservedUntilMs: nowMs + a.ttlSeconds * 1000 });
  } else if (a.kind === 'release') {
    if (c.state === 'redeemed') return refused('COUPON_ALREADY_REDEEMED');
    // Releasing what is not reserved for this cart leaves the coupon as it is.
    if (c.state === 'reserved' && c.cartId === a.cart) Object.assign(c, { state: 'issued', cartId: null, reservedUntilMs: null });
  } else {
    if (c.state === 'redeemed') return c.orderId === a.order ? { ok: true, coupon: c } : refused('COUPON_ALREADY_REDEEMED');
    if (c.state === 'reserved' && c.cartId !== a.cart) return refused('COUPON_RESERVED');
    Object.assign(c, { state: 'redeemed', orderId: a.order, cartId: null, reservedUntilMs: null });
  }
  return { ok: true, coupon: c };
}

const couponIndex = fc.oneof({ arbitrary: fc.nat({ max: LIMIT_TOTAL - 1 }), weight: 9 }, { arbitrary: fc.constant(-1), weight: 1 });
const actor = fc.oneof({ arbitrary: fc.constant<Actor>('owner'), weight: 5 }, { arbitrary: fc.constant<Actor>('other'), weight: 1 });
const member = fc.constantFrom<Member>(0, 1);
const cart = fc.constantFrom<Cart>('cart-A', 'cart-B');
const order = fc.constantFrom<Order>('order-X', 'order-Y');
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('issue' as const), member }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('reissue' as const), coupon: couponIndex, member }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reserve' as const), coupon: couponIndex, actor, cart, ttlSeconds: fc.constantFrom(60, 900, 86_400) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('lapse' as const), coupon: couponIndex }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), coupon: couponIndex, actor, cart }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('redeem' as const), coupon: couponIndex, actor, order, cart: fc.option(cart, { nil: null }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('giveBack' as const), coupon: couponIndex, order }), weight: 2 },
);

/** Sequences that reach every refusal, so a run never passes only because the generator missed them. */
const EXAMPLES: Action[][] = [[
  { kind: 'issue', member: 0 }, { kind: 'issue', member: 0 }, { kind: 'issue', member: 0 }, { kind: 'issue', member: 1 }, { kind: 'issue', member: 1 },
  { kind: 'reissue', coupon: 0, member: 0 }, { kind: 'reissue', coupon: 0, member: 1 },
  { kind: 'reserve', coupon: 0, actor: 'owner', cart: 'cart-A', ttlSeconds: 900 }, { kind: 'reserve', coupon: 0, actor: 'owner', cart: 'cart-B', ttlSeconds: 900 },
  { kind: 'release', coupon: 0, actor: 'owner', cart: 'cart-B' }, { kind: 'redeem', coupon: 0, actor: 'owner', order: 'order-X', cart: null },
  { kind: 'lapse', coupon: 0 }, { kind: 'redeem', coupon: 0, actor: 'owner', order: 'order-X', cart: 'cart-B' },
  { kind: 'redeem', coupon: 0, actor: 'owner', order: 'order-Y', cart: null }, { kind: 'giveBack', coupon: 0, order: 'order-Y' },
  { kind: 'release', coupon: 0, actor: 'other', cart: 'cart-A' }, { kind: 'giveBack', coupon: -1, order: 'order-X' },
]];

describe('a coupon\'s life against a model', () => {
  let t: TestApp;
  const seenCodes = new Set<string>();
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function freshCampaign(): Promise<string> {
    const created = await t.services.coupons.createCampaign(t.db.database.db, {
      name: 'Model', value: { kind: 'fixed', amountMinor: 500 }, currency: 'TRY', limitTotal: LIMIT_TOTAL, perMemberLimit: PER_MEMBER_LIMIT,
      validFrom: new Date(Date.now() - hour).toISOString(), validTo: new Date(Date.now() + hour).toISOString(), minCartMinor: 0,
      targeting: {}, codeMode: 'unique', sharedCode: null, ownerSellerId: null,
    }, null);
    if (!created.ok) throw new Error(`campaign: ${created.code}`);
    const codes = await t.services.coupons.addCodes(created.value, LIMIT_TOTAL);
    if (!codes.ok) throw new Error(`codes: ${codes.code}`);
    return created.value.id;
  }

  /** Runs the step through the service; `memberIds[0]` acts on a coupon nobody issued. */
  async function serviceStep(a: Exclude<Action, { kind: 'lapse' }>, campaignId: string, memberIds: [string, string], target: ModelCoupon | undefined, id: string): Promise<Result<{ coupon: Coupon; created?: boolean }>> {
    const { coupons } = t.services;
    const db = t.db.database.db;
    if (a.kind === 'issue' || a.kind === 'reissue') {
      return db.transaction().execute((tx) => coupons.issue(tx, { id, campaignId, memberId: memberIds[a.member], source: 'admin' }));
    }
    const owner = target?.member ?? 0;
    const acting = 'actor' in a && a.actor === 'other' ? memberIds[owner === 0 ? 1 : 0] : memberIds[owner];
    const done = a.kind === 'reserve' ? await coupons.reserve(db, id, acting, a.cart, a.ttlSeconds)
      : a.kind === 'release' ? await coupons.release(db, id, acting, a.cart)
        : a.kind === 'redeem' ? await coupons.redeem(db, id, acting, a.order, a.cart)
          : await coupons.giveBack(db, id, a.order);
    return done.ok ? { ok: true, value: { coupon: done.value } } : done;
  }

  /** Lets a reservation lapse without waiting for it: a lapsed reservation counts as none. */
  async function lapse(id: string): Promise<void> {
    await t.db.database.pool.query("UPDATE coupons.coupons SET reserved_until = now() - interval '1 second' WHERE id = $1 AND state = 'reserved'", [id]);
  }

  /** The parts of a coupon the model predicts; reservedUntil is checked to within the slack. */
  function expectCoupon(actual: Coupon, expected: ModelCoupon, memberIds: [string, string], where: string) {
    expect({ id: actual.id, memberId: actual.memberId, state: actual.state, cartId: actual.cartId, orderId: actual.orderId }, where)
      .toEqual({ id: expected.id, memberId: memberIds[expected.member], state: expected.state, cartId: expected.cartId, orderId: expected.orderId });
    if (expected.code !== null) expect(actual.code, `${where}: a coupon keeps its code`).toBe(expected.code);
    if (expected.reservedUntilMs === null) expect(actual.reservedUntil, where).toBeNull();
    else expect(Math.abs(Date.parse(actual.reservedUntil!) - expected.reservedUntilMs), `${where}: reservedUntil`).toBeLessThan(RESERVED_UNTIL_SLACK_MS);
  }

  async function expectSameState(m: Model, campaignId: string, memberIds: [string, string], where: string) {
    const campaign = await t.services.coupons.findCampaign(t.db.database.db, campaignId);
    expect({ issued: campaign!.issued, remaining: campaign!.remaining }, `${where}: campaign stock`).toEqual({ issued: m.issued, remaining: LIMIT_TOTAL - m.issued });
    for (const who of [0, 1] as const) {
      const actual = (await t.services.coupons.listMemberCoupons(memberIds[who])).sort((a, b) => a.id.localeCompare(b.id));
      const expected = m.coupons.filter((c) => c.member === who).sort((a, b) => a.id.localeCompare(b.id));
      expect(actual.map((c) => c.id), `${where}: member ${who}'s coupons`).toEqual(expected.map((c) => c.id));
      actual.forEach((c, i) => expectCoupon(c, expected[i]!, memberIds, `${where}: coupon ${c.id}`));
    }
    const codes = m.coupons.map((c) => c.code);
    expect(new Set(codes).size, `${where}: each coupon has a code of its own`).toBe(codes.length);
  }

  it('answers every step as the model does and leaves every coupon as the model has it', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 15 }), async (actions) => {
      const campaignId = await freshCampaign();
      const memberIds: [string, string] = [crypto.randomUUID(), crypto.randomUUID()];
      const unknownId = crypto.randomUUID();
      const m: Model = { issued: 0, perMember: [0, 0], coupons: [] };
      for (const [i, a] of actions.entries()) {
        if (a.kind === 'reissue' && !pick(m, a.coupon)) continue;
        const where = `step ${i} ${JSON.stringify(a)}`;
        const target = a.kind === 'issue' ? undefined : pick(m, a.coupon);
        const id = a.kind === 'issue' ? crypto.randomUUID() : (target?.id ?? unknownId);
        if (a.kind === 'lapse') {
          await lapse(id);
          modelStep(m, a, id, Date.now());
        } else {
          const actual = await serviceStep(a, campaignId, memberIds, target, id);
          const expected = modelStep(m, a, id, Date.now());
          expect(actual.ok ? 'ok' : actual.code, where).toBe(expected.ok ? 'ok' : expected.code);
          if (actual.ok && expected.ok) {
            expected.coupon.code ??= actual.value.coupon.code;
            expectCoupon(actual.value.coupon, expected.coupon, memberIds, where);
            if (expected.created !== undefined) expect(actual.value.created, `${where}: created`).toBe(expected.created);
          }
          if (!actual.ok) seenCodes.add(actual.code);
        }
        await expectSameState(m, campaignId, memberIds, where);
      }
    }), { numRuns: 50, examples: EXAMPLES.map((e) => [e]) });
    // The examples and the random runs between them reach every refusal of the coupon's life.
    expect([...seenCodes].sort()).toEqual([
      'COUPON_ALREADY_REDEEMED', 'COUPON_EXISTS_WITH_DIFFERENT_FIELDS', 'COUPON_MEMBER_LIMIT_REACHED', 'COUPON_NOT_FOUND',
      'COUPON_NOT_REDEEMED_BY_ORDER', 'COUPON_NOT_YOURS', 'COUPON_RESERVED', 'COUPON_SOLD_OUT',
    ]);
  });
});
