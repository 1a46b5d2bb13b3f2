import { useState } from 'react';
import { api, must, type Body } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, Card } from '../../../ui/kit';
import { ActionEditor, MINOR_UNITS_HINT, newAction, toAction, type ActionDraft } from './ActionEditor';
import { Check, Choice, FormError, Input, useCreateForm } from './common';
import { ConditionEditor, newCondition, toCondition, type ConditionDraft } from './ConditionEditor';

type PromotionBody = Body<'/v1/promotions', 'post'>;

/** A new promotion: conditions, one action, limits and how it combines with others. */
export function PromotionForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [conditions, setConditions] = useState<ConditionDraft[]>([]);
  const [action, setAction] = useState<ActionDraft>(newAction);
  const [priority, setPriority] = useState('0');
  const [group, setGroup] = useState('');
  const [stackable, setStackable] = useState(true);
  const [base, setBase] = useState<'original' | 'discounted'>('original');
  const [usesLimit, setUsesLimit] = useState('');
  const [usesPerMember, setUsesPerMember] = useState('');
  const [budget, setBudget] = useState('');
  const { create, problem, submitWith } = useCreateForm((body: PromotionBody) => must(api.POST('/v1/promotions', { body })), 'promotions', (p) => onCreated(p.name));

  const submit = submitWith((): PromotionBody => {
    if (!name.trim()) throw new Error('Give the promotion a name.');
    const limit = (text: string, what: string) => {
      if (!text.trim()) return undefined;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${what} is a whole number of at least 1, or empty.`);
      return n;
    };
    const p = Number(priority || '0');
    if (!Number.isInteger(p) || p < -1000 || p > 1000) throw new Error('The priority is a whole number from -1000 to 1000.');
    const body: PromotionBody = {
      name: name.trim(), conditions: conditions.map((c, i) => toCondition(c, `Condition ${i + 1}`)), action: toAction(action),
      priority: p, stackable, base,
      ...(group.trim() ? { exclusivityGroup: group.trim() } : {}),
    };
    const uses = limit(usesLimit, 'The uses limit');
    const perMember = limit(usesPerMember, 'Uses per member');
    const budgetMinor = limit(budget, 'The budget');
    if (uses) body.usesLimit = uses;
    if (perMember) body.usesPerMember = perMember;
    if (budgetMinor) body.budgetMinor = budgetMinor;
    return body;
  });

  return (
    <Card className="mb-4">
      <form onSubmit={submit} aria-label="New promotion" noValidate>
        <h3 className="mb-3 text-lg font-semibold">New promotion</h3>
        <Input label="Promotion name" value={name} onChange={(e) => setName(e.target.value)} />
        <fieldset className="mb-3">
          <legend className="mb-2 font-medium">Conditions <span className="text-sm font-normal text-slate-600">(all must hold; none: every cart)</span></legend>
          <div className="space-y-2">
            {conditions.map((c, i) => (
              <ConditionEditor key={c.id} c={c} index={i} onChange={(next) => setConditions(conditions.map((x) => (x.id === c.id ? next : x)))}
                onRemove={() => setConditions(conditions.filter((x) => x.id !== c.id))} />
            ))}
          </div>
          {conditions.length < 30 && <Button variant="secondary" className="mt-2" onClick={() => setConditions([...conditions, newCondition()])}>Add condition</Button>}
        </fieldset>
        <ActionEditor d={action} onChange={setAction} />
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <Input label="Priority" type="number" min={-1000} max={1000} value={priority} onChange={(e) => setPriority(e.target.value)} hint="Higher applies first" />
          <Input label="Exclusivity group (optional)" value={group} onChange={(e) => setGroup(e.target.value)} hint="At most one promotion of a group applies" />
          <Choice label="Applies to" value={base} onChange={(v) => setBase(v as 'original' | 'discounted')} options={[['original', 'Original prices'], ['discounted', 'Prices after earlier promotions']]} />
          <Input label="Uses limit (optional)" type="number" min={1} value={usesLimit} onChange={(e) => setUsesLimit(e.target.value)} />
          <Input label="Uses per member (optional)" type="number" min={1} value={usesPerMember} onChange={(e) => setUsesPerMember(e.target.value)} />
          <Input label="Budget (minor units, optional)" type="number" min={1} value={budget} onChange={(e) => setBudget(e.target.value)} hint={MINOR_UNITS_HINT} />
        </div>
        <Check label="Stacks with other promotions" checked={stackable} onChange={setStackable} />
        {problem && <p role="alert" className="mb-3 text-sm text-red-700">{problem}</p>}
        <FormError error={create.error} />
        <Button type="submit" {...busyProps(create.isPending)}>{create.isPending ? 'Creating…' : 'Create promotion'}</Button>
      </form>
    </Card>
  );
}
