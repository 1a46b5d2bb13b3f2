import { couponDiscount, type Campaign } from '../coupons/index.js';
import type { MarketplaceService } from '../marketplace/index.js';
import type { Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import type { OrderLine } from './model.js';
import type { CartEvaluation, PricedLine } from './promotions.js';

/** A checkout: one listing (buy-now) or a cart of one seller's listings, in one currency. */
export interface Checkout {
  lines: CheckoutLine[];
  /** wallet: held at once; card: the order waits for the provider's webhook. */
  payment: 'wallet' | 'card';
  /** Coupon codes for the promotions that ask for one. */
  couponCodes?: string[];
  /** A coupon the buyer holds, redeemed with the order through the coupon engine. */
  couponId?: string;
}

export interface CheckoutLine {
  listingId: string;
  quantity: number;
  /** The unit price the buyer was shown; the order is refused if it is no longer the price. */
  expectedUnitPriceMinor?: number;
}

/**
 * Each line's stock at the price the buyer pays now: taken (a checkout, in its transaction) or only
 * looked at (a quote). Taken in listing id order, so two carts with listings in common lock them in
 * the same order and never deadlock; answered in the buyer's order. A cart holds one seller's
 * listings in one currency, each once.
 */
export async function stockLines(
  ex: Executor, marketplace: MarketplaceService, buyerId: string, asGiven: readonly CheckoutLine[], mode: 'take' | 'peek',
): Promise<Result<PricedLine[]>> {
  const lines = asGiven.map((l) => ({ ...l, listingId: l.listingId.toLowerCase() }));
  if (new Set(lines.map((l) => l.listingId)).size !== lines.length) return fail('VALIDATION_FAILED', 'A listing appears twice in the cart: give its quantity once.');
  const priced = new Map<string, PricedLine>();
  for (const line of [...lines].sort((a, b) => (a.listingId < b.listingId ? -1 : 1))) {
    const stock = await (mode === 'take' ? marketplace.takeStock(ex, line.listingId, buyerId, line.quantity) : marketplace.peekStock(ex, line.listingId, buyerId, line.quantity));
    if (!stock) return whyNotTaken(ex, marketplace, buyerId, line);
    const unitPriceMinor = stock.surge?.priceMinor ?? stock.priceMinor;
    if (line.expectedUnitPriceMinor !== undefined && line.expectedUnitPriceMinor !== unitPriceMinor) {
      return fail('ORDER_PRICE_CHANGED', `The unit price is now ${unitPriceMinor}.`, { listingId: line.listingId, unitPriceMinor, surge: stock.surge });
    }
    if (!Number.isSafeInteger(unitPriceMinor * line.quantity)) return fail('ORDER_TOTAL_TOO_LARGE');
    priced.set(line.listingId, { stock, quantity: line.quantity, unitPriceMinor, surgeBp: stock.surge?.multiplierBp ?? 10_000 });
  }
  const inOrder = lines.map((l) => priced.get(l.listingId)!);
  const { sellerId, currency } = inOrder[0]!.stock;
  if (inOrder.some((l) => l.stock.sellerId !== sellerId || l.stock.currency !== currency)) {
    return fail('ORDER_CART_MIXED', 'One order holds one seller\'s listings in one currency: check out each seller\'s separately.');
  }
  if (!Number.isSafeInteger(subtotalOf(inOrder))) return fail('ORDER_TOTAL_TOO_LARGE');
  return ok(inOrder);
}

export const subtotalOf = (lines: readonly { unitPriceMinor: number; quantity: number }[]) => lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);

export const orderLineOf = (l: PricedLine): OrderLine => ({
  listingId: l.stock.listingId, title: l.stock.title, quantity: l.quantity, listPriceMinor: l.stock.priceMinor, surgeBp: l.surgeBp, unitPriceMinor: l.unitPriceMinor,
});

/** Nothing was taken: the listing is not there for this buyer, is its own, or has too few left. */
async function whyNotTaken(ex: Executor, marketplace: MarketplaceService, buyerId: string, line: CheckoutLine): Promise<Result<never>> {
  const listing = await marketplace.findListing(ex, line.listingId, { memberId: buyerId, admin: false, buyer: true });
  const details = { listingId: line.listingId };
  if (!listing) return fail('LISTING_NOT_FOUND', undefined, details);
  if (listing.sellerId === buyerId) return fail('ORDER_OWN_LISTING', undefined, details);
  if (listing.state !== 'active') return fail('LISTING_STATE_CONFLICT', 'The listing is not for sale.', details);
  return fail('ORDER_OUT_OF_STOCK', `${listing.quantity} left.`, { ...details, available: listing.quantity });
}

/**
 * A coupon's value on what is left of each line after the promotions: the coupon engine's rule
 * (couponDiscount) over the lines of the seller it may target.
 */
export function couponOnLines(campaign: Campaign, lines: readonly PricedLine[], evaluation: CartEvaluation): Result<number> {
  const finalOf = new Map(evaluation.lines.map((l) => [l.lineId, l.finalMinor]));
  const applies = couponDiscount(campaign, {
    currency: lines[0]!.stock.currency, sellerId: lines[0]!.stock.sellerId,
    lines: lines.map((l) => ({ category: l.stock.category, amountMinor: finalOf.get(l.stock.listingId) ?? l.unitPriceMinor * l.quantity })),
  });
  return applies.ok ? ok(applies.discountMinor) : fail('ORDER_COUPON_NOT_APPLICABLE', undefined, { reason: applies.reason });
}
