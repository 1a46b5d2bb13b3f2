import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, must } from '../../../api/client';
import { Button, ErrorNote } from '../../../ui/kit';
import type { Order, OrderState } from './types';

type Step = 'ship' | 'deliver' | 'complete' | 'cancel' | 'refund';

/** Which steps each party may take from each state (docs/orders.md, "Afterwards"). */
const STEPS: { step: Step; label: string; who: 'buyer' | 'seller' | 'either'; from: OrderState[]; variant: 'primary' | 'secondary' | 'danger' }[] = [
  { step: 'complete', label: 'Mark as received', who: 'buyer', from: ['shipped', 'delivered'], variant: 'primary' },
  { step: 'ship', label: 'Mark as shipped', who: 'seller', from: ['paid'], variant: 'primary' },
  { step: 'deliver', label: 'Mark as delivered', who: 'seller', from: ['shipped'], variant: 'primary' },
  { step: 'refund', label: 'Refund', who: 'seller', from: ['shipped', 'delivered', 'completed'], variant: 'danger' },
  { step: 'cancel', label: 'Cancel order', who: 'either', from: ['pending_payment', 'paid'], variant: 'danger' },
];

const EXPLAIN: Partial<Record<Step, string>> = {
  complete: 'Pays the seller the coins held for this order.',
  refund: 'Gives the buyer the payment back; the goods are not returned to stock.',
  cancel: 'Releases the payment and puts the items back in stock.',
};

export function stepsFor(order: Order, viewer: { isBuyer: boolean; isSeller: boolean }) {
  return STEPS.filter((s) => s.from.includes(order.state)
    && (s.who === 'either' ? viewer.isBuyer || viewer.isSeller : s.who === 'buyer' ? viewer.isBuyer : viewer.isSeller));
}

/** The order's next steps for whoever is looking: the buyer's and the seller's buttons. */
export function OrderActions({ order, isBuyer, isSeller }: { order: Order; isBuyer: boolean; isSeller: boolean }) {
  const client = useQueryClient();
  const keys = useRef(new Map<Step, string>());
  const take = useMutation({
    mutationFn: (step: Step) => {
      const key = keys.current.get(step) ?? crypto.randomUUID();
      keys.current.set(step, key);
      return must(api.POST('/v1/orders/{id}/{action}', { params: { path: { id: order.id, action: step } }, headers: { 'Idempotency-Key': key } }));
    },
    onSuccess: (updated, step) => {
      keys.current.delete(step);
      client.setQueryData(['order', order.id], updated);
      void client.invalidateQueries({ queryKey: ['orders'] });
      void client.invalidateQueries({ queryKey: ['wallet'] });
    },
    onError: (_e, step) => {
      keys.current.delete(step);
      void client.invalidateQueries({ queryKey: ['order', order.id] });
    },
  });
  const steps = stepsFor(order, { isBuyer, isSeller });
  if (steps.length === 0) return null;

  return (
    <section aria-labelledby="order-actions" className="space-y-2">
      <h2 id="order-actions" className="text-lg font-semibold">What next</h2>
      <ul className="space-y-2">
        {steps.map((s) => (
          <li key={s.step} className="flex flex-wrap items-center gap-3">
            <Button variant={s.variant} disabled={take.isPending} onClick={() => take.mutate(s.step)}>
              {take.isPending && take.variables === s.step ? 'Working…' : s.label}
            </Button>
            {EXPLAIN[s.step] && <span className="text-sm text-slate-600">{EXPLAIN[s.step]}</span>}
          </li>
        ))}
      </ul>
      <ErrorNote error={take.error} />
    </section>
  );
}
