import { useState } from 'react';
import { api, must, type Body } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { fromLocalInput } from '../../../ui/format';
import { Button, Card } from '../../../ui/kit';
import { CURRENCIES, parseMoney } from '../../../ui/money';
import { amountError, Choice, FormError, inDays, Input, splitList, useCreateForm } from './common';

type CampaignBody = Body<'/v1/coupon-campaigns', 'post'>;

const START = { name: '', kind: 'fixed', amount: '', percent: '10', cap: '', currency: 'COIN', limitTotal: '100', perMember: '1', validFrom: inDays(0), validTo: inDays(30), minCart: '', sellers: '', categories: '', codeMode: 'unique', sharedCode: '' };

/** The empty form, its window starting now. */
const fresh = (): typeof START => ({ ...START, validFrom: inDays(0), validTo: inDays(30) });

/** A new coupon campaign: value, currency, limits, window, minimum cart, targeting, codes. */
export function CampaignForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [f, setF] = useState(fresh);
  const [errors, setErrors] = useState<AmountErrors>({});
  const set = (k: keyof typeof START) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const on = (k: keyof typeof START) => (e: { target: { value: string } }) => set(k)(e.target.value);
  const { create, problem, submitWith } = useCreateForm((body: CampaignBody) => must(api.POST('/v1/coupon-campaigns', { body })), 'campaigns', (c) => {
    onCreated(c.name);
    setF(fresh());
  });

  const submit = submitWith(() => {
    const wrong = amountErrors(f);
    setErrors(wrong);
    if (Object.keys(wrong).length) throw new Error('Some amounts are not amounts: see the marked fields.');
    const body = toBody(f);
    if (typeof body === 'string') throw new Error(body);
    return body;
  });

  return (
    <Card className="mb-4">
      <form onSubmit={submit} aria-label="New campaign" noValidate>
        <h3 className="mb-3 text-lg font-semibold">New campaign</h3>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <Input label="Campaign name" value={f.name} onChange={on('name')} required />
          <Choice label="Value" value={f.kind} onChange={set('kind')} options={[['fixed', 'Fixed amount'], ['percent', 'Percent']]} />
          <Choice label="Currency" value={f.currency} onChange={set('currency')} options={CURRENCIES} />
          {f.kind === 'fixed' ? (
            <Input label="Amount" inputMode="decimal" value={f.amount} onChange={on('amount')} hint={unitHint(f.currency)} error={errors.amount} />
          ) : (
            <>
              <Input label="Percent off" type="number" min={1} max={100} value={f.percent} onChange={on('percent')} />
              <Input label="Cap (optional)" inputMode="decimal" value={f.cap} onChange={on('cap')} hint={`The most one coupon takes off. ${unitHint(f.currency)}`} error={errors.cap} />
            </>
          )}
          <Input label="Total limit" type="number" min={1} value={f.limitTotal} onChange={on('limitTotal')} hint="Coupons the campaign may ever issue" />
          <Input label="Per-member limit" type="number" min={1} max={1000} value={f.perMember} onChange={on('perMember')} />
          <Input label="Valid from" type="datetime-local" value={f.validFrom} onChange={on('validFrom')} />
          <Input label="Valid to" type="datetime-local" value={f.validTo} onChange={on('validTo')} />
          <Input label="Minimum cart (optional)" inputMode="decimal" value={f.minCart} onChange={on('minCart')} hint={unitHint(f.currency)} error={errors.minCart} />
          <Input label="Target sellers (optional)" value={f.sellers} onChange={on('sellers')} hint="Seller ids, comma-separated" />
          <Input label="Target categories (optional)" value={f.categories} onChange={on('categories')} hint="Category ids, comma-separated" />
          <Choice label="Codes" value={f.codeMode} onChange={set('codeMode')} options={[['unique', 'Unique codes (generate later)'], ['shared', 'One shared code']]} />
          {f.codeMode === 'shared' && <Input label="Shared code" value={f.sharedCode} onChange={on('sharedCode')} hint="4 to 32 letters, digits or dashes" />}
        </div>
        {problem && <p role="alert" className="mb-3 text-sm text-red-700">{problem}</p>}
        <FormError error={create.error} />
        <Button type="submit" {...busyProps(create.isPending)}>{create.isPending ? 'Creating…' : 'Create campaign'}</Button>
      </form>
    </Card>
  );
}

