import { Button } from '../../../ui/kit';
import { ConfirmButton } from './ConfirmButton';
import type { Order } from './common';

export type Step = 'ship' | 'deliver' | 'refund' | 'cancel';

export const DONE: Record<Step, string> = { ship: 'marked as shipped', deliver: 'marked as delivered', refund: 'refunded', cancel: 'cancelled' };

/** The seller's next steps for an order in its state. */
export function OrderActions({ order, busy, onStep, whatId }: { order: Order; busy: boolean; onStep: (step: Step) => void; whatId: string }) {
  const s = order.state;
  const named = (own: string) => ({ id: `${own}-${order.id}`, 'aria-labelledby': `${own}-${order.id} ${whatId}` });
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {s === 'paid' && <Button disabled={busy} onClick={() => onStep('ship')} {...named('ship')}>Mark as shipped</Button>}
      {s === 'shipped' && <Button disabled={busy} onClick={() => onStep('deliver')} {...named('deliver')}>Mark as delivered</Button>}
      {(s === 'paid' || s === 'pending_payment') && (
        <ConfirmButton label="Cancel order" confirm="Yes, cancel" whatId={whatId} question="Cancel and give the buyer's money and the stock back?" disabled={busy} onConfirm={() => onStep('cancel')} />
      )}
      {(s === 'shipped' || s === 'delivered' || s === 'completed') && (
        <ConfirmButton label="Refund" confirm="Yes, refund" whatId={whatId} question="Refund the buyer in full?" disabled={busy} onConfirm={() => onStep('refund')} />
      )}
    </div>
  );
}
