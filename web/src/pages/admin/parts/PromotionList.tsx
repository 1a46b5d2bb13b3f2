import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime, formatNumber } from '../../../ui/format';
import { Badge, Button, Card } from '../../../ui/kit';
import type { Action } from './ActionEditor';
import { FormError } from './common';
import type { Condition } from './ConditionEditor';
import type { Promotion } from './lists';
import { describeAction, describeCondition, minor } from './promoText';

/** One promotion: what it does, when, how it combines, its uses, and the switch. */
export function PromotionCard({ p }: { p: Promotion }) {
  const client = useQueryClient();
  const headingId = useId();
  const toggle = useMutation({
    mutationFn: () => must(api.PATCH('/v1/promotions/{id}', { params: { path: { id: p.id } }, body: { active: !p.active } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'promotions'] }),
  });
  const conditions = p.conditions as Condition[];
  return (
    <Card className="mb-3">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={headingId} className="text-lg font-semibold">{p.name}</h3>
              <Badge tone={p.active ? 'green' : 'slate'}>{p.active ? 'Active' : 'Inactive'}</Badge>
              {p.ownerSellerId && <Badge>Seller's own</Badge>}
            </div>
            <p className="text-sm font-medium text-slate-800">{describeAction(p.action as Action)}</p>
            <p className="break-words text-sm text-slate-700">
              {conditions.length ? `When ${conditions.map(describeCondition).join('; ')}` : 'Every cart'}
            </p>
            <p className="text-sm text-slate-600">
              Priority {p.priority} · {p.stackable ? 'stacks' : 'applies alone'} · on {p.base} prices{p.exclusivityGroup ? ` · group ${p.exclusivityGroup}` : ''}
            </p>
            <p className="text-sm text-slate-600">
              Used {formatNumber(p.uses)}{p.usesLimit !== null ? ` of ${formatNumber(p.usesLimit)}` : ''} times
              {p.usesPerMember !== null ? ` (${p.usesPerMember} per member)` : ''} · spent {p.budgetMinor !== null ? `${formatNumber(p.spentMinor)} of ${minor(p.budgetMinor)}` : minor(p.spentMinor)} · created {formatDateTime(p.createdAt)}
            </p>
          </div>
          <Button variant={p.active ? 'danger' : 'secondary'} {...busyProps(toggle.isPending)} onClick={() => { if (!toggle.isPending) toggle.mutate(); }}>
            {p.active ? 'Deactivate' : 'Reactivate'}<span className="sr-only"> {p.name}</span>
          </Button>
        </div>
        <FormError error={toggle.error} />
      </article>
    </Card>
  );
}
