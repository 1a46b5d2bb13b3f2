import { DateTime } from 'luxon';
import { LINE_CONDITIONS, type Cart, type CartLine, type Condition, type Failure, type Promotion } from './model.js';

/**
 * Conditions, one evaluator per kind. Line conditions (sellers, campaigns, categories, brands,
 * products) pick the lines a promotion targets, all of them at once; cart conditions must hold for
 * the cart. A promotion applies when it targets at least one line and every condition holds.
 */

type LineCondition = Extract<Condition, { kind: (typeof LINE_CONDITIONS)[number] }>;
type CartCondition = Exclude<Condition, LineCondition>;
/** Compared by hand, not looked up in a set: it runs for every condition of every candidate. */
const isLineCondition = (c: Condition): c is LineCondition =>
  c.kind === 'sellers' || c.kind === 'campaigns' || c.kind === 'categories' || c.kind === 'brands' || c.kind === 'products';

export const lineTotal = (lines: readonly CartLine[]) => lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);

const DAY_MS = 86_400_000;

type LineKind = LineCondition['kind'];

/** Lines of a cart: their indexes (ascending) and the lines themselves, in the same order. */
export interface Lines {
  readonly indexes: readonly number[];
  readonly lines: readonly CartLine[];
}

const NO_LINES: Lines = { indexes: [], lines: [] };

/** What every condition reads, worked out once per cart rather than once per promotion. */
export interface CartFacts {
  atMs: number;
  subtotalMinor: number;
  couponCodes: ReadonlySet<string>;
  /** For each line condition kind, the lines with each id (shared by every promotion that names it). */
  linesBy: Record<LineKind, LinesById>;
  allLines: Lines;
}

/**
 * The lines with each id, for one line condition kind. A cart has few lines, so the ids are a list
 * searched in order: five Maps built per cart cost more than the lookups they saved (cartFacts
 * took 11-14 us a cart with them). Past LIST_MAX ids a Map joins the list, so a long cart stays linear.
 */
export class LinesById {
  private static readonly LIST_MAX = 16;
  private readonly ids: string[] = [];
  private readonly found: { indexes: number[]; lines: CartLine[] }[] = [];
  private map: Map<string, number> | null = null;

  get(id: string): { indexes: number[]; lines: CartLine[] } | undefined {
    const k = this.map ? this.map.get(id) ?? -1 : this.ids.indexOf(id);
    return k < 0 ? undefined : this.found[k];
  }

  /** Files line `i` under `id` (lines come in ascending order, a line once per id). */
  file(id: string, i: number, line: CartLine): void {
    const found = this.get(id);
    if (found) {
      if (found.indexes[found.indexes.length - 1] !== i) found.indexes.push(i), found.lines.push(line);
      return;
    }
    this.ids.push(id);
    this.found.push({ indexes: [i], lines: [line] });
    if (this.map) this.map.set(id, this.ids.length - 1);
    else if (this.ids.length > LinesById.LIST_MAX) this.map = new Map(this.ids.map((x, k) => [x, k]));
  }
}

/**
 * A cart's facts, worked out once and passed to every candidate's eligibility (no cache: a caller
 * that changes a cart between evaluations gets facts of what it passes).
 */
export function cartFacts(cart: Cart): CartFacts {
  const linesBy: CartFacts['linesBy'] = { sellers: new LinesById(), campaigns: new LinesById(), categories: new LinesById(), brands: new LinesById(), products: new LinesById() };
  for (let i = 0; i < cart.lines.length; i++) {
    const line = cart.lines[i]!;
    linesBy.sellers.file(line.sellerId, i, line);
    linesBy.categories.file(line.categoryId, i, line);
    linesBy.brands.file(line.brandId, i, line);
    linesBy.products.file(line.productId, i, line);
    for (const id of line.campaignIds ?? []) linesBy.campaigns.file(id, i, line);
  }
  return {
    atMs: Date.parse(cart.at), subtotalMinor: lineTotal(cart.lines), couponCodes: new Set(cart.couponCodes.map((code) => code.toUpperCase())),
    linesBy, allLines: { indexes: cart.lines.map((_, i) => i), lines: cart.lines },
  };
}

