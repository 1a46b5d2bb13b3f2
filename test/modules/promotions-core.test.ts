import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, distribute } from '../../src/modules/promotions/actions.js';
import { evaluateCart, nearMisses, priceSet } from '../../src/modules/promotions/combine.js';
import { eligibility } from '../../src/modules/promotions/conditions.js';
import type { Action, Cart, CartLine, Promotion } from '../../src/modules/promotions/model.js';
import { applicationOrder, candidate, sortInApplicationOrder, type Candidate } from '../../src/modules/promotions/pricing.js';
import { flagsOf, orderKey } from '../../src/modules/promotions/traits.js';
import { PromotionIndex } from '../../src/modules/promotions/search-index.js';

const line = (lineId: string, unitPriceMinor: number, quantity = 1, over: Partial<CartLine> = {}): CartLine => ({
  lineId, productId: `p-${lineId}`, sellerId: 's1', categoryId: 'c1', brandId: 'b1', unitPriceMinor, quantity, ...over,
});
const cart = (lines: CartLine[], over: Partial<Cart> = {}): Cart => ({
  currency: 'TRY', lines, shippingMinor: 0, memberId: 'm1', memberGroups: [], firstOrder: false, memberJoinedAt: null,
  channel: 'web', paymentMethod: null, region: null, city: null, couponCodes: [], at: '2026-11-25T12:00:00Z', ...over,
});
let seq = 0;
const promo = (action: Action, over: Partial<Promotion> = {}): Promotion => ({
  id: `promo-${String(++seq).padStart(3, '0')}`, name: 'p', conditions: [], action, priority: 0, exclusivityGroup: null, stackable: true, base: 'original', ...over,
});

/** An action's discounts on `targets` priced at their full line totals, by line id (zeros left out). */
const discountsOf = (action: Action, targets: CartLine[], all: CartLine[] = targets): Record<string, number> => {
  const effect = applyAction(action, targets, targets.map((l) => l.unitPriceMinor * l.quantity), cart(all));
  return Object.fromEntries(targets.map((l, i) => [l.lineId, effect.discounts[i]!]).filter(([, d]) => d !== 0));
};
const sumOf = (discounts: Record<string, number>) => Object.values(discounts).reduce((a, b) => a + b, 0);

describe('promotion actions', () => {
  it('splits an amount over lines in proportion, to the exact amount, never above a line', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 2_000_000 }), (weights, total) => {
      const parts = distribute(total, weights);
      const sum = weights.reduce((a, b) => a + b, 0);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(Math.min(total, sum));
      parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(weights[i]!));
    }));
  });

  it('rounds a percent down, per line, and caps it', () => {
    const lines = [line('a', 999), line('b', 1)];
    expect(discountsOf({ kind: 'percent_off', percent: 10 }, lines)).toEqual({ a: 99 });
    expect(sumOf(discountsOf({ kind: 'percent_off', percent: 50, capMinor: 100 }, lines))).toBe(100);
  });

  it('gives the cheapest units of every buy + get for free', () => {
    const lines = [line('a', 1000, 2), line('b', 300, 1), line('c', 500, 1)];
    // 4 units, buy 2 get 1: one free unit, the cheapest (300).
    expect(discountsOf({ kind: 'buy_x_get_y', buy: 2, get: 1, percentOff: 100 }, lines)).toEqual({ b: 300 });
    // Buy 1 get 1 at 50 %: two rewarded units, the two cheapest.
    expect(discountsOf({ kind: 'buy_x_get_y', buy: 1, get: 1, percentOff: 50 }, lines)).toEqual({ b: 150, c: 250 });
  });

  it('takes the best tier the spend reaches', () => {
    const lines = [line('a', 60_000), line('b', 40_000)];
    const tiers = { kind: 'tiered_spend' as const, tiers: [{ minSpendMinor: 50_000, offMinor: 5_000 }, { minSpendMinor: 100_000, offMinor: 12_000 }] };
    expect(sumOf(discountsOf(tiers, lines))).toBe(12_000);
    expect(discountsOf(tiers, [lines[0]!], lines)).toEqual({ a: 5_000 });
    // A tier table whose higher threshold gives less: the best reached tier counts, so spending less never gives more.
    const odd = { kind: 'tiered_spend' as const, tiers: [{ minSpendMinor: 205, offMinor: 1 }, { minSpendMinor: 0, offMinor: 6 }] };
    expect(sumOf(discountsOf(odd, lines))).toBe(6);
  });
});

