import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import type { PromotionsService } from '../promotions/index.js';
import type { CouponsService } from '../coupons/index.js';
import { couponOnLines, orderLineOf, stockLines, subtotalOf, type Checkout } from './checkout.js';
import {
  evaluateCheckout, recordPromotions, redeemPromotions, reversePromotions, type AppliedToOrder, type CartEvaluation, type MemberFacts, type PricedLine,
} from './promotions.js';
import { every } from '../../platform/periodic.js';
import type { PaymentProvider } from '../payments/provider.js';
import { AppError, fail, ok, type Result } from '../../platform/errors.js';
import { appendEvents } from '../../platform/events/outbox.js';
import { derivedUuid } from '../../platform/ids.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import { ORDER_ACTIONS, ORDER_POLICY, type Actor, type Order, type OrderAction, type Quote } from './model.js';
import * as store from './store.js';

/**
 * A promotion that did not apply is named to the buyer only when what failed is about the cart
 * (its items, amount, quantity, payment, channel, place): one aimed at other members (groups, new
 * or first-time buyers), behind a code, or not running now stays unknown to it.
 */
const CART_CONDITIONS = new Set(['products', 'categories', 'brands', 'sellers', 'campaigns', 'min_cart_amount', 'min_quantity', 'payment_method', 'channel', 'region']);
const shownToBuyer = (n: { failures: readonly { condition: string }[] }) => n.failures.every((f) => CART_CONDITIONS.has(f.condition));

/** Trove itself, acting on an order (a provider's event): it sees every order. */
const TROVE: Actor = { memberId: '00000000-0000-0000-0000-000000000000', admin: true };

/** The wallet transfers of an order, derived from its id: a retried step finds its transfer already there. */
const transferIds = (orderId: string) => ({
  hold: derivedUuid(`order:${orderId}:hold`),
  post: derivedUuid(`order:${orderId}:post`),
  void: derivedUuid(`order:${orderId}:void`),
  refund: derivedUuid(`order:${orderId}:refund`),
  cashback: derivedUuid(`order:${orderId}:cashback`),
  cashbackBack: derivedUuid(`order:${orderId}:cashback-back`),
});

/**
 * Orders from a checkout: one transaction takes the stock (a conditional UPDATE per listing), holds
 * the price on the buyer's wallet, and records the order and its event, so the three exist together
 * or not at all. Every later step locks the order row first, then touches the listing, then the
 * wallet: the same order as buying (listing, then wallet), so two steps never deadlock.
 */
export class Orders {
  private stopSweep: (() => void) | null = null;


  constructor(
    private readonly db: Db,
    private readonly deps: {
      wallet: WalletService; marketplace: MarketplaceService; provider: PaymentProvider | null;
      promotions: Pick<PromotionsService, 'evaluate' | 'nameOf' | 'redeem' | 'reverse'>; memberFacts: MemberFacts;
      coupons: Pick<CouponsService, 'redeem' | 'redeemable' | 'giveBack' | 'findCampaign'>; log?: Logger | null;
    },
  ) {}

  /**
   * A checkout (buy-now or a cart of one seller's listings): in the caller's transaction, takes each
   * line's stock, redeems the promotions that apply and the buyer's coupon, and holds the total on
   * the buyer's wallet (or waits for the card payment). Any refusal rolls all of it back.
   */
  async checkout(tx: Tx, buyerId: string, input: Checkout): Promise<Result<Order>> {
    if (input.payment === 'card' && !this.deps.provider) return fail('PAYMENT_METHOD_UNAVAILABLE', 'No card payment provider is configured.');
    const lines = await stockLines(tx, this.deps.marketplace, buyerId, input.lines, 'take');
    if (!lines.ok) return lines;
    const id = crypto.randomUUID();
    const evaluation = await evaluateCheckout(tx, this.deps, { buyerId, lines: lines.value, couponCodes: input.couponCodes ?? [], paymentMethod: input.payment });
    const applied = await redeemPromotions(tx, this.deps.promotions, { orderId: id, buyerId, evaluation });
    if (!applied.ok) return applied;
    const coupon = input.couponId ? await this.redeemCoupon(tx, input.couponId, buyerId, id, lines.value, evaluation) : ok(null);
    if (!coupon.ok) return coupon;
    const { sellerId, currency } = lines.value[0]!.stock;
    return this.createPaid(tx, {
      buyerId, sellerId, currency, method: input.payment, lines: lines.value.map(orderLineOf),
      discountMinor: evaluation.totalDiscountMinor + (coupon.value?.discountMinor ?? 0), cashbackCoins: applied.value.reduce((sum, a) => sum + a.cashbackCoins, 0),
      coupon: coupon.value, promotions: applied.value,
    }, id);
  }