const linesAt = (cart: Cart, indexes: number[]): Lines => ({ indexes, lines: indexes.map((i) => cart.lines[i]!) });

/** The lines with any of `ids` for one line condition kind. */
function linesWithAny(cart: Cart, facts: CartFacts, kind: LineKind, ids: readonly string[]): Lines {
  const map = facts.linesBy[kind];
  if (ids.length === 1) return map.get(ids[0]!) ?? NO_LINES;
  const found = new Set<number>();
  for (const id of ids) for (const i of map.get(id)?.indexes ?? []) found.add(i);
  return linesAt(cart, [...found].sort((x, y) => x - y));
}

/**
 * The lines a promotion targets: those meeting every line condition (all lines when it has none).
 * Looked up by id in the cart's facts, not tested line by line.
 */
function targetLines(p: Pick<Promotion, 'conditions'>, cart: Cart, facts: CartFacts): Lines {
  let targets: Lines | null = null;
  for (const c of p.conditions) {
    if (!isLineCondition(c)) continue;
    const meeting = linesWithAny(cart, facts, c.kind, c.ids);
    targets = targets === null ? meeting : linesAt(cart, targets.indexes.filter((i) => meeting.indexes.includes(i)));
    if (targets.indexes.length === 0) break;
  }
  return targets ?? facts.allLines;
}

/**
 * A failure. A module function, not a closure in the check: under tsx (esbuild's keepNames) every
 * closure made in a hot path is named at run time, which cost more than the check itself.
 */
const failure = (condition: Condition['kind'], message: string, extra: Partial<Failure> = {}): Failure => ({ condition, message, ...extra });

/** A minimum cart amount not met by `missingMinor`. */
export const spendFailure = (missingMinor: number): Failure => failure('min_cart_amount', `The cart needs ${missingMinor} more (minor units).`, { missingMinor });

/** A cart condition's verdict: null when it holds, else why not. */
function checkCartCondition(c: CartCondition, cart: Cart, facts: CartFacts, targets: readonly CartLine[]): Failure | null {
  const at = facts.atMs;
  switch (c.kind) {
    case 'min_cart_amount': {
      const missing = c.amountMinor - facts.subtotalMinor;
      return missing <= 0 ? null : spendFailure(missing);
    }
    case 'min_quantity': {
      const quantity = targets.reduce((sum, l) => sum + l.quantity, 0);
      return quantity >= c.quantity ? null : failure(c.kind, `${c.quantity - quantity} more of the promoted items are needed.`, { missingQuantity: c.quantity - quantity });
    }
    case 'member_groups':
      return cart.memberGroups.some((g) => c.groups.includes(g)) ? null : failure(c.kind, 'The member is not in a group this promotion is for.');
    case 'first_order':
      return cart.memberId !== null && cart.firstOrder ? null : failure(c.kind, 'Only for a member\'s first order.');
    case 'new_member': {
      const joined = cart.memberJoinedAt === null ? NaN : Date.parse(cart.memberJoinedAt);
      return at - joined <= c.withinDays * DAY_MS ? null : failure(c.kind, `Only for members who joined in the last ${c.withinDays} days.`);
    }
    case 'channel':
      return c.channels.includes(cart.channel) ? null : failure(c.kind, `Only on ${c.channels.join(', ')}.`);
    case 'payment_method':
      return cart.paymentMethod !== null && c.methods.includes(cart.paymentMethod) ? null : failure(c.kind, `Only when paying with ${c.methods.join(', ')}.`);
    case 'region': {
      const regionOk = !c.regions || (cart.region !== null && c.regions.includes(cart.region));
      const cityOk = !c.cities || (cart.city !== null && c.cities.includes(cart.city));
      return regionOk && cityOk ? null : failure(c.kind, 'Not available where the order is delivered.');
    }
    case 'window':
      // From inclusive, to exclusive, as every validity window in Trove.
      return at >= Date.parse(c.from) && at < Date.parse(c.to) ? null : failure(c.kind, at < Date.parse(c.from) ? 'Not started yet.' : 'Ended.');
    case 'schedule': {
      const local = DateTime.fromMillis(at, { zone: c.timeZone });
      const minute = local.hour * 60 + local.minute;
      const ok = c.isoWeekdays.includes(local.weekday) && minute >= c.fromMinute && minute < c.toMinute;
      return ok ? null : failure(c.kind, 'Not available at this day or hour.');
    }
    case 'coupon_code':
      return facts.couponCodes.has(c.code.toUpperCase()) ? null : failure(c.kind, 'Needs its coupon code.');
  }
}

