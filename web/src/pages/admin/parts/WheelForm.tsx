import { useState } from 'react';
import { api, must, type Body } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { fromLocalInput } from '../../../ui/format';
import { Button, Card } from '../../../ui/kit';
import { Choice, FormError, inDays, Input, useCreateForm } from './common';
import type { Campaign } from './lists';

type WheelBody = Body<'/v1/wheels', 'post'>;
type SliceBody = WheelBody['slices'][number];
interface SliceDraft { key: number; kind: SliceBody['kind']; label: string; campaignId: string; coinAmount: string; account: string; weight: string }

let nextKey = 1;
const slice = (kind: SliceBody['kind'] = 'nothing', label = 'Try again'): SliceDraft => ({ key: nextKey++, kind, label, campaignId: '', coinAmount: '10', account: 'sys:rewards:COIN', weight: '1' });

/** A new prize wheel: its rules and up to 24 slices (a campaign's coupon, a coin prize, or nothing). */
export function WheelForm({ campaigns, onCreated }: { campaigns: Campaign[]; onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [weightMode, setWeightMode] = useState<WheelBody['weightMode']>('stock');
  const [spinsPerDay, setSpinsPerDay] = useState('1');
  const [validFrom, setValidFrom] = useState(inDays(0));
  const [validTo, setValidTo] = useState(inDays(30));
  const [slices, setSlices] = useState<SliceDraft[]>(() => [slice('coins', '10 coins'), slice()]);
  const { create, problem, submitWith } = useCreateForm((body: WheelBody) => must(api.POST('/v1/wheels', { body })), 'wheels', (w) => {
    onCreated(w.name);
    setName('');
    setSlices([slice('coins', '10 coins'), slice()]);
  });
  const change = (key: number, patch: Partial<SliceDraft>) => setSlices((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));

  const submit = submitWith((): WheelBody => {
    const from = fromLocalInput(validFrom);
    const to = fromLocalInput(validTo);
    const perDay = spinsPerDay.trim() ? Number(spinsPerDay) : undefined;
    let why = '';
    if (!name.trim()) why = 'Give the wheel a name.';
    else if (!from || !to || to <= from) why = '"Valid to" must be after "Valid from".';
    else if (perDay !== undefined && (!Number.isInteger(perDay) || perDay < 1)) why = 'Spins per day is a whole number of at least 1 (or empty for no limit).';
    const body: SliceBody[] = [];
    for (const [i, s] of slices.entries()) {
      if (why) break;
      if (!s.label.trim()) why = `Slice ${i + 1} needs a label.`;
      else if (s.kind === 'coupon' && !s.campaignId) why = `Slice ${i + 1}: choose a campaign.`;
      else if (s.kind === 'coins' && (!Number.isInteger(Number(s.coinAmount)) || Number(s.coinAmount) < 1 || !s.account.trim())) why = `Slice ${i + 1}: give a whole number of coins and the account that pays them.`;
      else if (weightMode === 'explicit' && (!Number.isInteger(Number(s.weight)) || Number(s.weight) < 0)) why = `Slice ${i + 1}: the weight is a whole number, 0 or more.`;
      body.push({
        kind: s.kind, label: s.label.trim(),
        ...(s.kind === 'coupon' ? { campaignId: s.campaignId } : {}),
        ...(s.kind === 'coins' ? { coinAmount: Number(s.coinAmount), coinSourceAccountId: s.account.trim() } : {}),
        ...(weightMode === 'explicit' ? { weight: Number(s.weight) } : {}),
      });
    }
    if (why || !from || !to) throw new Error(why);
    return { name: name.trim(), weightMode, ...(perDay ? { spinsPerDay: perDay } : {}), validFrom: from, validTo: to, slices: body };
  });

  return (
    <Card className="mb-4">
      <form onSubmit={submit} aria-label="New wheel" noValidate>
        <h3 className="mb-3 text-lg font-semibold">New wheel</h3>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <Input label="Wheel name" value={name} onChange={(e) => setName(e.target.value)} />
          <Choice label="Weights" value={weightMode} onChange={(v) => setWeightMode(v as WheelBody['weightMode'])}
            options={[['stock', 'By what each slice has left'], ['explicit', 'Explicit weights']]} />
          <Input label="Spins per day" type="number" min={1} value={spinsPerDay} onChange={(e) => setSpinsPerDay(e.target.value)} hint="Per member, in the member's time zone; empty: no limit" />
          <Input label="Valid from" type="datetime-local" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
          <Input label="Valid to" type="datetime-local" value={validTo} onChange={(e) => setValidTo(e.target.value)} />
        </div>
        <fieldset className="mb-3">
          <legend className="mb-2 font-medium">Slices</legend>
          <ol className="space-y-2">
            {slices.map((s, i) => (
              <li key={s.key} className="rounded-md border border-slate-200 p-3">
                <fieldset>
                  <legend className="mb-2 text-sm font-semibold">Slice {i + 1}</legend>
                  <div className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-4">
                    <Choice label="Prize" value={s.kind} onChange={(v) => change(s.key, { kind: v as SliceBody['kind'] })}
                      options={[['coupon', 'Coupon of a campaign'], ['coins', 'Coins'], ['nothing', 'No prize']]} />
                    <Input label="Label" value={s.label} maxLength={60} onChange={(e) => change(s.key, { label: e.target.value })} />
                    {s.kind === 'coupon' && (
                      <Choice label="Campaign" value={s.campaignId} onChange={(v) => change(s.key, { campaignId: v })}
                        options={[['', campaigns.length ? 'Choose…' : 'No campaigns yet'], ...campaigns.map((c): [string, string] => [c.id, c.name])]} />
                    )}
                    {s.kind === 'coins' && (
                      <>
                        <Input label="Coins" type="number" min={1} value={s.coinAmount} onChange={(e) => change(s.key, { coinAmount: e.target.value })} />
                        <Input label="Paid from account" value={s.account} onChange={(e) => change(s.key, { account: e.target.value })} hint="A COIN account, e.g. sys:rewards:COIN" />
                      </>
                    )}
                    {weightMode === 'explicit' && <Input label="Weight" type="number" min={0} value={s.weight} onChange={(e) => change(s.key, { weight: e.target.value })} />}
                  </div>
                  {slices.length > 1 && (
                    <Button variant="secondary" onClick={() => setSlices((all) => all.filter((x) => x.key !== s.key))}>Remove slice {i + 1}</Button>
                  )}
                </fieldset>
              </li>
            ))}
          </ol>
          {slices.length < 24 && <Button variant="secondary" className="mt-2" onClick={() => setSlices((all) => [...all, slice('nothing', '')])}>Add slice</Button>}
        </fieldset>
        {problem && <p role="alert" className="mb-3 text-sm text-red-700">{problem}</p>}
        <FormError error={create.error} />
        <Button type="submit" {...busyProps(create.isPending)}>{create.isPending ? 'Creating…' : 'Create wheel'}</Button>
      </form>
    </Card>
  );
}