  /**
   * What checking out would cost now, without taking anything: the lines at today's prices, the
   * promotions that would apply and why the others would not (with near misses: "add 42.50 more"),
   * the coupon's value, and the totals. Refused for the same reasons as the checkout itself.
   */
  async quote(ex: Executor, buyerId: string, input: Omit<Checkout, 'payment'> & { payment?: Checkout['payment'] }): Promise<Result<Quote>> {
    const lines = await stockLines(ex, this.deps.marketplace, buyerId, input.lines, 'peek');
    if (!lines.ok) return lines;
    const evaluation = await evaluateCheckout(ex, this.deps, { buyerId, lines: lines.value, couponCodes: input.couponCodes ?? [], paymentMethod: input.payment ?? 'wallet' });
    let coupon: Quote['coupon'] = null;
    if (input.couponId) {
      const usable = await this.deps.coupons.redeemable(ex, input.couponId, buyerId, null);
      if (!usable.ok) return usable;
      const value = couponOnLines((await this.deps.coupons.findCampaign(ex, usable.value.campaignId))!, lines.value, evaluation);
      if (!value.ok) return value;
      coupon = { id: usable.value.id, discountMinor: value.value };
    }
    const subtotalMinor = subtotalOf(lines.value);
    const discountMinor = evaluation.totalDiscountMinor + (coupon?.discountMinor ?? 0);
    return ok({
      sellerId: lines.value[0]!.stock.sellerId, currency: lines.value[0]!.stock.currency, lines: lines.value.map(orderLineOf), subtotalMinor, discountMinor,
      totalMinor: subtotalMinor - discountMinor, cashbackCoins: evaluation.applied.reduce((sum, a) => sum + a.cashbackCoins, 0), coupon,
      promotions: { applied: this.named(evaluation.applied), notApplied: this.named(evaluation.notApplied.filter(shownToBuyer)), nearMisses: this.named(evaluation.nearMisses) },
    });
  }

  private named<T extends { promotionId: string }>(items: readonly T[]): (T & { name: string })[] {
    return items.map((i) => ({ ...i, name: this.deps.promotions.nameOf(i.promotionId) ?? '' }));
  }

  /**
   * An order for stock already taken (a checkout above; an auction's win or buy-now, whose unit was
   * set aside when it opened): holds the total on the buyer's wallet and records the order and its event.
   */
  async createPaid(
    tx: Executor,
    o: Omit<store.NewOrder, 'id' | 'subtotalMinor' | 'totalMinor' | 'holdTransferId' | 'discountMinor' | 'cashbackCoins' | 'coupon'>
      & { discountMinor?: number; cashbackCoins?: number; coupon?: Order['coupon']; promotions?: readonly AppliedToOrder[] },
    id: string = crypto.randomUUID(),
  ): Promise<Result<Order>> {
    const discountMinor = o.discountMinor ?? 0;
    const subtotalMinor = subtotalOf(o.lines);
    if (!Number.isSafeInteger(subtotalMinor)) return fail('ORDER_TOTAL_TOO_LARGE');
    const totalMinor = subtotalMinor - discountMinor;
    if (o.method === 'card' && totalMinor === 0) return fail('VALIDATION_FAILED', 'A free order is not paid by card.');
    const holdTransferId = o.method === 'wallet' && totalMinor > 0 ? transferIds(id).hold : null;
    if (holdTransferId) {
      await this.deps.wallet.ensureMemberAccount(tx, o.sellerId, o.currency);
      const paid = await this.pay(tx, {
        id: holdTransferId, kind: 'pending', debitAccountId: memberAccountId(o.buyerId, o.currency), creditAccountId: memberAccountId(o.sellerId, o.currency),
        amount: totalMinor, asset: o.currency, reference: `order:${id}`,
      });
      if (!paid.ok) return fail('ORDER_PAYMENT_REFUSED', undefined, { reason: paid.code });
    }
    await store.insertOrder(tx, { ...o, id, subtotalMinor, totalMinor, holdTransferId, discountMinor, cashbackCoins: o.cashbackCoins ?? 0, coupon: o.coupon ?? null });
    await recordPromotions(tx, id, o.promotions ?? []);
    if (o.method === 'wallet') {
      // listingId (the first line's) stays for consumers written before carts.
      await this.event(tx, id, 'order.paid', { buyerId: o.buyerId, sellerId: o.sellerId, listingId: o.lines[0]!.listingId, listingIds: o.lines.map((l) => l.listingId), totalMinor, currency: o.currency });
    }
    return ok((await store.findOrder(tx, id, { memberId: o.buyerId, admin: false }))!);
  }