describe('promotion conditions', () => {
  it('holds at exactly the minimum amount and says how much is missing below it', () => {
    const p = promo({ kind: 'percent_off', percent: 10 }, { conditions: [{ kind: 'min_cart_amount', amountMinor: 50_000 }] });
    expect(eligibility(p, cart([line('a', 50_000)])).ok).toBe(true);
    const e = evaluateCart(cart([line('a', 45_750)]), [p]);
    expect(nearMisses(e)).toEqual([{ promotionId: p.id, missingMinor: 4_250 }]);
  });

  it('includes a window\'s start and excludes its end', () => {
    const p = promo({ kind: 'amount_off', amountMinor: 100 }, { conditions: [{ kind: 'window', from: '2026-11-25T12:00:00Z', to: '2026-11-25T13:00:00Z' }] });
    expect(eligibility(p, cart([line('a', 500)], { at: '2026-11-25T12:00:00Z' })).ok).toBe(true);
    expect(eligibility(p, cart([line('a', 500)], { at: '2026-11-25T13:00:00Z' })).ok).toBe(false);
  });

  it('reads days and hours in the promotion\'s time zone, across DST', () => {
    // Sundays 09:00-12:00 in New York. 2026-11-01 is the Sunday DST ends: 09:30 EST is 14:30 UTC.
    const p = promo({ kind: 'amount_off', amountMinor: 100 }, { conditions: [{ kind: 'schedule', timeZone: 'America/New_York', isoWeekdays: [7], fromMinute: 540, toMinute: 720 }] });
    expect(eligibility(p, cart([line('a', 500)], { at: '2026-11-01T14:30:00Z' })).ok).toBe(true);
    expect(eligibility(p, cart([line('a', 500)], { at: '2026-11-01T13:30:00Z' })).ok).toBe(false);
    expect(eligibility(p, cart([line('a', 500)], { at: '2026-10-25T13:30:00Z' })).ok).toBe(true);
  });

  it('targets only the lines every line condition picks, and lists every failed condition', () => {
    const p = promo({ kind: 'percent_off', percent: 10 }, { conditions: [{ kind: 'sellers', ids: ['s2'] }, { kind: 'channel', channels: ['ios'] }, { kind: 'coupon_code', code: 'SAVE10' }] });
    const c = cart([line('a', 1000), line('b', 1000, 1, { sellerId: 's2' })], { channel: 'ios', couponCodes: ['save10'] });
    const e = eligibility(p, c);
    expect(e.ok && e.targets.map((l) => l.lineId)).toEqual(['b']);
    const refused = eligibility(p, cart([line('a', 1000)]));
    expect(!refused.ok && refused.failures.map((f) => f.condition)).toEqual(['sellers', 'channel', 'coupon_code']);
  });
});

