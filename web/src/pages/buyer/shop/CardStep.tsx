import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, ApiError, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, Card, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import type { Order } from './types';

type Outcome = 'succeeded' | 'canceled';

/** How a card order's payment ended, from the order's state; null while it still waits. */
export function paymentOutcome(order: Pick<Order, 'state'>): Outcome | null {
  if (order.state === 'pending_payment') return null;
  return order.state === 'cancelled' ? 'canceled' : 'succeeded';
}

/**
 * Settles the sandbox payment. The sandbox answers CONFLICT when the payment is settled already
 * (a press whose answer was lost, another tab): then the order tells how it ended.
 */
async function settlePayment(order: Order, paymentId: string, outcome: Outcome): Promise<{ outcome: Outcome; order?: Order }> {
  try {
    await must(api.POST('/v1/payments/sandbox/{paymentId}/{outcome}', { params: { path: { paymentId, outcome } } }));
    return { outcome };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'CONFLICT')) throw err;
    const now = await must(api.GET('/v1/orders/{id}', { params: { path: { id: order.id } } }));
    const ended = paymentOutcome(now);
    if (!ended) throw err;
    return { outcome: ended, order: now };
  }
}

/**
 * The card form of the sandbox payment provider: the buyer confirms (or cancels) the test payment,
 * which Trove applies as the provider's webhook would. A real provider's form would go here.
 */
export function CardStep({ order, onDone, showCancel = true }: { order: Order; onDone: (outcome: Outcome) => void; showCancel?: boolean }) {
  const client = useQueryClient();
  const paymentId = order.payment.providerPaymentId;
  const inFlight = useRef(false);
  const settle = useMutation({
    mutationFn: (outcome: Outcome) => settlePayment(order, paymentId!, outcome),
    onSuccess: async ({ outcome, order: now }) => {
      if (now) client.setQueryData(['order', order.id], now);
      else await client.invalidateQueries({ queryKey: ['order', order.id] });
      for (const key of [['orders'], ['wallet'], ['coupons'], ['listings']]) void client.invalidateQueries({ queryKey: key });
      onDone(outcome);
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const press = (outcome: Outcome) => {
    if (inFlight.current) return;
    inFlight.current = true;
    settle.mutate(outcome);
  };

  return (
    <Card className="space-y-3 border-indigo-200">
      <h2 className="text-lg font-semibold">Card payment</h2>
      {!paymentId ? (
        <p className="text-sm text-slate-700">The payment is being prepared. Reload the order in a moment.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            Pay {formatMoney(order.totalMinor, order.currency)} by card. This is the test payment provider: no card is charged.
            Unpaid card orders are cancelled after 30 minutes.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button {...busyProps(settle.isPending)} onClick={() => press('succeeded')}>
              {settle.isPending && settle.variables === 'succeeded' ? 'Paying…' : 'Confirm test card payment'}
            </Button>
            {showCancel && <Button variant="secondary" {...busyProps(settle.isPending)} onClick={() => press('canceled')}>Cancel payment</Button>}
          </div>
        </>
      )}
      <ErrorNote error={settle.error} />
    </Card>
  );
}
