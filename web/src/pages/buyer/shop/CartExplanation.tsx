import { formatMoney } from '../../../ui/money';
import type { Quote } from './types';

type Promotions = Quote['promotions'];
type NearMiss = Promotions['nearMisses'][number];
type Failure = Promotions['notApplied'][number]['failures'][number];

/** "Add 42.50 more for Ten off from 30", in the cart's currency; "Add 2 more items for ..." for a quantity. */
export function nearMissSentence(miss: NearMiss, currency: string): string {
  if (miss.missingMinor !== undefined && miss.missingMinor > 0) return `Add ${formatMoney(miss.missingMinor, currency)} more for ${miss.name}`;
  const n = miss.missingQuantity ?? 0;
  return `Add ${n} more ${n === 1 ? 'item' : 'items'} for ${miss.name}`;
}

/** A failed condition for people: amounts in the cart's currency rather than the engine's minor units. */
export function failureMessage(f: Failure, currency: string): string {
  if (f.missingMinor !== undefined && f.missingMinor > 0) return `The cart needs ${formatMoney(f.missingMinor, currency)} more.`;
  return f.message;
}

/**
 * Why the cart costs what it costs: the promotions that apply and what each takes off, the coupon,
 * what a little more would unlock, and (folded away) why the others do not apply.
 */
export function CartExplanation({ quote }: { quote: Quote }) {
  const { applied, notApplied, nearMisses } = quote.promotions;
  const currency = quote.currency;
  const nothing = applied.length === 0 && notApplied.length === 0 && nearMisses.length === 0 && !quote.coupon;

  return (
    <section aria-labelledby="cart-explanation" className="space-y-3">
      <h2 id="cart-explanation" className="text-lg font-semibold">Savings</h2>
      {nothing && <p className="text-sm text-slate-600">No promotions apply to this cart.</p>}

      {(applied.length > 0 || quote.coupon) && (
        <ul aria-label="Applied promotions" className="space-y-1">
          {applied.map((p) => (
            <li key={p.promotionId} className="flex flex-wrap justify-between gap-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
              <span className="font-medium">{p.name}</span>
              <span>{benefitText(p, currency)}</span>
            </li>
          ))}
          {quote.coupon && (
            <li className="flex flex-wrap justify-between gap-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
              <span className="font-medium">Coupon</span>
              <span>−{formatMoney(quote.coupon.discountMinor, currency)}</span>
            </li>
          )}
        </ul>
      )}

      {nearMisses.length > 0 && (
        <ul aria-label="Almost there" className="space-y-1">
          {nearMisses.map((m) => (
            <li key={m.promotionId} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{nearMissSentence(m, currency)}</li>
          ))}
        </ul>
      )}

      {notApplied.length > 0 && (
        <details className="rounded-md border border-slate-200 px-3 py-2 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">
            {notApplied.length === 1 ? '1 promotion does not apply' : `${notApplied.length} promotions do not apply`}
          </summary>
          <ul className="mt-2 space-y-2">
            {notApplied.map((p) => (
              <li key={p.promotionId}>
                <span className="font-medium">{p.name}</span>
                <ul className="ml-4 list-disc text-slate-600">
                  {p.failures.map((f, i) => <li key={`${f.condition}-${i}`}>{failureMessage(f, currency)}</li>)}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function benefitText(p: Promotions['applied'][number], currency: string): string {
  const parts: string[] = [];
  if (p.discountMinor > 0) parts.push(`−${formatMoney(p.discountMinor, currency)}`);
  if (p.shippingOffMinor > 0) parts.push(`free shipping (−${formatMoney(p.shippingOffMinor, currency)})`);
  if (p.cashbackCoins > 0) parts.push(`${formatMoney(p.cashbackCoins, 'COIN')} back`);
  if (p.giftProductId) parts.push('a gift');
  return parts.join(', ') || 'applied';
}
