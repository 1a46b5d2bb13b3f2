import { useRef, useState, type FormEvent } from 'react';
import { couponValueText, isUsable, useMyCoupons, type MyCoupon } from '../../../ui/coupons';
import { formatDate } from '../../../ui/format';
import { Button, Select } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';

const SOURCE: Record<string, string> = { admin: 'from Trove', spin: 'won on the wheel', reward: 'a reward', import: 'imported' };

/** "Spring sale: €5.00 off (carts from €20.00, until 1 Jun 2026) · 7KQ2M-XR4PD": a coupon in the picker. */
export function couponOption(c: MyCoupon): string {
  const terms = [
    ...(c.campaign.minCartMinor > 0 ? [`carts from ${formatMoney(c.campaign.minCartMinor, c.campaign.currency)}`] : []),
    `until ${formatDate(c.campaign.validTo)}`,
  ];
  return `${c.campaign.name}: ${couponValueText(c.campaign)} (${terms.join(', ')}) · ${c.code}, ${SOURCE[c.source] ?? c.source}`;
}

/**
 * A coupon the buyer holds (select "Coupon") and promotion codes (field "Promotion code"). Only
 * coupons usable now in the cart's currency are offered (not used, not expired, not held by
 * another cart); the chosen one stays listed even if it stops being usable, so the quote can say why.
 */
export function CouponPicker({ currency, couponId, codes, onCoupon, onCodes }: {
  currency: string;
  couponId: string;
  codes: string[];
  onCoupon: (id: string) => void;
  onCodes: (codes: string[]) => void;
}) {
  const coupons = useMyCoupons();
  const now = new Date();
  const usable = coupons.data?.items.filter((c) => c.id === couponId || (isUsable(c, now) && c.campaign.currency === currency)) ?? [];
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const chips = useRef(new Map<string, HTMLButtonElement>());

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    if (!c || codes.some((x) => x.toLowerCase() === c.toLowerCase())) return setCode('');
    onCodes([...codes, c]);
    setCode('');
  };

  // After removing a code, focus goes to the next code's remove button, else the previous one, else the field.
  const remove = (i: number) => {
    const rest = codes.filter((_, j) => j !== i);
    onCodes(rest);
    const next = rest[i] ?? rest[i - 1];
    requestAnimationFrame(() => (next !== undefined ? chips.current.get(next) : codeInput.current)?.focus());
  };

  return (
    <div className="space-y-2">
      <Select label="Coupon" value={couponId} onChange={(e) => onCoupon(e.target.value)} disabled={coupons.isPending}>
        <option value="">{coupons.isPending ? 'Loading your coupons…' : usable.length === 0 ? 'No coupons available' : 'No coupon'}</option>
        {usable.map((c) => <option key={c.id} value={c.id}>{couponOption(c)}</option>)}
      </Select>
      {coupons.error ? <p className="text-sm text-red-800">Your coupons could not be loaded.</p> : null}
      <form onSubmit={apply} className="flex items-end gap-2">
        <div className="flex-1">
          <label htmlFor="promotion-code" className="mb-1 block text-sm font-medium text-slate-700">Promotion code</label>
          <input id="promotion-code" ref={codeInput} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off"
            className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
        </div>
        <Button type="submit" variant="secondary">Apply code</Button>
      </form>
      {codes.length > 0 && (
        <ul aria-label="Promotion codes" className="flex flex-wrap gap-2">
          {codes.map((c, i) => (
            <li key={c} className="flex items-center gap-1 rounded-full bg-indigo-50 px-3 py-1 text-sm text-indigo-800">
              {c}
              <button type="button" aria-label={`Remove code ${c}`} onClick={() => remove(i)}
                ref={(el) => { if (el) chips.current.set(c, el); else chips.current.delete(c); }}
                className="rounded-full px-1 hover:bg-indigo-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">✕</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
