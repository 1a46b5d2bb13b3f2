import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, must, type Json } from '../api/client';
import { busyProps, ConfirmButton } from './ConfirmButton';
import { createIdempotencyKeys, type IdempotencyKeys } from './idempotency';
import { Badge, Button } from './kit';

/**
 * Orders for every page that shows them (the buyer's order page and list, the seller's orders to
 * fulfil): state labels and badges, the order's short name, and the steps after checkout.
 *
 * Steps (docs/orders.md, "Afterwards"):
 * - `STEPS` lists each step with who may take it, from which states, its button label, a sentence
 *   for what it does, what to say when done, and a confirmation for the ones that cannot be undone
 *   (refund, cancel);
 * - `stepsFor(order, viewer)` is the steps this viewer may take now;
 * - `useOrderStep()` takes a step: one POST /v1/orders/{id}/{step} at a time, with an
 *   Idempotency-Key kept for a retry after a lost answer (ui/idempotency.ts), then refreshes every
 *   cached read the step changes (the order, both sides' order lists, the wallet, the listings'
 *   stock, coupons, rewards progress);
 * - `StepButton` is a step's button: a plain button, or a ConfirmButton for refund and cancel.
 *
 * A page with one order:
 *   const step = useOrderStep();
 *   stepsFor(order, { isBuyer, isSeller }).map((s) =>
 *     <StepButton key={s.step} info={s} busy={!!step.pending} onTake={() => step.take(order, s.step)} />)
 *   <ErrorNote error={step.error} />  {step.done && <p role="status">{step.done.text}</p>}
 * A list of orders: the same, with `busy={step.pending?.orderId === o.id}`, `whatId` = the id of the
 * row's order name (so the button reads "Mark as shipped Order 1a2b3c4d"), and `step.failed?.orderId`
 * to show the error on its row.
 */

export type Order = Json<'/v1/orders/{id}', 'get'>;
export type OrderState = Order['state'];
export type OrderStep = 'ship' | 'deliver' | 'complete' | 'cancel' | 'refund';

/** Every state, in the order of an order's life (for filters). */
export const ORDER_STATES: readonly OrderState[] = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'];

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  pending_payment: 'Awaiting payment', paid: 'Paid', shipped: 'Shipped', delivered: 'Delivered', completed: 'Completed', cancelled: 'Cancelled', refunded: 'Refunded',
};
const ORDER_STATE_TONES: Record<OrderState, 'slate' | 'green' | 'amber' | 'red' | 'indigo'> = {
  pending_payment: 'amber', paid: 'indigo', shipped: 'indigo', delivered: 'indigo', completed: 'green', cancelled: 'slate', refunded: 'red',
};

export const orderStateLabel = (s: OrderState) => ORDER_STATE_LABELS[s];

export function StateBadge({ state }: { state: OrderState }) {
  return <Badge tone={ORDER_STATE_TONES[state]}>{ORDER_STATE_LABELS[state]}</Badge>;
}

/** "Order 1a2b3c4d": how people refer to an order. */
export const orderName = (id: string) => `Order ${id.slice(0, 8)}`;

export interface StepInfo {
  step: OrderStep;
  /** The button's label. */
  label: string;
  who: 'buyer' | 'seller' | 'either';
  from: readonly OrderState[];
  variant: 'primary' | 'secondary' | 'danger';
  /** What the step does, for a line next to the button. */
  explain: string;
  /** Completes "Order 1a2b3c4d …" once done. */
  done: string;
  /** Steps that cannot be undone ask first. */
  confirm?: { question: string; yes: string };
}

export const STEPS: readonly StepInfo[] = [
  { step: 'complete', label: 'Mark as received', who: 'buyer', from: ['shipped', 'delivered'], variant: 'primary', explain: 'Pays the seller the coins held for this order.', done: 'marked as received' },
  { step: 'ship', label: 'Mark as shipped', who: 'seller', from: ['paid'], variant: 'primary', explain: 'Tells the buyer the goods are on their way.', done: 'marked as shipped' },
  { step: 'deliver', label: 'Mark as delivered', who: 'seller', from: ['shipped'], variant: 'primary', explain: 'Tells the buyer the goods have arrived.', done: 'marked as delivered' },
  {
    step: 'refund', label: 'Refund', who: 'seller', from: ['shipped', 'delivered', 'completed'], variant: 'danger',
    explain: 'Gives the buyer the payment back; the goods are not returned to stock.', done: 'refunded',
    confirm: { question: 'Refund the buyer in full? This cannot be undone.', yes: 'Yes, refund' },
  },
  {
    step: 'cancel', label: 'Cancel order', who: 'either', from: ['pending_payment', 'paid'], variant: 'danger',
    explain: 'Releases the payment and puts the items back in stock.', done: 'cancelled',
    confirm: { question: 'Cancel this order? The payment is released and the items go back in stock.', yes: 'Yes, cancel' },
  },
];

