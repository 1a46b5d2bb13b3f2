import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must } from '../../../api/client';
import { Button, Select } from '../../../ui/kit';

const SOURCE: Record<string, string> = { admin: 'from Trove', spin: 'won on the wheel', reward: 'a reward', import: 'imported' };

/** A coupon the buyer holds (select "Coupon") and promotion codes (field "Promotion code"). */
export function CouponPicker({ couponId, codes, onCoupon, onCodes }: {
  couponId: string;
  codes: string[];
  onCoupon: (id: string) => void;
  onCodes: (codes: string[]) => void;
}) {
  const coupons = useQuery({ queryKey: ['coupons'], queryFn: () => must(api.GET('/v1/coupons')) });
  const usable = coupons.data?.items.filter((c) => c.state === 'issued' || c.id === couponId) ?? [];
  const [code, setCode] = useState('');

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    if (!c || codes.some((x) => x.toLowerCase() === c.toLowerCase())) return setCode('');
    onCodes([...codes, c]);
    setCode('');
  };

  return (
    <div className="space-y-2">
      <Select label="Coupon" value={couponId} onChange={(e) => onCoupon(e.target.value)} disabled={coupons.isPending}>
        <option value="">{coupons.isPending ? 'Loading your coupons…' : usable.length === 0 ? 'No coupons available' : 'No coupon'}</option>
        {usable.map((c) => <option key={c.id} value={c.id}>{c.code} ({SOURCE[c.source] ?? c.source})</option>)}
      </Select>
      {coupons.error ? <p className="text-sm text-red-800">Your coupons could not be loaded.</p> : null}
      <form onSubmit={apply} className="flex items-end gap-2">
        <div className="flex-1">
          <label htmlFor="promotion-code" className="mb-1 block text-sm font-medium text-slate-700">Promotion code</label>
          <input id="promotion-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off"
            className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
        </div>
        <Button type="submit" variant="secondary">Apply code</Button>
      </form>
      {codes.length > 0 && (
        <ul aria-label="Promotion codes" className="flex flex-wrap gap-2">
          {codes.map((c) => (
            <li key={c} className="flex items-center gap-1 rounded-full bg-indigo-50 px-3 py-1 text-sm text-indigo-800">
              {c}
              <button type="button" aria-label={`Remove code ${c}`} onClick={() => onCodes(codes.filter((x) => x !== c))}
                className="rounded-full px-1 hover:bg-indigo-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">✕</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