/** The cart conditions the index checks from numbers it keeps per promotion (search-index.ts). */
export interface PackedChecks {
  minAmountMinor: number;
  fromMs: number;
  toMs: number;
  /** Channel bits (channelBit) the promotion is for; -1: every channel. */
  channels: number;
}

/** A channel's bit; 8 for one no promotion names (only a promotion for every channel has it). */
export const channelBit = (channel: string): number => (channel === 'web' ? 1 : channel === 'ios' ? 2 : channel === 'android' ? 4 : 8);

/**
 * A promotion's conditions as packed checks, when its cart conditions are only minimum amounts,
 * windows and channels (the common ones) and it has at most one line condition, naming one id:
 * then `packedHold` decides as the evaluators above do, and its targets are the lines with that
 * id (or every line). Null otherwise: its conditions are evaluated one by one.
 */
export function packedChecks(p: Pick<Promotion, 'conditions'>): PackedChecks | null {
  const packed: PackedChecks = { minAmountMinor: -Infinity, fromMs: -Infinity, toMs: Infinity, channels: -1 };
  let lineConditions = 0;
  for (const c of p.conditions) {
    if (isLineCondition(c)) {
      if (++lineConditions > 1 || new Set(c.ids).size !== 1) return null;
      continue;
    }
    if (c.kind === 'min_cart_amount') packed.minAmountMinor = Math.max(packed.minAmountMinor, c.amountMinor);
    else if (c.kind === 'window') {
      const from = Date.parse(c.from);
      const to = Date.parse(c.to);
      if (Number.isNaN(from) || Number.isNaN(to)) return null;
      packed.fromMs = Math.max(packed.fromMs, from);
      packed.toMs = Math.min(packed.toMs, to);
    } else if (c.kind === 'channel') {
      let bits = 0;
      for (const channel of c.channels) bits |= channelBit(channel);
      if (bits & 8) return null;
      packed.channels &= bits;
    } else return null;
  }
  return packed;
}

/** Whether packed checks hold: every minimum met, within every window, on one of the channels. */
export const packedHold = (minAmountMinor: number, fromMs: number, toMs: number, channels: number, facts: CartFacts, cartChannelBit: number): boolean =>
  facts.subtotalMinor >= minAmountMinor && facts.atMs >= fromMs && facts.atMs < toMs && (channels & cartChannelBit) !== 0;

/** On success, the target lines: shared with the cart's facts and other promotions, never to be changed. */
export type Eligibility = { ok: true; targets: readonly CartLine[]; lineIndexes: readonly number[] } | { ok: false; failures: Failure[] };

/** Whether a promotion applies to a cart, with its target lines; or every condition that failed. */
export function eligibility(p: Promotion, cart: Cart, facts: CartFacts = cartFacts(cart)): Eligibility {
  const verdict = targetsOrFailures(p, cart, facts);
  return Array.isArray(verdict) ? { ok: false, failures: verdict } : { ok: true, targets: verdict.lines, lineIndexes: verdict.indexes };
}

/** `eligibility` without a result object of its own (pricing asks it for every candidate of every cart). */
export function targetsOrFailures(p: Promotion, cart: Cart, facts: CartFacts): Lines | Failure[] {
  const targets = targetLines(p, cart, facts);
  let failures: Failure[] | null = null;
  if (targets.indexes.length === 0) failures = [{ condition: p.conditions.find(isLineCondition)?.kind ?? 'products', message: 'No item in the cart is part of this promotion.' }];
  for (const c of p.conditions) {
    if (isLineCondition(c)) continue;
    const failure = checkCartCondition(c, cart, facts, targets.lines);
    if (failure) (failures ??= []).push(failure);
  }
  return failures ?? targets;
}
