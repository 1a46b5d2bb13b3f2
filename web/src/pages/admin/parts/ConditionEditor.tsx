import type { Body } from '../../../api/client';
import { fromLocalInput } from '../../../ui/format';
import { Button } from '../../../ui/kit';
import { MINOR_UNITS_HINT } from './ActionEditor';
import { Check, Choice, Input, splitList } from './common';

export type Condition = Body<'/v1/promotions', 'post'>['conditions'][number];
export type ConditionKind = Condition['kind'];

export interface ConditionDraft {
  id: number; kind: ConditionKind; list: string; list2: string; number: string; from: string; to: string;
  timeZone: string; weekdays: number[]; fromTime: string; toTime: string; channels: string[];
}

export const CONDITION_KINDS: [ConditionKind, string][] = [
  ['sellers', 'Sellers'], ['categories', 'Categories'], ['brands', 'Brands'], ['products', 'Products'], ['campaigns', 'Marketing campaigns'],
  ['min_cart_amount', 'Minimum cart amount'], ['min_quantity', 'Minimum quantity'], ['member_groups', 'Member groups'],
  ['first_order', 'First order'], ['new_member', 'New member'], ['channel', 'Channel'], ['payment_method', 'Payment method'],
  ['region', 'Region or city'], ['window', 'Date window'], ['schedule', 'Weekly schedule'], ['coupon_code', 'Coupon code'],
];
const LIST_LABEL: Partial<Record<ConditionKind, string>> = {
  sellers: 'Seller ids', categories: 'Category ids', brands: 'Brand ids', products: 'Product ids', campaigns: 'Campaign ids',
  member_groups: 'Groups', payment_method: 'Payment methods',
};
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

let seq = 1;
export const newCondition = (kind: ConditionKind = 'min_cart_amount'): ConditionDraft => ({
  id: seq++, kind, list: '', list2: '', number: '', from: '', to: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  weekdays: [1, 2, 3, 4, 5], fromTime: '09:00', toTime: '17:00', channels: ['web'],
});

const minutes = (t: string) => { const [h, m] = t.split(':').map(Number); return (h ?? 0) * 60 + (m ?? 0); };

/** A draft to the API's condition; throws a message saying what to fix. */
export function toCondition(c: ConditionDraft, where: string): Condition {
  const list = splitList(c.list);
  const whole = (min: number) => {
    const n = Number(c.number);
    if (!c.number.trim() || !Number.isInteger(n) || n < min) throw new Error(`${where}: give a whole number of at least ${min}.`);
    return n;
  };
  const needList = () => { if (!list.length) throw new Error(`${where}: give at least one value.`); return list; };
  switch (c.kind) {
    case 'sellers': case 'categories': case 'brands': case 'products': case 'campaigns': case 'payment_method':
      return c.kind === 'payment_method' ? { kind: c.kind, methods: needList() } : { kind: c.kind, ids: needList() };
    case 'member_groups': return { kind: c.kind, groups: needList() };
    case 'min_cart_amount': return { kind: c.kind, amountMinor: whole(0) };
    case 'min_quantity': return { kind: c.kind, quantity: whole(1) };
    case 'first_order': return { kind: c.kind };
    case 'new_member': return { kind: c.kind, withinDays: whole(1) };
    case 'channel':
      if (!c.channels.length) throw new Error(`${where}: choose at least one channel.`);
      return { kind: c.kind, channels: c.channels as ('web' | 'ios' | 'android')[] };
    case 'region': {
      const cities = splitList(c.list2);
      if (!list.length && !cities.length) throw new Error(`${where}: give regions or cities.`);
      return { kind: c.kind, ...(list.length ? { regions: list } : {}), ...(cities.length ? { cities } : {}) };
    }
    case 'window': {
      const from = fromLocalInput(c.from);
      const to = fromLocalInput(c.to);
      if (!from || !to || to <= from) throw new Error(`${where}: give a start and a later end.`);
      return { kind: c.kind, from, to };
    }
    case 'schedule': {
      const fromMinute = minutes(c.fromTime);
      const toMinute = c.toTime ? minutes(c.toTime) : 1440;
      if (!c.weekdays.length || toMinute <= fromMinute) throw new Error(`${where}: choose days and an end time after the start.`);
      return { kind: c.kind, timeZone: c.timeZone, isoWeekdays: c.weekdays, fromMinute, toMinute };
    }
    case 'coupon_code':
      if (!/^[A-Za-z0-9-]{4,32}$/.test(c.list.trim())) throw new Error(`${where}: the code is 4 to 32 letters, digits or dashes.`);
      return { kind: c.kind, code: c.list.trim() };
  }
}

