import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, type Body } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime } from '../../../ui/format';
import { Button, Card } from '../../../ui/kit';
import { CURRENCIES, parseMoney } from '../../../ui/money';
import { CartResult, resultSummary } from './CartResult';
import { amountError, Choice, FormError, Input, splitList } from './common';
import type { Promotion } from './lists';

type EvaluateBody = Body<'/v1/carts/evaluate', 'post'>;
interface LineDraft { id: number; product: string; seller: string; category: string; brand: string; campaigns: string; price: string; quantity: string }

let seq = 1;
const newLine = (n: number): LineDraft => ({ id: seq++, product: `product-${n}`, seller: 'seller-1', category: 'category-1', brand: 'brand-1', campaigns: '', price: '100', quantity: '1' });

/** Prices a made-up cart with POST /v1/carts/evaluate {explain: true}: what applied, per line, what did not and why. */
export function CartTester({ promotions }: { promotions: Promotion[] }) {
  const me = useMe();
  const [currency, setCurrency] = useState('COIN');
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine(1)]);
  const [shipping, setShipping] = useState('');
  const [channel, setChannel] = useState<'web' | 'ios' | 'android'>('web');
  const [payment, setPayment] = useState('');
  const [region, setRegion] = useState('');
  const [city, setCity] = useState('');
  const [codes, setCodes] = useState('');
  const [problem, setProblem] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const evaluate = useMutation({ mutationFn: (body: EvaluateBody) => must(api.POST('/v1/carts/evaluate', { body })) });
  const set = (id: number, patch: Partial<LineDraft>) => setLines(lines.map((l) => (l.id === id ? { ...l, ...patch } : l)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (evaluate.isPending) return;
    const wrong: Record<string, string> = {};
    try {
      const body: EvaluateBody = {
        currency, explain: true, channel,
        lines: lines.map((l, i) => {
          const at = `Line ${i + 1}`;
          if (![l.product, l.seller, l.category, l.brand].every((s) => s.trim())) throw new Error(`${at}: give product, seller, category and brand.`);
          const unitPriceMinor = parseMoney(l.price, currency);
          if (unitPriceMinor === null) wrong[`price-${l.id}`] = amountError(currency);
          const quantity = Number(l.quantity);
          if (!Number.isInteger(quantity) || quantity < 1) throw new Error(`${at}: the quantity is a whole number of at least 1.`);
          const campaignIds = splitList(l.campaigns);
          return { lineId: String(i + 1), productId: l.product.trim(), sellerId: l.seller.trim(), categoryId: l.category.trim(), brandId: l.brand.trim(), unitPriceMinor: unitPriceMinor ?? 0, quantity, ...(campaignIds.length ? { campaignIds } : {}) };
        }),
      };
      if (shipping.trim()) {
        const s = parseMoney(shipping, currency);
        if (s === null) wrong.shipping = amountError(currency);
        else body.shippingMinor = s;
      }
      setFieldErrors(wrong);
      if (Object.keys(wrong).length) throw new Error('Some amounts are not amounts: see the marked fields.');
      if (payment.trim()) body.paymentMethod = payment.trim();
      if (region.trim()) body.region = region.trim();
      if (city.trim()) body.city = city.trim();
      const couponCodes = splitList(codes);
      if (couponCodes.length) body.couponCodes = couponCodes;
      setProblem('');
      evaluate.mutate(body);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };

  const names = new Map(promotions.map((p) => [p.id, p.name]));
  return (
    <Card>
      <form onSubmit={submit} aria-label="Cart tester" noValidate>
        <ol className="space-y-2">
          {lines.map((l, i) => (
            <li key={l.id}>
              <fieldset className="rounded-md border border-slate-200 p-3">
                <legend className="px-1 text-sm font-semibold">Line {i + 1}</legend>
                <div className="grid grid-cols-2 gap-x-3 md:grid-cols-4">
                  <Input label="Product" value={l.product} onChange={(e) => set(l.id, { product: e.target.value })} />
                  <Input label="Seller" value={l.seller} onChange={(e) => set(l.id, { seller: e.target.value })} />
                  <Input label="Category" value={l.category} onChange={(e) => set(l.id, { category: e.target.value })} />
                  <Input label="Brand" value={l.brand} onChange={(e) => set(l.id, { brand: e.target.value })} />
                  <Input label="Unit price" inputMode="decimal" value={l.price} onChange={(e) => set(l.id, { price: e.target.value })} hint={currency} error={fieldErrors[`price-${l.id}`]} />
                  <Input label="Quantity" type="number" min={1} value={l.quantity} onChange={(e) => set(l.id, { quantity: e.target.value })} />
                  <Input label="Campaigns (optional)" value={l.campaigns} onChange={(e) => set(l.id, { campaigns: e.target.value })} hint="Ids, comma-separated" className="col-span-2" />
                </div>
                {lines.length > 1 && <Button variant="secondary" onClick={() => setLines(lines.filter((x) => x.id !== l.id))}>Remove line {i + 1}</Button>}
              </fieldset>
            </li>
          ))}
        </ol>
        {lines.length < 200 && <Button variant="secondary" className="my-2" onClick={() => setLines([...lines, newLine(lines.length + 1)])}>Add line</Button>}
        <fieldset className="mt-2">
          <legend className="mb-2 font-medium">Cart and member</legend>
          <div className="grid grid-cols-2 gap-x-3 md:grid-cols-4">
            <Choice label="Currency" value={currency} onChange={setCurrency} options={CURRENCIES} />
            <Input label="Shipping" inputMode="decimal" value={shipping} onChange={(e) => setShipping(e.target.value)} hint={currency} error={fieldErrors.shipping} />
            <Choice label="Channel" value={channel} onChange={(v) => setChannel(v as 'web' | 'ios' | 'android')} options={['web', 'ios', 'android']} />
            <Input label="Payment method" value={payment} onChange={(e) => setPayment(e.target.value)} hint="e.g. card, wallet" />
            <Input label="Region" value={region} onChange={(e) => setRegion(e.target.value)} />
            <Input label="City" value={city} onChange={(e) => setCity(e.target.value)} />
            <Input label="Coupon codes" value={codes} onChange={(e) => setCodes(e.target.value)} hint="Comma-separated" className="col-span-2" />
          </div>
          {me.data && (
            <p className="mb-3 text-sm text-slate-600">
              Priced as your own account: groups {me.data.groups.length ? me.data.groups.join(', ') : 'none'}, joined {formatDateTime(me.data.createdAt)}, counted as a first order.
            </p>
          )}
        </fieldset>
        {problem && <p role="alert" className="mb-3 text-sm text-red-700">{problem}</p>}
        <FormError error={evaluate.error} />
        <Button type="submit" {...busyProps(evaluate.isPending)}>{evaluate.isPending ? 'Pricing…' : 'Price cart'}</Button>
      </form>
      <p role="status" className="sr-only">{evaluate.data ? resultSummary(evaluate.data) : ''}</p>
      {evaluate.data && <CartResult result={evaluate.data} names={names} lines={lines.map((l) => l.product)} />}
    </Card>
  );
}