  /** Redeems the buyer's coupon with the order and values it on what is left after promotions. */
  private async redeemCoupon(tx: Tx, couponId: string, buyerId: string, orderId: string, lines: readonly PricedLine[], evaluation: CartEvaluation): Promise<Result<{ id: string; discountMinor: number }>> {
    const redeemed = await this.deps.coupons.redeem(tx, couponId, buyerId, orderId, null);
    if (!redeemed.ok) return redeemed;
    const value = couponOnLines((await this.deps.coupons.findCampaign(tx, redeemed.value.campaignId))!, lines, evaluation);
    return value.ok ? ok({ id: redeemed.value.id, discountMinor: value.value }) : value;
  }

  async find(ex: Executor, id: string, actor: Actor): Promise<Order | null> {
    return store.findOrder(ex, id, actor);
  }

  list(ex: Executor, memberId: string, query: store.OrderListQuery) {
    return store.listOrders(ex, memberId, query);
  }

  /** ship, deliver, complete, cancel or refund, by whom ORDER_ACTIONS allows, with its stock and wallet effects. */
  async act(tx: Executor, id: string, actor: Actor, action: OrderAction): Promise<Result<Order>> {
    const order = await store.findOrder(tx, id, actor, true);
    if (!order) return fail('ORDER_NOT_FOUND');
    const rule = ORDER_ACTIONS[action];
    const role = actor.memberId === order.buyerId ? 'buyer' : actor.memberId === order.sellerId ? 'seller' : null;
    if (!actor.admin && rule.by !== 'either' && rule.by !== role) return fail('ORDER_ACTION_FORBIDDEN', `Only the ${rule.by} may ${action} an order.`);
    if (!(rule.from as readonly string[]).includes(order.state)) return fail('ORDER_STATE_CONFLICT', `A ${order.state} order cannot be ${rule.to}.`);
    const moved = await this.moveMoney(tx, order, action);
    if (!moved.ok) return moved;
    await store.setState(tx, id, rule.to, actor.memberId);
    await this.event(tx, id, `order.${rule.to}`, { buyerId: order.buyerId, sellerId: order.sellerId, totalMinor: order.totalMinor, currency: order.currency });
    return ok((await store.findOrder(tx, id, actor))!);
  }

  private async moveMoney(tx: Executor, order: Order, action: OrderAction): Promise<Result<null>> {
    const hold = order.payment.holdTransferId;
    if (action === 'cancel') await this.returnStock(tx, order);
    if (action === 'cancel' || action === 'refund') await this.giveBenefitsBack(tx, order);
    const cashback = await this.moveCashback(tx, order, action);
    if (!cashback.ok) return cashback;
    if (order.payment.method === 'card') return this.moveCardMoney(tx, order, action);
    if (!hold) return ok(null);
    const ids = transferIds(order.id);
    const reference = `order:${order.id}`;
    if (action === 'complete') return this.pay(tx, { id: ids.post, kind: 'post_pending', pendingId: hold, amount: order.totalMinor, reference });
    if (action === 'cancel' || (action === 'refund' && order.state !== 'completed')) return this.pay(tx, { id: ids.void, kind: 'void_pending', pendingId: hold, reference });
    if (action === 'refund') {
      // Completed: the seller was paid; the refund takes it back, which its balance must allow.
      const refunded = await this.pay(tx, { id: ids.refund, kind: 'reversal', reversesId: ids.post, amount: order.totalMinor, reference });
      return refunded.ok ? refunded : fail('ORDER_REFUND_REFUSED', undefined, { reason: refunded.code });
    }
    return ok(null);
  }

  /** A cancelled or refunded order gives its promotions' uses and its coupon back (whichever path cancels it). */
  private async giveBenefitsBack(tx: Executor, order: Order): Promise<void> {
    await reversePromotions(tx as Tx, this.deps.promotions, order.id);
    if (!order.coupon) return;
    const back = await this.deps.coupons.giveBack(tx, order.coupon.id, order.id);
    if (!back.ok) throw new Error(`giving coupon ${order.coupon.id} back from order ${order.id} failed: ${back.code}`);
  }