export function ConditionEditor({ c, index, onChange, onRemove }: { c: ConditionDraft; index: number; onChange: (c: ConditionDraft) => void; onRemove: () => void }) {
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...c, ...patch });
  const n = index + 1;
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">Condition {n}</legend>
      <div className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-3">
        <Choice label="Condition" value={c.kind} onChange={(v) => set({ kind: v as ConditionKind })} options={CONDITION_KINDS} />
        {LIST_LABEL[c.kind] && <Input label={LIST_LABEL[c.kind]!} value={c.list} onChange={(e) => set({ list: e.target.value })} hint="Comma-separated" />}
        {c.kind === 'min_cart_amount' && <Input label="Amount (minor units)" type="number" min={0} value={c.number} onChange={(e) => set({ number: e.target.value })} hint={MINOR_UNITS_HINT} />}
        {c.kind === 'min_quantity' && <Input label="Quantity" type="number" min={1} value={c.number} onChange={(e) => set({ number: e.target.value })} />}
        {c.kind === 'new_member' && <Input label="Joined within days" type="number" min={1} value={c.number} onChange={(e) => set({ number: e.target.value })} />}
        {c.kind === 'coupon_code' && <Input label="Code" value={c.list} onChange={(e) => set({ list: e.target.value })} />}
        {c.kind === 'region' && (
          <>
            <Input label="Regions" value={c.list} onChange={(e) => set({ list: e.target.value })} hint="Comma-separated" />
            <Input label="Cities" value={c.list2} onChange={(e) => set({ list2: e.target.value })} hint="Comma-separated" />
          </>
        )}
        {c.kind === 'window' && (
          <>
            <Input label="From" type="datetime-local" value={c.from} onChange={(e) => set({ from: e.target.value })} />
            <Input label="To" type="datetime-local" value={c.to} onChange={(e) => set({ to: e.target.value })} />
          </>
        )}
        {c.kind === 'schedule' && (
          <>
            <Input label="Time zone" value={c.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
            <Input label="From time" type="time" value={c.fromTime} onChange={(e) => set({ fromTime: e.target.value })} />
            <Input label="To time" type="time" value={c.toTime} onChange={(e) => set({ toTime: e.target.value })} hint="Empty: until midnight" />
          </>
        )}
      </div>
      {c.kind === 'schedule' && (
        <fieldset className="mb-2"><legend className="text-sm font-medium text-slate-700">Days</legend>
          <div className="flex flex-wrap gap-x-4">
            {DAYS.map((d, i) => <Check key={d} label={d} checked={c.weekdays.includes(i + 1)} onChange={(v) => set({ weekdays: v ? [...c.weekdays, i + 1].sort() : c.weekdays.filter((x) => x !== i + 1) })} />)}
          </div>
        </fieldset>
      )}
      {c.kind === 'channel' && (
        <fieldset className="mb-2"><legend className="text-sm font-medium text-slate-700">Channels</legend>
          <div className="flex flex-wrap gap-x-4">
            {['web', 'ios', 'android'].map((ch) => <Check key={ch} label={ch} checked={c.channels.includes(ch)} onChange={(v) => set({ channels: v ? [...c.channels, ch] : c.channels.filter((x) => x !== ch) })} />)}
          </div>
        </fieldset>
      )}
      <Button variant="secondary" onClick={onRemove}>Remove condition {n}</Button>
    </fieldset>
  );
}
