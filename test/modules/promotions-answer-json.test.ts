import fc from 'fast-check';
import fastJson from 'fast-json-stringify';
import { describe, expect, it } from 'vitest';
import { evaluationJson, type EvaluationAnswer } from '../../src/modules/promotions/answer-json.js';
import { EvaluationSchema } from '../../src/modules/promotions/schemas.js';

// What Fastify would write from the route's response schema: the hand-written answer must be these bytes.
const generated = fastJson(EvaluationSchema);

// Ids and names as they come: UUIDs and line indexes, and any text at all (quotes, control characters, lone surrogates).
const text = fc.oneof(fc.uuid(), fc.nat(20).map(String), fc.string({ unit: 'binary' }));
const int = fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
/** `base` with or without missingMinor and missingQuantity. */
const withMissing = <T extends object>(base: fc.Arbitrary<T>) =>
  fc.tuple(base, fc.record({ missingMinor: int, missingQuantity: int }, { requiredKeys: [] })).map(([b, m]) => ({ ...b, ...m }));

const answer: fc.Arbitrary<EvaluationAnswer> = fc.record({
  currency: text, subtotalMinor: int, totalDiscountMinor: int, shippingMinor: int, totalMinor: int,
  applied: fc.array(fc.record({
    promotionId: text, discountMinor: int, shippingOffMinor: int, cashbackCoins: int, giftProductId: fc.option(text, { nil: null }),
    lines: fc.array(fc.record({ lineId: text, discountMinor: int }), { maxLength: 4 }),
  }), { maxLength: 6 }),
  lines: fc.array(fc.record({ lineId: text, originalMinor: int, discountMinor: int, finalMinor: int }), { maxLength: 4 }),
  nearMisses: fc.array(withMissing(fc.record({ promotionId: text })), { maxLength: 3 }),
  notApplied: fc.option(fc.array(fc.record({
    promotionId: text,
    failures: fc.array(withMissing(fc.record({ condition: text, message: text })), { maxLength: 3 }),
  }), { maxLength: 3 }), { nil: undefined }),
  outranked: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
}).map(({ notApplied, outranked, ...rest }) => ({ ...rest, ...(notApplied === undefined ? {} : { notApplied }), ...(outranked === undefined ? {} : { outranked }) }));

describe('the evaluation answer written by hand', () => {
  it('is, byte for byte, what the schema\'s generated serializer writes', () => {
    fc.assert(fc.property(answer, (a) => {
      expect(evaluationJson(a)).toBe(generated(a));
    }), { numRuns: 2_000 });
  });

  it('reads back as the same answer', () => {
    fc.assert(fc.property(answer, (a) => {
      expect(JSON.parse(evaluationJson(a))).toEqual(a);
    }), { numRuns: 500 });
  });
});