  /**
   * Coin cashback from the order's promotions is paid when the order completes (new coins, from
   * issuance, into the buyer's COIN wallet) and taken back if a completed order is refunded, as far
   * as the buyer still has them: coins already spent stay spent (the event says so).
   */
  private async moveCashback(tx: Executor, order: Order, action: OrderAction): Promise<Result<null>> {
    if (order.cashbackCoins === 0) return ok(null);
    const ids = transferIds(order.id);
    if (action === 'complete') {
      await this.deps.wallet.ensureMemberAccount(tx, order.buyerId, 'COIN');
      return this.pay(tx, { id: ids.cashback, kind: 'posted', debitAccountId: 'sys:issuance:COIN', creditAccountId: memberAccountId(order.buyerId, 'COIN'), amount: order.cashbackCoins, asset: 'COIN', reference: `order:${order.id}:cashback` });
    }
    if (action === 'refund' && order.state === 'completed') {
      const account = memberAccountId(order.buyerId, 'COIN');
      const back = Math.min(order.cashbackCoins, (await this.deps.wallet.availableOf(tx, [account])).get(account) ?? 0);
      if (back > 0) await this.pay(tx, { id: ids.cashbackBack, kind: 'reversal', reversesId: ids.cashback, amount: back, reference: `order:${order.id}:cashback` });
      if (back < order.cashbackCoins) await this.event(tx, order.id, 'order.cashback_kept', { buyerId: order.buyerId, cashbackCoins: order.cashbackCoins - back });
    }
    return ok(null);
  }

  /**
   * A card order's money is the provider's: cancelling an unpaid one cancels its payment, a paid one
   * is refunded; completion moves nothing here (the provider pays the seller out). The sandbox
   * provider answers in-process; a networked one would be called from the outbox instead.
   */
  private async moveCardMoney(tx: Executor, order: Order, action: OrderAction): Promise<Result<null>> {
    const payment = order.payment.providerPaymentId;
    if (!payment || !this.deps.provider || action === 'complete' || action === 'ship' || action === 'deliver') return ok(null);
    if (order.state === 'pending_payment') await this.deps.provider.cancel(tx, payment);
    else await this.deps.provider.refund(tx, payment, order.totalMinor);
    return ok(null);
  }

  /** After a card order commits: its payment at the provider, which the buyer's client then confirms. */
  async startCardPayment(order: Order): Promise<{ providerPaymentId: string; clientSecret: string }> {
    if (!this.deps.provider) throw new AppError('PAYMENT_METHOD_UNAVAILABLE');
    const payment = await this.deps.provider.createPayment({ orderId: order.id, amountMinor: order.totalMinor, currency: order.currency });
    await store.attachPayment(this.db, order.id, payment.id);
    return { providerPaymentId: payment.id, clientSecret: payment.clientSecret };
  }

  /**
   * The provider says a payment succeeded (its webhook, verified and deduplicated by payments).
   * Only a card order waiting for it moves, to paid; anything else is reported and left alone, so
   * a late or repeated event never moves an order backwards. A payment that succeeds for an order
   * already cancelled (unpaid too long) is refunded.
   */
  async cardPaymentSucceeded(tx: Executor, paymentId: string, amountMinor: number, currency: string, orderId: string | null): Promise<string> {
    const order = await this.orderOfPayment(tx, paymentId, orderId);
    if (!order) return 'unknown_payment';
    if (order.state === 'cancelled' || amountMinor !== order.totalMinor || currency.toUpperCase() !== order.currency) {
      // Money the order cannot take (it is gone, or another amount) goes back to the buyer.
      await this.deps.provider?.refund(tx, paymentId, amountMinor);
      return order.state === 'cancelled' ? 'refunded_order_cancelled' : 'refunded_amount_mismatch';
    }
    if (order.state !== 'pending_payment') return `ignored_order_${order.state}`;
    await store.setState(tx, order.id, 'paid', null);
    await this.event(tx, order.id, 'order.paid', { buyerId: order.buyerId, sellerId: order.sellerId, listingId: order.lines[0]!.listingId, listingIds: order.lines.map((l) => l.listingId), totalMinor: order.totalMinor, currency: order.currency });
    return 'applied';
  }

