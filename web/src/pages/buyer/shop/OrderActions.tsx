import { useEffect, useRef } from 'react';
import { ErrorNote } from '../../../ui/kit';
import { stepsFor, StepButton, useOrderStep } from '../../../ui/orders';
import type { Order } from './types';

/**
 * The order's next steps for whoever is looking: the buyer's and the seller's buttons (refund and
 * cancel ask first). After a step the buttons change with the order's state, so focus goes to the
 * sentence saying what was done.
 */
export function OrderActions({ order, isBuyer, isSeller }: { order: Order; isBuyer: boolean; isSeller: boolean }) {
  const step = useOrderStep();
  const doneNote = useRef<HTMLParagraphElement>(null);
  const done = step.done;
  useEffect(() => {
    if (done) doneNote.current?.focus();
  }, [done]);

  const steps = stepsFor(order, { isBuyer, isSeller });
  if (steps.length === 0 && !done && !step.error) return null;

  return (
    <section aria-labelledby="order-actions" className="space-y-2">
      <h2 id="order-actions" className="text-lg font-semibold">What next</h2>
      {done && (
        <p ref={doneNote} tabIndex={-1} role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
          {done.text}
        </p>
      )}
      {steps.length > 0 && (
        <ul className="space-y-2">
          {steps.map((s) => (
            <li key={s.step} className="flex flex-wrap items-center gap-3">
              <StepButton info={s} busy={!!step.pending} working={step.pending?.step === s.step} onTake={() => step.take(order, s.step)} />
              <span className="text-sm text-slate-600">{s.explain}</span>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={step.error} />
    </section>
  );
}
