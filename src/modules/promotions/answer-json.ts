import type { Static } from 'typebox';
import type { EvaluationSchema } from './schemas.js';

/**
 * The answer of POST /v1/carts/evaluate as JSON, written out by hand. At 1.5 million promotions a
 * cart's answer names about a hundred applied promotions (21.7 KB), and the schema's generated
 * serializer (fast-json-stringify) cost a third of what the route adds to pricing: it checks each
 * integer and walks each id character by character to escape it. Here an id that holds only
 * characters JSON never escapes (every UUID, every line index) is written as it is, the others
 * through JSON.stringify. The bytes are the generated serializer's, property by property in the
 * schema's order (test/modules/promotions-answer-json.test.ts checks it on random answers).
 */
export type EvaluationAnswer = Static<typeof EvaluationSchema>;
type Failure = NonNullable<EvaluationAnswer['notApplied']>[number]['failures'][number];

const PLAIN = /^[\w.:-]*$/;
const str = (s: string) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

const missing = (m: { missingMinor?: number; missingQuantity?: number }) =>
  (m.missingMinor === undefined ? '' : `,"missingMinor":${m.missingMinor}`) + (m.missingQuantity === undefined ? '' : `,"missingQuantity":${m.missingQuantity}`);

/** `items` written by `one`, comma-separated, in brackets. */
function list<T>(items: readonly T[], one: (item: T) => string): string {
  let s = '[';
  for (let i = 0; i < items.length; i++) s += (i > 0 ? ',' : '') + one(items[i]!);
  return `${s}]`;
}

const appliedLine = (l: EvaluationAnswer['applied'][number]['lines'][number]) => `{"lineId":${str(l.lineId)},"discountMinor":${l.discountMinor}}`;

const applied = (a: EvaluationAnswer['applied'][number]) =>
  `{"promotionId":${str(a.promotionId)},"discountMinor":${a.discountMinor},"shippingOffMinor":${a.shippingOffMinor},"cashbackCoins":${a.cashbackCoins},` +
  `"giftProductId":${a.giftProductId === null ? 'null' : str(a.giftProductId)},"lines":${list(a.lines, appliedLine)}}`;

const line = (l: EvaluationAnswer['lines'][number]) =>
  `{"lineId":${str(l.lineId)},"originalMinor":${l.originalMinor},"discountMinor":${l.discountMinor},"finalMinor":${l.finalMinor}}`;

const nearMiss = (n: EvaluationAnswer['nearMisses'][number]) => `{"promotionId":${str(n.promotionId)}${missing(n)}}`;

const failure = (f: Failure) => `{"condition":${str(f.condition)},"message":${JSON.stringify(f.message)}${missing(f)}}`;

const notApplied = (n: NonNullable<EvaluationAnswer['notApplied']>[number]) => `{"promotionId":${str(n.promotionId)},"failures":${list(n.failures, failure)}}`;

export function evaluationJson(e: EvaluationAnswer): string {
  return `{"currency":${str(e.currency)},"subtotalMinor":${e.subtotalMinor},"totalDiscountMinor":${e.totalDiscountMinor},"shippingMinor":${e.shippingMinor},` +
    `"totalMinor":${e.totalMinor},"applied":${list(e.applied, applied)},"lines":${list(e.lines, line)},"nearMisses":${list(e.nearMisses, nearMiss)}` +
    (e.notApplied === undefined ? '' : `,"notApplied":${list(e.notApplied, notApplied)}`) +
    (e.outranked === undefined ? '' : `,"outranked":${list(e.outranked, str)}`) + '}';
}