type AmountErrors = Partial<Record<'amount' | 'cap' | 'minCart', string>>;

/** Amounts are typed in whole units of the currency (12.50 EUR), unlike the promotion forms' minor units. */
const unitHint = (currency: string) => (currency === 'COIN' ? 'In coins, e.g. 25.' : `In ${currency} (not cents), e.g. 12.50.`);

function amountErrors(f: typeof START): AmountErrors {
  const errors: AmountErrors = {};
  const check = (key: keyof AmountErrors, text: string, positive: boolean) => {
    const v = parseMoney(text, f.currency);
    if (v === null) errors[key] = amountError(f.currency);
    else if (positive && v < 1) errors[key] = 'Enter more than zero.';
  };
  if (f.kind === 'fixed') check('amount', f.amount, true);
  else if (f.cap.trim()) check('cap', f.cap, true);
  if (f.minCart.trim()) check('minCart', f.minCart, false);
  return errors;
}

function toBody(f: typeof START): CampaignBody | string {
  if (!f.name.trim()) return 'Give the campaign a name.';
  const value = f.kind === 'fixed' ? fixed(f) : percent(f);
  if (typeof value === 'string') return value;
  const limitTotal = Number(f.limitTotal);
  const perMemberLimit = Number(f.perMember || '1');
  if (!Number.isInteger(limitTotal) || limitTotal < 1) return 'The total limit is a whole number of at least 1.';
  if (!Number.isInteger(perMemberLimit) || perMemberLimit < 1) return 'The per-member limit is a whole number of at least 1.';
  const validFrom = fromLocalInput(f.validFrom);
  const validTo = fromLocalInput(f.validTo);
  if (!validFrom || !validTo) return 'Give both ends of the validity window.';
  if (validTo <= validFrom) return '"Valid to" must be after "Valid from".';
  const minCartMinor = f.minCart.trim() ? parseMoney(f.minCart, f.currency) : 0;
  if (minCartMinor === null) return 'The minimum cart is not an amount.';
  const sellers = splitList(f.sellers);
  const categories = splitList(f.categories);
  if (f.codeMode === 'shared' && !/^[A-Za-z0-9-]{4,32}$/.test(f.sharedCode.trim())) return 'The shared code is 4 to 32 letters, digits or dashes.';
  return {
    name: f.name.trim(), value, currency: f.currency, limitTotal, perMemberLimit, validFrom, validTo, minCartMinor,
    ...(sellers.length || categories.length ? { targeting: { ...(sellers.length ? { sellers } : {}), ...(categories.length ? { categories } : {}) } } : {}),
    codeMode: f.codeMode as 'shared' | 'unique',
    ...(f.codeMode === 'shared' ? { sharedCode: f.sharedCode.trim() } : {}),
  };
}

function fixed(f: typeof START): CampaignBody['value'] | string {
  const amountMinor = parseMoney(f.amount, f.currency);
  return amountMinor && amountMinor > 0 ? { kind: 'fixed', amountMinor } : 'The amount is not a positive amount.';
}

function percent(f: typeof START): CampaignBody['value'] | string {
  const p = Number(f.percent);
  if (!Number.isInteger(p) || p < 1 || p > 100) return 'The percent is a whole number from 1 to 100.';
  if (!f.cap.trim()) return { kind: 'percent', percent: p };
  const capMinor = parseMoney(f.cap, f.currency);
  return capMinor && capMinor > 0 ? { kind: 'percent', percent: p, capMinor } : 'The cap is not a positive amount.';
}
