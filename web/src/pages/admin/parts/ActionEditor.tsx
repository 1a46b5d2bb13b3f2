import type { Body } from '../../../api/client';
import { Button } from '../../../ui/kit';
import { Choice, Input } from './common';

export type Action = Body<'/v1/promotions', 'post'>['action'];
export type ActionKind = Action['kind'];
export interface ActionDraft { kind: ActionKind; a: string; b: string; c: string; tiers: { id: number; min: string; off: string }[] }

export const ACTION_KINDS: [ActionKind, string][] = [
  ['percent_off', 'Percent off'], ['amount_off', 'Amount off'], ['fixed_unit_price', 'Fixed unit price'], ['buy_x_get_y', 'Buy X get Y'],
  ['tiered_spend', 'Tiered spend'], ['free_shipping', 'Free shipping'], ['gift_item', 'Gift item'], ['coin_cashback', 'Coin cashback'],
];

/**
 * Promotions hold amounts in minor units of whatever currency the cart is in (they have no currency
 * of their own), unlike coupon campaigns, whose amounts are typed in whole units of their currency.
 */
export const MINOR_UNITS_HINT = 'In minor units of the cart’s currency: 500 = 5.00 EUR, or 500 coins.';

let seq = 1;
export const newAction = (): ActionDraft => ({ kind: 'percent_off', a: '10', b: '', c: '', tiers: [{ id: seq++, min: '', off: '' }] });

/** A draft to the API's action; throws a message saying what to fix. */
export function toAction(d: ActionDraft): Action {
  const num = (text: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const n = Number(text);
    if (!text.trim() || !Number.isInteger(n) || n < min || n > max) throw new Error(`Action: ${what} is a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}.`);
    return n;
  };
  const optional = (text: string, what: string) => (text.trim() ? num(text, what, 0) : undefined);
  switch (d.kind) {
    case 'percent_off': { const cap = optional(d.b, 'the cap'); return { kind: d.kind, percent: num(d.a, 'the percent', 1, 100), ...(cap !== undefined ? { capMinor: cap } : {}) }; }
    case 'amount_off': return { kind: d.kind, amountMinor: num(d.a, 'the amount', 1) };
    case 'fixed_unit_price': return { kind: d.kind, unitPriceMinor: num(d.a, 'the unit price', 0) };
    case 'buy_x_get_y': return { kind: d.kind, buy: num(d.a, 'buy', 1, 100), get: num(d.b, 'get', 1, 100), percentOff: num(d.c || '100', 'the percent off', 1, 100) };
    case 'tiered_spend': return { kind: d.kind, tiers: d.tiers.map((t) => ({ minSpendMinor: num(t.min, 'a tier’s minimum spend', 0), offMinor: num(t.off, 'a tier’s amount off', 1) })) };
    case 'free_shipping': return { kind: d.kind };
    case 'gift_item': if (!d.a.trim()) throw new Error('Action: give the gift’s product id.'); return { kind: d.kind, productId: d.a.trim() };
    case 'coin_cashback': { const cap = optional(d.b, 'the cap'); return { kind: d.kind, percent: num(d.a, 'the percent', 1, 100), ...(cap !== undefined ? { capCoins: cap } : {}) }; }
  }
}

export function ActionEditor({ d, onChange }: { d: ActionDraft; onChange: (d: ActionDraft) => void }) {
  const set = (patch: Partial<ActionDraft>) => onChange({ ...d, ...patch });
  const field = (label: string, key: 'a' | 'b' | 'c', hint?: string, type = 'number') => (
    <Input label={label} type={type} min={0} value={d[key]} onChange={(e) => set({ [key]: e.target.value })} hint={hint} />
  );
  return (
    <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">Action</legend>
      <div className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-4">
        <Choice label="Action" value={d.kind} onChange={(v) => set({ kind: v as ActionKind })} options={ACTION_KINDS} />
        {d.kind === 'percent_off' && <>{field('Percent', 'a')}{field('Cap (minor units, optional)', 'b', `The most it takes off. ${MINOR_UNITS_HINT}`)}</>}
        {d.kind === 'amount_off' && field('Amount off (minor units)', 'a', `Spread over the targeted lines. ${MINOR_UNITS_HINT}`)}
        {d.kind === 'fixed_unit_price' && field('Unit price (minor units)', 'a', MINOR_UNITS_HINT)}
        {d.kind === 'buy_x_get_y' && <>{field('Buy', 'a')}{field('Get', 'b')}{field('Percent off the free units', 'c', '100 = free')}</>}
        {d.kind === 'gift_item' && field('Gift product id', 'a', undefined, 'text')}
        {d.kind === 'coin_cashback' && <>{field('Percent', 'a', 'Of the targeted spend, in coins')}{field('Cap (coins, optional)', 'b')}</>}
      </div>
      {d.kind === 'tiered_spend' && (
        <ol className="space-y-2">
          {d.tiers.map((t, i) => (
            <li key={t.id} className="flex flex-wrap items-end gap-2">
              <Input label={`Tier ${i + 1}: spend from (minor units)`} type="number" min={0} value={t.min} className="w-56" hint={i === 0 ? MINOR_UNITS_HINT : undefined}
                onChange={(e) => set({ tiers: d.tiers.map((x) => (x.id === t.id ? { ...x, min: e.target.value } : x)) })} />
              <Input label={`Tier ${i + 1}: amount off (minor units)`} type="number" min={1} value={t.off} className="w-56"
                onChange={(e) => set({ tiers: d.tiers.map((x) => (x.id === t.id ? { ...x, off: e.target.value } : x)) })} />
              {d.tiers.length > 1 && <Button variant="secondary" className="mb-3" onClick={() => set({ tiers: d.tiers.filter((x) => x.id !== t.id) })}>Remove tier {i + 1}</Button>}
            </li>
          ))}
          {d.tiers.length < 20 && <Button variant="secondary" onClick={() => set({ tiers: [...d.tiers, { id: seq++, min: '', off: '' }] })}>Add tier</Button>}
        </ol>
      )}
    </fieldset>
  );
}
