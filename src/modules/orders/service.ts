import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import type { PromotionsService } from '../promotions/index.js';
import { couponDiscount, type CouponsService } from '../coupons/index.js';
import type { TakenStock } from '../marketplace/index.js';
import { recordPromotions, redeemPromotions, reversePromotions, type AppliedToOrder, type MemberFacts } from './promotions.js';
import { every } from '../../platform/periodic.js';
import type { PaymentProvider } from '../payments/provider.js';
import { AppError, fail, ok, type Result } from '../../platform/errors.js';
import { appendEvents } from '../../platform/events/outbox.js';
import { derivedUuid } from '../../platform/ids.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import { ORDER_ACTIONS, ORDER_POLICY, type Actor, type Order, type OrderAction } from './model.js';
import * as store from './store.js';

export interface BuyNow {
  listingId: string;
  quantity: number;
  /** wallet: held at once; card: the order waits for the provider's webhook. */
  payment: 'wallet' | 'card';
  /** Coupon codes for the promotions that ask for one. */
  couponCodes?: string[];
  /** A coupon the buyer holds, redeemed with the order through the coupon engine. */
  couponId?: string;
  /** The unit price the buyer was shown; the order is refused if it is no longer the price. */
  expectedUnitPriceMinor?: number;
}

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
 * Orders from buy-now: one transaction takes the stock (a conditional UPDATE on the listing), holds
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
      promotions: Pick<PromotionsService, 'evaluate' | 'redeem' | 'reverse'>; memberFacts: MemberFacts;
      coupons: Pick<CouponsService, 'redeem' | 'giveBack' | 'findCampaign'>; log?: Logger | null;
    },
  ) {}

  async buyNow(tx: Tx, buyerId: string, input: BuyNow): Promise<Result<Order>> {
    if (input.payment === 'card' && !this.deps.provider) return fail('PAYMENT_METHOD_UNAVAILABLE', 'No card payment provider is configured.');
    const taken = await this.deps.marketplace.takeStock(tx, input.listingId, buyerId, input.quantity);
    if (!taken) return this.whyNotTaken(tx, buyerId, input);
    const unitPriceMinor = taken.surge?.priceMinor ?? taken.priceMinor;
    if (input.expectedUnitPriceMinor !== undefined && input.expectedUnitPriceMinor !== unitPriceMinor) {
      return fail('ORDER_PRICE_CHANGED', `The unit price is now ${unitPriceMinor}.`, { unitPriceMinor, surge: taken.surge });
    }
    const id = crypto.randomUUID();
    const priced = await redeemPromotions(tx, this.deps, {
      orderId: id, buyerId, taken, unitPriceMinor, quantity: input.quantity, couponCodes: input.couponCodes ?? [], paymentMethod: input.payment,
    });
    if (!priced.ok) return priced;
    const coupon = input.couponId ? await this.redeemCoupon(tx, input.couponId, buyerId, id, taken, unitPriceMinor * input.quantity - priced.value.discountMinor) : ok(null);
    if (!coupon.ok) return coupon;
    return this.createPaid(tx, {
      buyerId, sellerId: taken.sellerId, listingId: taken.listingId, title: taken.title, quantity: input.quantity, listPriceMinor: taken.priceMinor,
      surgeBp: taken.surge?.multiplierBp ?? 10_000, unitPriceMinor, currency: taken.currency, method: input.payment,
      discountMinor: priced.value.discountMinor + (coupon.value?.discountMinor ?? 0), cashbackCoins: priced.value.cashbackCoins,
      coupon: coupon.value, promotions: priced.value.applied,
    }, id);
  }

  /**
   * An order for stock already taken (buy-now above; an auction's win or buy-now, whose unit was set
   * aside when it opened): holds the total on the buyer's wallet and records the order and its event.
   */
  async createPaid(
    tx: Executor,
    o: Omit<store.NewOrder, 'id' | 'totalMinor' | 'holdTransferId' | 'discountMinor' | 'cashbackCoins' | 'coupon'>
      & { discountMinor?: number; cashbackCoins?: number; coupon?: Order['coupon']; promotions?: readonly AppliedToOrder[] },
    id: string = crypto.randomUUID(),
  ): Promise<Result<Order>> {
    const discountMinor = o.discountMinor ?? 0;
    const totalMinor = o.unitPriceMinor * o.quantity - discountMinor;
    if (!Number.isSafeInteger(o.unitPriceMinor * o.quantity)) return fail('ORDER_TOTAL_TOO_LARGE');
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
    await store.insertOrder(tx, { ...o, id, totalMinor, holdTransferId, discountMinor, cashbackCoins: o.cashbackCoins ?? 0, coupon: o.coupon ?? null });
    await recordPromotions(tx, id, o.promotions ?? []);
    if (o.method === 'wallet') await this.event(tx, id, 'order.paid', { buyerId: o.buyerId, sellerId: o.sellerId, listingId: o.listingId, totalMinor, currency: o.currency });
    return ok((await store.findOrder(tx, id, { memberId: o.buyerId, admin: false }))!);
  }

  /** Redeems the buyer's coupon with the order and values it on what is left after promotions. */
  private async redeemCoupon(tx: Tx, couponId: string, buyerId: string, orderId: string, taken: TakenStock, amountMinor: number): Promise<Result<{ id: string; discountMinor: number }>> {
    const redeemed = await this.deps.coupons.redeem(tx, couponId, buyerId, orderId, null);
    if (!redeemed.ok) return redeemed;
    const campaign = (await this.deps.coupons.findCampaign(tx, redeemed.value.campaignId))!;
    const applies = couponDiscount(campaign, { currency: taken.currency, sellerId: taken.sellerId, category: taken.category, amountMinor });
    if (!applies.ok) return fail('ORDER_COUPON_NOT_APPLICABLE', undefined, { reason: applies.reason });
    return ok({ id: couponId, discountMinor: applies.discountMinor });
  }

  /** Nothing was taken: the listing is not there for this buyer, is its own, or has too few left. */
  private async whyNotTaken(tx: Executor, buyerId: string, input: BuyNow): Promise<Result<never>> {
    const listing = await this.deps.marketplace.findListing(tx, input.listingId, { memberId: buyerId, admin: false, buyer: true });
    if (!listing) return fail('LISTING_NOT_FOUND');
    if (listing.sellerId === buyerId) return fail('ORDER_OWN_LISTING');
    if (listing.state !== 'active') return fail('LISTING_STATE_CONFLICT', 'The listing is not for sale.');
    return fail('ORDER_OUT_OF_STOCK', `${listing.quantity} left.`, { available: listing.quantity });
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
    if (action === 'cancel') await this.deps.marketplace.returnStock(tx, order.listingId, order.quantity);
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
    await this.event(tx, order.id, 'order.paid', { buyerId: order.buyerId, sellerId: order.sellerId, listingId: order.listingId, totalMinor: order.totalMinor, currency: order.currency });
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
    await this.deps.marketplace.returnStock(tx, order.listingId, order.quantity);
    await this.giveBenefitsBack(tx, order);
    await store.setState(tx, order.id, 'cancelled', null);
    await this.event(tx, order.id, 'order.cancelled', { buyerId: order.buyerId, sellerId: order.sellerId, reason: 'payment_canceled' });
    return 'applied';
  }

  /** Cancels card orders unpaid past their time (each once, in whichever process gets there first). */
  async cancelStalePending(ttlMs = ORDER_POLICY.pendingPaymentTtlMs): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const stale = await store.lockStalePending(tx, ttlMs, 100);
      for (const order of stale) {
        await this.deps.marketplace.returnStock(tx, order.listingId, order.quantity);
        await this.giveBenefitsBack(tx, order);
        if (order.payment.providerPaymentId) await this.deps.provider?.cancel(tx, order.payment.providerPaymentId);
        await store.setState(tx, order.id, 'cancelled', null);
        await this.event(tx, order.id, 'order.cancelled', { buyerId: order.buyerId, sellerId: order.sellerId, reason: 'payment_timeout' });
      }
      return stale.length;
    });
  }

  start(): void {
    this.stopSweep ??= every(ORDER_POLICY.pendingSweepIntervalMs, () => this.cancelStalePending(), this.deps.log ?? null, 'unpaid order sweep');
  }

  stop(): void {
    this.stopSweep?.();
    this.stopSweep = null;
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