  /**
   * The card order a payment is for, locked: by the payment's id, or, when the provider's event comes
   * before the order recorded that id (it is stored after the provider answers), by the order id
   * the payment carries in its metadata, which then records it.
   */
  private async orderOfPayment(tx: Executor, paymentId: string, orderId: string | null): Promise<Order | null> {
    const byPayment = await store.lockByPayment(tx, paymentId);
    if (byPayment || !orderId) return byPayment;
    const order = await store.findOrder(tx, orderId, TROVE, true);
    if (!order || order.payment.method !== 'card' || order.payment.providerPaymentId !== null) return null;
    await store.attachPayment(tx, order.id, paymentId);
    return { ...order, payment: { ...order.payment, providerPaymentId: paymentId } };
  }

  /** The provider says a payment was cancelled: a card order still waiting for it is cancelled and its stock given back. */
  async cardPaymentCanceled(tx: Executor, paymentId: string, orderId: string | null): Promise<string> {
    const order = await this.orderOfPayment(tx, paymentId, orderId);
    if (!order) return 'unknown_payment';
    if (order.state !== 'pending_payment') return `ignored_order_${order.state}`;
    await this.returnStock(tx, order);
    await this.giveBenefitsBack(tx, order);
    await store.setState(tx, order.id, 'cancelled', null);
    await this.event(tx, order.id, 'order.cancelled', { buyerId: order.buyerId, sellerId: order.sellerId, reason: 'payment_canceled' });
    return 'applied';
  }

  /**
   * Cancels card orders unpaid past their time, each once (in whichever process gets there first)
   * and each in a transaction of its own: its listings are then locked in id order like any
   * checkout's, and nothing else is held meanwhile, so the sweep never deadlocks with buyers.
   */
  async cancelStalePending(ttlMs = ORDER_POLICY.pendingPaymentTtlMs): Promise<number> {
    let cancelled = 0;
    while (cancelled < ORDER_POLICY.pendingSweepBatchMax) {
      const swept = await this.db.transaction().execute(async (tx) => {
        const [order] = await store.lockStalePending(tx, ttlMs, 1);
        if (!order) return false;
        await this.returnStock(tx, order);
        await this.giveBenefitsBack(tx, order);
        if (order.payment.providerPaymentId) await this.deps.provider?.cancel(tx, order.payment.providerPaymentId);
        await store.setState(tx, order.id, 'cancelled', null);
        await this.event(tx, order.id, 'order.cancelled', { buyerId: order.buyerId, sellerId: order.sellerId, reason: 'payment_timeout' });
        return true;
      });
      if (!swept) break;
      cancelled += 1;
    }
    return cancelled;
  }

  start(): void {
    this.stopSweep ??= every(ORDER_POLICY.pendingSweepIntervalMs, () => this.cancelStalePending(), this.deps.log ?? null, 'unpaid order sweep');
  }

  stop(): void {
    this.stopSweep?.();
    this.stopSweep = null;
  }

  /** A cancelled order's stock goes back, listing by listing in id order (the order buying takes them in). */
  private async returnStock(tx: Executor, order: Order): Promise<void> {
    for (const line of [...order.lines].sort((a, b) => (a.listingId < b.listingId ? -1 : 1))) {
      await this.deps.marketplace.returnStock(tx, line.listingId, line.quantity);
    }
  }

  private async pay(tx: Executor, transfer: TransferRequest): Promise<Result<null>> {
    const [result] = await this.deps.wallet.transferBatch(tx, [transfer], true);
    if (result!.result === 'created' || result!.result === 'exists') return ok(null);
    return fail(result!.result);
  }

  /** A buyer rates the seller of its completed order, once. */
  async rate(tx: Executor, id: string, buyerId: string, stars: number, comment: string): Promise<Result<{ orderId: string; stars: number; comment: string }>> {
    const order = await store.findOrder(tx, id, { memberId: buyerId, admin: false });
    if (!order) return fail('ORDER_NOT_FOUND');
    if (order.buyerId !== buyerId) return fail('ORDER_ACTION_FORBIDDEN', 'Only the buyer rates an order.');
    if (order.state !== 'completed') return fail('ORDER_STATE_CONFLICT', 'Only a completed order can be rated.');
    if (!(await this.deps.marketplace.rateSeller(tx, { orderId: id, sellerId: order.sellerId, buyerId, stars, comment }))) return fail('ORDER_ALREADY_RATED');
    return ok({ orderId: id, stars, comment });
  }

  private event(tx: Executor, orderId: string, type: string, payload: Record<string, unknown>): Promise<void> {
    return appendEvents(tx, [{ aggregateType: 'order', aggregateId: orderId, type, payload: { orderId, ...payload } }]);
  }
}
