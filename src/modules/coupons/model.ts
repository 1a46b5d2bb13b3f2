/** Coupon campaign types. Money is integer minor units of the campaign's currency. */
export const COUPON_POLICY = {
  codesPerRequestMax: 100_000,
  /** Codes are inserted in chunks of this many rows per statement. */
  codeInsertChunk: 10_000,
  /** Rounds of regenerating codes that collided before giving up (a collision is ~1e-9 per code). */
  codeRetriesMax: 5,
  limitTotalMax: 100_000_000,
  pageMax: 100,
  /** As the campaigns table's CHECK. */
  targetingMaxBytes: 16_384,
} as const;

export interface Campaign {
  id: string;
  name: string;
  value: { kind: 'fixed'; amountMinor: number } | { kind: 'percent'; percent: number; capMinor: number | null };
  currency: string;
  limitTotal: number;
  perMemberLimit: number;
  issued: number;
  leased: number;
  remaining: number;
  validFrom: string;
  validTo: string;
  minCartMinor: number;
  targeting: { sellers?: string[]; categories?: string[] };
  codeMode: 'shared' | 'unique';
  sharedCode: string | null;
  ownerSellerId: string | null;
  createdAt: string;
}

export interface Coupon {
  id: string;
  campaignId: string;
  memberId: string;
  code: string;
  state: 'issued' | 'reserved' | 'redeemed';
  source: 'admin' | 'spin' | 'reward' | 'import';
  cartId: string | null;
  reservedUntil: string | null;
  orderId: string | null;
  issuedAt: string;
}

/** Why a campaign could not issue, decided from its row after the conditional update refused. */
export function whyNotIssued(c: Pick<Campaign, 'validFrom' | 'validTo'>, now: Date):
  'COUPON_CAMPAIGN_NOT_STARTED' | 'COUPON_CAMPAIGN_ENDED' | 'COUPON_SOLD_OUT' {
  if (now < new Date(c.validFrom)) return 'COUPON_CAMPAIGN_NOT_STARTED';
  if (now >= new Date(c.validTo)) return 'COUPON_CAMPAIGN_ENDED';
  return 'COUPON_SOLD_OUT';
}

/**
 * What a coupon of this campaign takes off a purchase (pure): nothing, with the reason, if the
 * purchase is not one it targets (another currency or seller, no line in its categories, its lines
 * below the minimum); otherwise its fixed amount or its percent (capped) of the lines it targets
 * (all, or those in its categories), never more than their amount.
 */
export function couponDiscount(c: Pick<Campaign, 'value' | 'currency' | 'minCartMinor' | 'targeting'>, p: { currency: string; sellerId: string; lines: readonly { category: string; amountMinor: number }[] }):
  { ok: true; discountMinor: number } | { ok: false; reason: 'currency' | 'seller' | 'category' | 'min_cart' } {
  if (c.currency !== p.currency) return { ok: false, reason: 'currency' };
  if (c.targeting.sellers?.length && !c.targeting.sellers.includes(p.sellerId)) return { ok: false, reason: 'seller' };
  const categories = c.targeting.categories ?? [];
  const eligible = categories.length ? p.lines.filter((l) => categories.includes(l.category)) : p.lines;
  if (eligible.length === 0) return { ok: false, reason: 'category' };
  const amountMinor = eligible.reduce((sum, l) => sum + l.amountMinor, 0);
  if (amountMinor < c.minCartMinor) return { ok: false, reason: 'min_cart' };
  const off = c.value.kind === 'fixed' ? c.value.amountMinor : Math.min(Math.floor((amountMinor * c.value.percent) / 100), c.value.capMinor ?? Number.MAX_SAFE_INTEGER);
  return { ok: true, discountMinor: Math.min(off, amountMinor) };
}
