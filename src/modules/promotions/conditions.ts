import { DateTime } from 'luxon';
import { LINE_CONDITIONS, type Cart, type CartLine, type Condition, type Failure, type Promotion } from './model.js';

/**
 * Conditions, one evaluator per kind. Line conditions (sellers, campaigns, categories, brands,
 * products) pick the lines a promotion targets, all of them at once; cart conditions must hold for
 * the cart. A promotion applies when it targets at least one line and every condition holds.
 */

const isLineCondition = (c: Condition): c is Extract<Condition, { kind: (typeof LINE_CONDITIONS)[number] }> =>
  (LINE_CONDITIONS as readonly string[]).includes(c.kind);

function lineMatches(c: Extract<Condition, { kind: (typeof LINE_CONDITIONS)[number] }>, line: CartLine): boolean {
  switch (c.kind) {
    case 'sellers':
      return c.ids.includes(line.sellerId);
    case 'campaigns':
      return (line.campaignIds ?? []).some((id) => c.ids.includes(id));
    case 'categories':
      return c.ids.includes(line.categoryId);
    case 'brands':
      return c.ids.includes(line.brandId);
    case 'products':
      return c.ids.includes(line.productId);
  }
}

/** The lines a promotion targets: those meeting every line condition (all lines when it has none). */
export function targetLines(p: Pick<Promotion, 'conditions'>, cart: Pick<Cart, 'lines'>): CartLine[] {
  const lineConditions = p.conditions.filter(isLineCondition);
  return cart.lines.filter((line) => lineConditions.every((c) => lineMatches(c, line)));
}

export const lineTotal = (lines: readonly CartLine[]) => lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);

const DAY_MS = 86_400_000;

/** A cart condition's verdict: null when it holds, else why not. */
function checkCartCondition(c: Exclude<Condition, { kind: (typeof LINE_CONDITIONS)[number] }>, cart: Cart, targets: readonly CartLine[]): Failure | null {
  const fail = (message: string, extra: Partial<Failure> = {}): Failure => ({ condition: c.kind, message, ...extra });
  const at = Date.parse(cart.at);
  switch (c.kind) {
    case 'min_cart_amount': {
      const total = lineTotal(cart.lines);
      return total >= c.amountMinor ? null : fail(`The cart needs ${c.amountMinor - total} more (minor units).`, { missingMinor: c.amountMinor - total });
    }
    case 'min_quantity': {
      const quantity = targets.reduce((sum, l) => sum + l.quantity, 0);
      return quantity >= c.quantity ? null : fail(`${c.quantity - quantity} more of the promoted items are needed.`, { missingQuantity: c.quantity - quantity });
    }
    case 'member_groups':
      return cart.memberGroups.some((g) => c.groups.includes(g)) ? null : fail('The member is not in a group this promotion is for.');
    case 'first_order':
      return cart.memberId !== null && cart.firstOrder ? null : fail('Only for a member\'s first order.');
    case 'new_member': {
      const joined = cart.memberJoinedAt === null ? NaN : Date.parse(cart.memberJoinedAt);
      return at - joined <= c.withinDays * DAY_MS ? null : fail(`Only for members who joined in the last ${c.withinDays} days.`);
    }
    case 'channel':
      return c.channels.includes(cart.channel) ? null : fail(`Only on ${c.channels.join(', ')}.`);
    case 'payment_method':
      return cart.paymentMethod !== null && c.methods.includes(cart.paymentMethod) ? null : fail(`Only when paying with ${c.methods.join(', ')}.`);
    case 'region': {
      const regionOk = !c.regions || (cart.region !== null && c.regions.includes(cart.region));
      const cityOk = !c.cities || (cart.city !== null && c.cities.includes(cart.city));
      return regionOk && cityOk ? null : fail('Not available where the order is delivered.');
    }
    case 'window':
      // From inclusive, to exclusive, as every validity window in Trove.
      return at >= Date.parse(c.from) && at < Date.parse(c.to) ? null : fail(at < Date.parse(c.from) ? 'Not started yet.' : 'Ended.');
    case 'schedule': {
      const local = DateTime.fromMillis(at, { zone: c.timeZone });
      const minute = local.hour * 60 + local.minute;
      const ok = c.isoWeekdays.includes(local.weekday) && minute >= c.fromMinute && minute < c.toMinute;
      return ok ? null : fail('Not available at this day or hour.');
    }
    case 'coupon_code':
      return cart.couponCodes.some((code) => code.toUpperCase() === c.code.toUpperCase()) ? null : fail('Needs its coupon code.');
  }
}

export type Eligibility = { ok: true; targets: CartLine[] } | { ok: false; failures: Failure[] };

/** Whether a promotion applies to a cart, with its target lines; or every condition that failed. */
export function eligibility(p: Promotion, cart: Cart): Eligibility {
  const targets = targetLines(p, cart);
  const failures: Failure[] = [];
  if (targets.length === 0) {
    const lineKinds = p.conditions.filter(isLineCondition).map((c) => c.kind);
    failures.push({ condition: lineKinds[0] ?? 'products', message: 'No item in the cart is part of this promotion.' });
  }
  for (const c of p.conditions) {
    if (isLineCondition(c)) continue;
    const failure = checkCartCondition(c, cart, targets);
    if (failure) failures.push(failure);
  }
  return failures.length === 0 ? { ok: true, targets } : { ok: false, failures };
}
