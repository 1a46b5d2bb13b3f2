import crypto from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { appendEvents } from '../../platform/events/outbox.js';
import { derivedUuid } from '../../platform/ids.js';
import type { MarketplaceService } from '../marketplace/index.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import { ORDER_ACTIONS, type Actor, type Order, type OrderAction } from './model.js';
import * as store from './store.js';

export interface BuyNow {
  listingId: string;
  quantity: number;
  /** The unit price the buyer was shown; the order is refused if it is no longer the price. */
  expectedUnitPriceMinor?: number;
}

/** The wallet transfers of an order, derived from its id: a retried step finds its transfer already there. */
const transferIds = (orderId: string) => ({
  hold: derivedUuid(`order:${orderId}:hold`),
  post: derivedUuid(`order:${orderId}:post`),
  void: derivedUuid(`order:${orderId}:void`),
  refund: derivedUuid(`order:${orderId}:refund`),
});

/**
 * Orders from buy-now: one transaction takes the stock (a conditional UPDATE on the listing), holds
 * the price on the buyer's wallet, and records the order and its event, so the three exist together
 * or not at all. Every later step locks the order row first, then touches the listing, then the
 * wallet: the same order as buying (listing, then wallet), so two steps never deadlock.
 */
export class Orders {
  constructor(private readonly wallet: WalletService, private readonly marketplace: MarketplaceService) {}

  async buyNow(tx: Executor, buyerId: string, input: BuyNow): Promise<Result<Order>> {
    const taken = await this.marketplace.takeStock(tx, input.listingId, buyerId, input.quantity);
    if (!taken) return this.whyNotTaken(tx, buyerId, input);
    const unitPriceMinor = taken.surge?.priceMinor ?? taken.priceMinor;
    if (input.expectedUnitPriceMinor !== undefined && input.expectedUnitPriceMinor !== unitPriceMinor) {
      return fail('ORDER_PRICE_CHANGED', `The unit price is now ${unitPriceMinor}.`, { unitPriceMinor, surge: taken.surge });
    }
    return this.createPaid(tx, {
      buyerId, sellerId: taken.sellerId, listingId: taken.listingId, title: taken.title, quantity: input.quantity, listPriceMinor: taken.priceMinor,
      surgeBp: taken.surge?.multiplierBp ?? 10_000, unitPriceMinor, currency: taken.currency,
    });
  }

  /**
   * An order for stock already taken (buy-now above; an auction's win or buy-now, whose unit was set
   * aside when it opened): holds the total on the buyer's wallet and records the order and its event.
   */
  async createPaid(tx: Executor, o: Omit<store.NewOrder, 'id' | 'totalMinor' | 'holdTransferId'>): Promise<Result<Order>> {
    const totalMinor = o.unitPriceMinor * o.quantity;
    if (!Number.isSafeInteger(totalMinor)) return fail('ORDER_TOTAL_TOO_LARGE');
    const id = crypto.randomUUID();
    const holdTransferId = totalMinor > 0 ? transferIds(id).hold : null;
    if (holdTransferId) {
      await this.wallet.ensureMemberAccount(tx, o.sellerId, o.currency);
      const paid = await this.pay(tx, {
        id: holdTransferId, kind: 'pending', debitAccountId: memberAccountId(o.buyerId, o.currency), creditAccountId: memberAccountId(o.sellerId, o.currency),
        amount: totalMinor, asset: o.currency, reference: `order:${id}`,
      });
      if (!paid.ok) return fail('ORDER_PAYMENT_REFUSED', undefined, { reason: paid.code });
    }
    await store.insertOrder(tx, { ...o, id, totalMinor, holdTransferId });
    await this.event(tx, id, 'order.paid', { buyerId: o.buyerId, sellerId: o.sellerId, listingId: o.listingId, totalMinor, currency: o.currency });
    return ok((await store.findOrder(tx, id, { memberId: o.buyerId, admin: false }))!);
  }

  /** Nothing was taken: the listing is not there for this buyer, is its own, or has too few left. */
  private async whyNotTaken(tx: Executor, buyerId: string, input: BuyNow): Promise<Result<never>> {
    const listing = await this.marketplace.findListing(tx, input.listingId, { memberId: buyerId, admin: false, buyer: true });
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
    if (action === 'cancel') await this.marketplace.returnStock(tx, order.listingId, order.quantity);
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

  private async pay(tx: Executor, transfer: TransferRequest): Promise<Result<null>> {
    const [result] = await this.wallet.transferBatch(tx, [transfer], true);
    if (result!.result === 'created' || result!.result === 'exists') return ok(null);
    return fail(result!.result);
  }

  /** A buyer rates the seller of its completed order, once. */
  async rate(tx: Executor, id: string, buyerId: string, stars: number, comment: string): Promise<Result<{ orderId: string; stars: number; comment: string }>> {
    const order = await store.findOrder(tx, id, { memberId: buyerId, admin: false });
    if (!order) return fail('ORDER_NOT_FOUND');
    if (order.buyerId !== buyerId) return fail('ORDER_ACTION_FORBIDDEN', 'Only the buyer rates an order.');
    if (order.state !== 'completed') return fail('ORDER_STATE_CONFLICT', 'Only a completed order can be rated.');
    if (!(await this.marketplace.rateSeller(tx, { orderId: id, sellerId: order.sellerId, buyerId, stars, comment }))) return fail('ORDER_ALREADY_RATED');
    return ok({ orderId: id, stars, comment });
  }

  private event(tx: Executor, orderId: string, type: string, payload: Record<string, unknown>): Promise<void> {
    return appendEvents(tx, [{ aggregateType: 'order', aggregateId: orderId, type, payload: { orderId, ...payload } }]);
  }
}