describe('the best combination', () => {
  it('respects exclusivity groups and non-stacking promotions', () => {
    const c = cart([line('a', 10_000)]);
    const a = promo({ kind: 'percent_off', percent: 10 }, { exclusivityGroup: 'g' });
    const b = promo({ kind: 'percent_off', percent: 15 }, { exclusivityGroup: 'g' });
    const d = promo({ kind: 'amount_off', amountMinor: 500 });
    const solo = promo({ kind: 'amount_off', amountMinor: 1_900 }, { stackable: false });
    const e = evaluateCart(c, [a, b, d, solo]);
    expect(e.applied.map((x) => x.promotionId).sort()).toEqual([b.id, d.id].sort());
    expect(e.totalDiscountMinor).toBe(2_000);
    expect(e.outranked).toEqual([a.id, solo.id].sort());
  });

  it('applies a discounted-base promotion to what earlier ones left', () => {
    const c = cart([line('a', 10_000)]);
    const first = promo({ kind: 'percent_off', percent: 50 }, { priority: 2 });
    const then = promo({ kind: 'percent_off', percent: 50 }, { priority: 1, base: 'discounted' });
    expect(evaluateCart(c, [first, then]).totalDiscountMinor).toBe(7_500);
    const onOriginal = promo({ kind: 'percent_off', percent: 50 }, { priority: 1, base: 'original' });
    // On the original price both take 5,000, and the line cannot go below zero.
    expect(evaluateCart(c, [first, onOriginal]).lines[0]).toMatchObject({ discountMinor: 10_000, finalMinor: 0 });
  });

  const actionArb: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('percent_off' as const), percent: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ kind: fc.constant('amount_off' as const), amountMinor: fc.integer({ min: 1, max: 30_000 }) }),
    fc.record({ kind: fc.constant('fixed_unit_price' as const), unitPriceMinor: fc.integer({ min: 0, max: 5_000 }) }),
    fc.record({ kind: fc.constant('buy_x_get_y' as const), buy: fc.integer({ min: 1, max: 3 }), get: fc.integer({ min: 1, max: 2 }), percentOff: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ kind: fc.constant('tiered_spend' as const), tiers: fc.array(fc.record({ minSpendMinor: fc.integer({ min: 0, max: 30_000 }), offMinor: fc.integer({ min: 1, max: 10_000 }) }), { minLength: 1, maxLength: 3 }) }),
    fc.constant({ kind: 'free_shipping' as const }),
  );
  const promoArb = fc.record({
    action: actionArb, priority: fc.integer({ min: 0, max: 3 }), group: fc.constantFrom(null, null, 'g1', 'g2', 'g3'), stackable: fc.boolean(),
    base: fc.constantFrom('original' as const, 'discounted' as const), seller: fc.constantFrom(null, 's1', 's2', 's3'),
  });
  const cartArb = fc.record({
    lines: fc.array(fc.record({ price: fc.integer({ min: 1, max: 10_000 }), quantity: fc.integer({ min: 1, max: 3 }), seller: fc.constantFrom('s1', 's2', 's3') }), { minLength: 1, maxLength: 5 }),
    shipping: fc.integer({ min: 0, max: 2_000 }),
  });

  /** Every allowed subset of the applicable promotions, priced the same way: the best by total, then fewer, then smaller ids. */
  function exhaustive(c: Cart, promotions: Promotion[]): { total: number; ids: string[] } {
    const applicable = promotions.filter((p) => eligibility(p, c).ok);
    let best = { total: 0, ids: [] as string[] };
    for (let mask = 0; mask < 1 << applicable.length; mask++) {
      const set = applicable.filter((_, i) => mask & (1 << i));
      const groups = set.map((p) => p.exclusivityGroup).filter((g) => g !== null);
      if (new Set(groups).size !== groups.length) continue;
      if (set.length > 1 && set.some((p) => !p.stackable)) continue;
      const option = { total: priceSet(c, set), ids: set.map((p) => p.id).sort() };
      const wins = option.total !== best.total ? option.total > best.total
        : option.ids.length !== best.ids.length ? option.ids.length < best.ids.length
        : option.ids.join(',') < best.ids.join(',');
      if (wins) best = option;
    }
    return best;
  }

  it('equals an exhaustive search on small candidate sets, ties included, never pricing a line below zero', () => {
    fc.assert(fc.property(cartArb, fc.array(promoArb, { minLength: 0, maxLength: 11 }), (rc, rp) => {
      const c = cart(rc.lines.map((l, i) => line(`l${i}`, l.price, l.quantity, { sellerId: l.seller })), { shippingMinor: rc.shipping });
      const promotions = rp.map((r, i) => ({
        id: `p${String(i).padStart(2, '0')}`, name: 'p', action: r.action, priority: r.priority, exclusivityGroup: r.group, stackable: r.stackable, base: r.base,
        conditions: r.seller ? [{ kind: 'sellers' as const, ids: [r.seller] }] : [],
      }));
      const e = evaluateCart(c, promotions);
      const best = exhaustive(c, promotions);
      expect(e.totalDiscountMinor).toBe(best.total);
      expect(e.applied.map((a) => a.promotionId).sort()).toEqual(best.ids);
      // The same cart and promotions in another order price the same way.
      expect(evaluateCart(c, [...promotions].reverse()).applied).toEqual(e.applied);
      for (const l of e.lines) expect(l.finalMinor).toBeGreaterThanOrEqual(0);
      expect(e.applied.reduce((s, a) => s + a.shippingOffMinor, 0)).toBeLessThanOrEqual(c.shippingMinor);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  });

  it('keeps searching exactly past 20 candidates: one more filler never lowers the best total', () => {
    const c = cart([line('a', 10_000)]);
    const first = promo({ kind: 'amount_off', amountMinor: 1 }, { priority: 3 });
    const tier = promo({ kind: 'tiered_spend', tiers: [{ minSpendMinor: 10_000, offMinor: 5_000 }] }, { priority: 2, base: 'discounted' });
    const tenth = promo({ kind: 'percent_off', percent: 10 }, { priority: 1 });
    const fillers = Array.from({ length: 19 }, () => promo({ kind: 'amount_off', amountMinor: 1 }));
    const twenty = evaluateCart(c, [first, tier, tenth, ...fillers.slice(0, 17)]).totalDiscountMinor;
    const more = evaluateCart(c, [first, tier, tenth, ...fillers]).totalDiscountMinor;
    expect(twenty).toBeGreaterThan(5_000);
    expect(more).toBeGreaterThanOrEqual(twenty);
  });

  it('adds gift items and coin cashback to the chosen discounts instead of dropping them for adding no discount', () => {
    const c = cart([line('a', 10_000)]);
    const discount = promo({ kind: 'percent_off', percent: 10 });
    const gift = promo({ kind: 'gift_item', productId: 'tote' });
    const cashback = promo({ kind: 'coin_cashback', percent: 5 }, { exclusivityGroup: 'g' });
    const sameGroup = promo({ kind: 'coin_cashback', percent: 9 }, { exclusivityGroup: 'g' });
    const e = evaluateCart(c, [discount, gift, cashback, sameGroup]);
    expect(e.totalDiscountMinor).toBe(1_000);
    expect(e.applied.map((a) => a.promotionId).sort()).toEqual([discount.id, gift.id, cashback.id].sort());
    expect(e.applied.find((a) => a.promotionId === cashback.id)?.cashbackCoins).toBe(500);
    // A side benefit that does not stack applies only when nothing else does.
    const solo = promo({ kind: 'gift_item', productId: 'mug' }, { stackable: false });
    expect(evaluateCart(c, [discount, solo]).applied.map((a) => a.promotionId)).toEqual([discount.id]);
    expect(evaluateCart(c, [solo]).applied.map((a) => a.promotionId)).toEqual([solo.id]);
  });

});

describe('application order', () => {
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  // Shared prefixes and priorities make the ties the fast sort must hand to the comparator.
  const uuidLike = fc.oneof(fc.tuple(fc.constantFrom('00000a', 'ffffff', '12ab34'), hex(30)).map(([a, b]) => a + b), hex(36));
  const id = fc.oneof(uuidLike, fc.constantFrom('promo-1', 'A00000x', '00000'));
  const priority = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, 1, -1000, 1000));
  it.each([['UUID-like ids (the typed-array sort)', uuidLike], ['any ids', id]])('sorts candidates as the comparator does: %s', (_, ids) => {
    fc.assert(fc.property(fc.array(fc.record({ id: ids, priority }), { maxLength: 40 }), (rows) => {
      const candidates = rows.map((r): Candidate => {
        const p = promo({ kind: 'free_shipping' }, r);
        return candidate(p, p.id, p.action, { indexes: [], lines: [] }, flagsOf(p), -1, orderKey(p));
      });
      const expected = [...candidates].sort((a, b) => applicationOrder(a.promotion, b.promotion));
      sortInApplicationOrder(candidates);
      expect(candidates.map((c) => c.promotion)).toEqual(expected.map((c) => c.promotion));
    }), { numRuns: 2000 });
  });
});