export const stepInfo = (step: OrderStep): StepInfo => STEPS.find((s) => s.step === step)!;

/** The steps a viewer may take on an order now (an admin is both buyer and seller). */
export function stepsFor(order: Pick<Order, 'state'>, viewer: { isBuyer: boolean; isSeller: boolean }): StepInfo[] {
  return STEPS.filter((s) => s.from.includes(order.state)
    && (s.who === 'either' ? viewer.isBuyer || viewer.isSeller : s.who === 'buyer' ? viewer.isBuyer : viewer.isSeller));
}

/** What a step needs to know about its order: its id, and its lines to refresh their listings' stock. */
export type StepTarget = Pick<Order, 'id'> & { lines?: readonly { listingId: string }[] };
export interface StepRun { orderId: string; step: OrderStep }

/** Query keys whose data a step changes (besides the order itself and its listings). */
const CHANGED_BY_A_STEP = new Set(['orders', 'seller-orders', 'wallet', 'coupons', 'progress', 'my-listings', 'listings', 'nearby']);

/** Takes order steps, one at a time (see the top of this file). */
export function useOrderStep(options: { onDone?: (order: Order, step: OrderStep) => void } = {}) {
  const client = useQueryClient();
  const keepers = useRef(new Map<string, IdempotencyKeys>());
  const inFlight = useRef(false);
  const [done, setDone] = useState<{ order: Order; step: OrderStep; text: string } | null>(null);
  const onDone = useRef(options.onDone);
  onDone.current = options.onDone;

  const refresh = (target: StepTarget) => {
    const listings = new Set(target.lines?.map((l) => l.listingId) ?? []);
    void client.invalidateQueries({
      predicate: (q) => {
        const [head, id] = q.queryKey;
        return (typeof head === 'string' && CHANGED_BY_A_STEP.has(head)) || (head === 'listing' && typeof id === 'string' && listings.has(id));
      },
    });
  };

  const mutation = useMutation({
    mutationFn: ({ target, step }: { target: StepTarget; step: OrderStep }) => {
      let keys = keepers.current.get(target.id);
      if (!keys) keepers.current.set(target.id, (keys = createIdempotencyKeys()));
      return keys.run({ step }, (key) => must(api.POST('/v1/orders/{id}/{action}', {
        params: { path: { id: target.id, action: step } }, headers: { 'Idempotency-Key': key },
      })));
    },
    onSuccess: (updated, { target, step }) => {
      client.setQueryData(['order', updated.id], updated);
      refresh(target);
      setDone({ order: updated, step, text: `${orderName(updated.id)} ${stepInfo(step).done}.` });
      onDone.current?.(updated, step);
    },
    onError: (_err, { target }) => {
      // Someone else may have moved the order: read it again so the buttons match its state.
      void client.invalidateQueries({ queryKey: ['order', target.id] });
      refresh(target);
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });

  const vars = mutation.variables;
  const run = vars ? { orderId: vars.target.id, step: vars.step } : null;
  return {
    /** Takes `step` on the order, unless a step is in flight already. */
    take(target: StepTarget, step: OrderStep) {
      if (inFlight.current) return;
      inFlight.current = true;
      setDone(null);
      mutation.mutate({ target, step });
    },
    /** The step in flight, or null. */
    pending: mutation.isPending ? run : null,
    /** The last step's failure (an ApiError with a human message), or null. */
    error: mutation.error,
    /** Which order and step the error is about. */
    failed: mutation.isError ? run : null,
    /** The last step taken, with a sentence for a status line ("Order 1a2b3c4d marked as shipped."). */
    done,
    /** Forgets the error and the last step (e.g. when the list's filter changes). */
    reset() {
      mutation.reset();
      setDone(null);
    },
  };
}

/**
 * A step's button: plain, or asking first (refund, cancel). `whatId` names the order (a row's
 * order name) in the button's accessible name; `busy` keeps it focusable but inert while a step is in flight.
 */
export function StepButton({ info, busy, onTake, whatId, working }: { info: StepInfo; busy: boolean; onTake: () => void; whatId?: string; working?: boolean }) {
  const id = useId();
  if (info.confirm) {
    return <ConfirmButton label={info.label} confirm={info.confirm.yes} question={info.confirm.question} whatId={whatId} busy={busy} onConfirm={onTake} />;
  }
  return (
    <Button id={id} variant={info.variant} {...busyProps(busy)} {...(whatId ? { 'aria-labelledby': `${id} ${whatId}` } : {})}
      onClick={() => !busy && onTake()}>
      {working ? 'Working…' : info.label}
    </Button>
  );
}
