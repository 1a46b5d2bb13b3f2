import type { Promotion } from './model.js';

/**
 * What pricing's hot loops read of a promotion, worked out once rather than read from its objects
 * at every step: its place in application order as one number, its exclusivity group as a number,
 * and flags. At a million promotions each object a loop touches is a cache miss; the index keeps
 * these packed per promotion, and a scan works them out per cart.
 */
export interface Traits {
  flags: number;
  /** The exclusivity group's number (GroupNumbers), -1 for none. */
  group: number;
  /** orderKey(promotion). */
  order: number;
}

export const TRAIT = {
  stackable: 1,
  /** base 'original': its effect never changes within a cart. */
  onOriginal: 2,
  /** A free shipping action: it touches the shipping, not the lines. */
  shipping: 4,
  /** A gift or coin cashback: changes no price, joins the chosen combination. */
  side: 8,
} as const;

/** Whether it stacks with others (one that does not applies alone). */
export const stacks = (t: Traits): boolean => (t.flags & TRAIT.stackable) !== 0;

const PRIORITY_MAX = 1_000; // the API's bound (schemas.ts)
const PREFIX_DIGITS = 6;
const ORDER_PREFIX_SPAN = 16 ** PREFIX_DIGITS;

/**
 * The value of an id's first hex digits, in the order of the id strings (lower-case hex sorts as
 * its numbers do), or -1 when the id does not start so.
 */
function hexPrefix(id: string): number {
  let value = 0;
  for (let i = 0; i < PREFIX_DIGITS; i++) {
    const code = id.charCodeAt(i);
    const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * A number that sorts as application order does (priority, higher first, then id), except between
 * ids that share their first six hex digits: (PRIORITY_MAX - priority) * 16^6 + the prefix, at most
 * 35 bits. -1 when there is none (an id that is not lower-case hex, a priority out of bounds): then
 * the comparator sorts.
 */
export function orderKey(p: Pick<Promotion, 'id' | 'priority'>): number {
  const prefix = hexPrefix(p.id);
  if (prefix < 0 || Math.abs(p.priority) > PRIORITY_MAX || !Number.isInteger(p.priority)) return -1;
  return (PRIORITY_MAX - p.priority) * ORDER_PREFIX_SPAN + prefix;
}

export function flagsOf(p: Promotion): number {
  const kind = p.action.kind;
  return (p.stackable ? TRAIT.stackable : 0) | (p.base === 'original' ? TRAIT.onOriginal : 0)
    | (kind === 'free_shipping' ? TRAIT.shipping : 0) | (kind === 'gift_item' || kind === 'coin_cashback' ? TRAIT.side : 0);
}

/**
 * Exclusivity groups as numbers: compared and looked up without reading their strings. A number
 * is kept for every group name seen, in use or not: a few dozen bytes each.
 */
export class GroupNumbers {
  private readonly numbers = new Map<string, number>();

  of(group: string | null): number {
    if (group === null) return -1;
    let n = this.numbers.get(group);
    if (n === undefined) this.numbers.set(group, (n = this.numbers.size));
    return n;
  }
}
