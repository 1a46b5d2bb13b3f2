import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { Button, Card, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import type { Order } from './types';

/**
 * The card form of the sandbox payment provider: the buyer confirms (or cancels) the test payment,
 * which Trove applies as the provider's webhook would. A real provider's form would go here.
 */
export function CardStep({ order, onDone, showCancel = true }: { order: Order; onDone: (outcome: 'succeeded' | 'canceled') => void; showCancel?: boolean }) {
  const client = useQueryClient();
  const paymentId = order.payment.providerPaymentId;
  const settle = useMutation({
    mutationFn: (outcome: 'succeeded' | 'canceled') =>
      must(api.POST('/v1/payments/sandbox/{paymentId}/{outcome}', { params: { path: { paymentId: paymentId!, outcome } } })).then(() => outcome),
    onSuccess: async (outcome) => {
      await client.invalidateQueries({ queryKey: ['order', order.id] });
      void client.invalidateQueries({ queryKey: ['orders'] });
      onDone(outcome);
    },
  });

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
            <Button disabled={settle.isPending} onClick={() => settle.mutate('succeeded')}>
              {settle.isPending && settle.variables === 'succeeded' ? 'Paying…' : 'Confirm test card payment'}
            </Button>
            {showCancel && <Button variant="secondary" disabled={settle.isPending} onClick={() => settle.mutate('canceled')}>Cancel payment</Button>}
          </div>
        </>
      )}
      <ErrorNote error={settle.error} />
    </Card>
  );
}