describe('the search index', () => {
  const ids = fc.constantFrom('a', 'b', 'c');
  const lineCondition = fc.oneof(
    fc.record({ kind: fc.constant('products' as const), ids: fc.array(ids, { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('sellers' as const), ids: fc.array(ids, { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('campaigns' as const), ids: fc.array(ids, { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('brands' as const), ids: fc.array(ids, { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('categories' as const), ids: fc.array(ids, { maxLength: 2 }) }),
  );
  // The cart conditions the index packs (at and around the cart's subtotal and time), and one it does not.
  const cartCondition = fc.oneof(
    fc.record({ kind: fc.constant('min_cart_amount' as const), amountMinor: fc.oneof(fc.integer({ min: 0, max: 6_000 }), fc.constantFrom(999, 1_000, 1_001, 1_999, 2_000, 2_001, 3_000, 4_000)) }),
    fc.record({ kind: fc.constant('window' as const), from: fc.constantFrom('2026-11-25T11:00:00Z', '2026-11-25T12:00:00Z', '2026-11-25T12:00:00.001Z'), to: fc.constantFrom('2026-11-25T12:00:00Z', '2026-11-25T13:00:00Z') }),
    fc.record({ kind: fc.constant('channel' as const), channels: fc.subarray(['web', 'ios', 'android'] as const) }),
    fc.record({ kind: fc.constant('member_groups' as const), groups: fc.constant(['gold']) }),
  );
  const promotionArb = fc.record({
    id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), conditions: fc.array(fc.oneof(lineCondition, cartCondition), { maxLength: 3 }),
    percent: fc.integer({ min: 1, max: 60 }), exclusivityGroup: fc.constantFrom(null, 'g1', 'g2'), stackable: fc.boolean(), base: fc.constantFrom('original' as const, 'discounted' as const),
  });
  const op = fc.oneof(promotionArb.map((p) => ({ upsert: p })), fc.constantFrom('p1', 'p2', 'p3').map((id) => ({ remove: id })), fc.constant({ compact: true as const }));
  const cartLine = fc.record({ productId: ids, sellerId: ids, categoryId: ids, brandId: ids, campaignIds: fc.array(ids, { maxLength: 2 }), price: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom(1_000, 2_000)) });

  it('keeps a change made while it lays itself out', async () => {
    const index = new PromotionIndex();
    const [a, b, c] = ['s1', 's2', 's3'].map((seller) => promo({ kind: 'percent_off', percent: 10 }, { conditions: [{ kind: 'sellers', ids: [seller] }] }));
    for (const p of [a!, b!, c!]) index.upsert(p);
    const laying = index.compact(0); // yields after every bucket: the first is done, the others wait
    const renamed = { ...b!, name: 'renamed' };
    index.upsert(renamed);
    index.remove(c!.id);
    await laying;
    expect(index.get(b!.id)).toBe(renamed);
    expect(index.get(c!.id)).toBeNull();
    expect(index.get(a!.id)).toEqual(a);
    expect(index.get(a!.id)).not.toBe(a);
    expect(index.size).toBe(2);
  });

  it('finds what a scan of every promotion finds, through any sequence of changes and layouts', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 30 }), fc.array(cartLine, { minLength: 1, maxLength: 4 }), fc.constantFrom('web' as const, 'ios' as const), async (ops, lines, channel) => {
      const index = new PromotionIndex();
      for (const o of ops) {
        if ('remove' in o) index.remove(o.remove);
        else if ('compact' in o) {
          const before = index.all().sort((x, y) => (x.id < y.id ? -1 : 1));
          await index.compact();
          expect(index.all().sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(before);
        } else {
          const { id, percent, ...rest } = o.upsert;
          index.upsert(promo({ kind: 'percent_off', percent }, { id, ...rest, conditions: rest.conditions as Promotion['conditions'] }));
        }
      }
      const c = cart(lines.map((l, i) => line(`l${i}`, l.price, 1, l)), { channel });
      const scanned = evaluateCart(c, index.all());
      const throughCandidates = evaluateCart(c, index.candidates(c));
      for (const indexed of [throughCandidates, evaluateCart(c, index)]) {
        expect({ applied: indexed.applied, total: indexed.totalDiscountMinor, lines: indexed.lines }).toEqual({ applied: scanned.applied, total: scanned.totalDiscountMinor, lines: scanned.lines });
      }
      // The index's own verdicts (packed checks) are those of every condition evaluated; without
      // explanations, the same pricing and near misses.
      expect(evaluateCart(c, index)).toEqual(throughCandidates);
      const unexplained = evaluateCart(c, index, { explain: false });
      expect({ ...unexplained, notApplied: [] }).toEqual({ ...throughCandidates, notApplied: [] });
      expect(nearMisses(unexplained)).toEqual(nearMisses(throughCandidates));
      const applicable = index.all().filter((p) => eligibility(p, c).ok).map((p) => p.id);
      const found = new Set(index.candidates(c).map((p) => p.id));
      for (const id of applicable) expect(found.has(id)).toBe(true);
    }), { numRuns: 500 });
  });
});
