import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Actor, Order, OrderLine, OrderState } from './model.js';

/** The orders' SQL. An order exists only for its buyer, its seller and admins (visibleTo). */

interface OrderRow {
  id: string;
  buyer_id: string;
  seller_id: string;
  buyer_name: string;
  seller_name: string;
  rating: { stars: number; comment: string } | null;
  lines: OrderLine[];
  subtotal_minor: string;
  discount_minor: string;
  cashback_coins: string;
  coupon_id: string | null;
  coupon_discount_minor: string;
  total_minor: string;
  currency: string;
  payment_method: 'wallet' | 'card';
  hold_transfer_id: string | null;
  provider_payment_id: string | null;
  state: OrderState;
  created_at: Date;
  created_at_exact: string;
  updated_at: Date;
  history: { from: OrderState | null; to: OrderState; by: string | null; at: string }[];
}

export type NewOrder = Omit<Order, 'state' | 'history' | 'createdAt' | 'updatedAt' | 'payment' | 'buyerName' | 'sellerName' | 'rating'> & { method: 'wallet' | 'card'; holdTransferId: string | null };

const visibleTo = (a: Actor) => sql<boolean>`(o.buyer_id = ${a.memberId}::uuid OR o.seller_id = ${a.memberId}::uuid OR ${a.admin}::boolean)`;

const SELECT_ORDER = sql`SELECT o.*, o.created_at::text AS created_at_exact,
  (SELECT display_name FROM members.members WHERE id = o.buyer_id) AS buyer_name,
  (SELECT display_name FROM members.members WHERE id = o.seller_id) AS seller_name,
  (SELECT json_build_object('stars', r.stars, 'comment', r.comment) FROM marketplace.ratings r WHERE r.order_id = o.id) AS rating,
  (SELECT json_agg(json_build_object('listingId', l.listing_id, 'title', l.title, 'quantity', l.quantity, 'listPriceMinor', l.list_price_minor,
     'surgeBp', l.surge_bp, 'unitPriceMinor', l.unit_price_minor) ORDER BY l.line_no)
   FROM orders.order_lines l WHERE l.order_id = o.id) AS lines,
  coalesce((SELECT json_agg(json_build_object('from', t.from_state, 'to', t.to_state, 'by', t.actor_id, 'at', t.at) ORDER BY t.seq)
            FROM orders.transitions t WHERE t.order_id = o.id), '[]') AS history
  FROM orders.orders o`;

function toOrder(r: OrderRow): Order {
  return {
    id: r.id, buyerId: r.buyer_id, sellerId: r.seller_id, buyerName: r.buyer_name, sellerName: r.seller_name, rating: r.rating, lines: r.lines, subtotalMinor: Number(r.subtotal_minor), discountMinor: Number(r.discount_minor), cashbackCoins: Number(r.cashback_coins),
    coupon: r.coupon_id ? { id: r.coupon_id, discountMinor: Number(r.coupon_discount_minor) } : null, totalMinor: Number(r.total_minor),
    currency: r.currency, payment: { method: r.payment_method, holdTransferId: r.hold_transfer_id, providerPaymentId: r.provider_payment_id }, state: r.state,
    history: r.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })), createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

/** A wallet order starts paid (its hold is made with it); a card order waits for its payment. */
export async function insertOrder(ex: Executor, o: NewOrder): Promise<void> {
  const state = o.method === 'wallet' ? 'paid' : 'pending_payment';
  await sql`
    INSERT INTO orders.orders (id, buyer_id, seller_id, subtotal_minor, discount_minor, cashback_coins, coupon_id, coupon_discount_minor, total_minor, currency, payment_method, hold_transfer_id, state)
    VALUES (${o.id}, ${o.buyerId}, ${o.sellerId}, ${o.subtotalMinor}, ${o.discountMinor}, ${o.cashbackCoins}, ${o.coupon?.id ?? null}, ${o.coupon?.discountMinor ?? 0}, ${o.totalMinor},
            ${o.currency}, ${o.method}, ${o.holdTransferId}, ${state})`.execute(ex);
  await sql`
    INSERT INTO orders.order_lines (order_id, line_no, listing_id, title, quantity, list_price_minor, surge_bp, unit_price_minor)
    SELECT ${o.id}, n, listing_id, title, quantity, list_price_minor, surge_bp, unit_price_minor
    FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(o.lines)}::jsonb)
      AS ("listingId" uuid, title text, quantity integer, "listPriceMinor" bigint, "surgeBp" integer, "unitPriceMinor" bigint))
      WITH ORDINALITY AS l(listing_id, title, quantity, list_price_minor, surge_bp, unit_price_minor, n)`.execute(ex);
  await sql`INSERT INTO orders.transitions (order_id, seq, from_state, to_state, actor_id) VALUES (${o.id}, 1, NULL, ${state}, ${o.buyerId})`.execute(ex);
}

export async function findOrder(ex: Executor, id: string, actor: Actor, lock = false): Promise<Order | null> {
  const { rows } = await sql<OrderRow>`${SELECT_ORDER} WHERE o.id = ${id} AND ${visibleTo(actor)} ${lock ? sql`FOR UPDATE OF o` : sql``}`.execute(ex);
  return rows[0] ? toOrder(rows[0]) : null;
}

/** Moves a locked order to `to` and records who did. */
export async function setState(ex: Executor, id: string, to: OrderState, actorId: string | null): Promise<void> {
  await sql`UPDATE orders.orders SET state = ${to}, updated_at = now() WHERE id = ${id}`.execute(ex);
  await sql`
    INSERT INTO orders.transitions (order_id, seq, from_state, to_state, actor_id)
    SELECT ${id}, max(seq) + 1, (array_agg(to_state ORDER BY seq DESC))[1], ${to}, ${actorId} FROM orders.transitions WHERE order_id = ${id}`.execute(ex);
}

export interface OrderListQuery {
  as: 'buyer' | 'seller';
  state?: OrderState;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** The actor's orders as buyer or as seller, newest first, keyset-paged. */
export async function listOrders(ex: Executor, memberId: string, q: OrderListQuery): Promise<{ items: Order[]; last: { createdAt: string; id: string } | null }> {
  const { rows } = await sql<OrderRow>`${SELECT_ORDER}
    WHERE ${q.as === 'buyer' ? sql`o.buyer_id` : sql`o.seller_id`} = ${memberId}
      ${q.state ? sql`AND o.state = ${q.state}` : sql``}
      ${q.after ? sql`AND (o.created_at, o.id) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)` : sql``}
    ORDER BY o.created_at DESC, o.id DESC LIMIT ${q.limit + 1}`.execute(ex);
  const page = rows.slice(0, q.limit);
  const tail = rows.length > q.limit ? page[page.length - 1] : undefined;
  return { items: page.map(toOrder), last: tail ? { createdAt: tail.created_at_exact, id: tail.id } : null };
}

/** A card order by its provider payment, locked; null if no order has that payment. */
export async function lockByPayment(ex: Executor, providerPaymentId: string): Promise<Order | null> {
  const { rows } = await sql<OrderRow>`${SELECT_ORDER} WHERE o.provider_payment_id = ${providerPaymentId} FOR UPDATE OF o`.execute(ex);
  return rows[0] ? toOrder(rows[0]) : null;
}

export async function attachPayment(ex: Executor, id: string, providerPaymentId: string): Promise<void> {
  await sql`UPDATE orders.orders SET provider_payment_id = ${providerPaymentId} WHERE id = ${id} AND provider_payment_id IS NULL`.execute(ex);
}

/** Card orders unpaid for longer than `ttlMs`, locked; another process's sweep skips them. */
export async function lockStalePending(ex: Executor, ttlMs: number, limit: number): Promise<Order[]> {
  const { rows } = await sql<OrderRow>`${SELECT_ORDER}
    WHERE o.state = 'pending_payment' AND o.created_at < now() - make_interval(secs => ${ttlMs / 1000})
    ORDER BY o.created_at LIMIT ${limit} FOR UPDATE OF o SKIP LOCKED`.execute(ex);
  return rows.map(toOrder);
}

/** Per UTC day of creation and currency: GMV (orders that were paid), their count, cancellations, promotion discounts, cashback. */
export async function dailyOrders(ex: Executor, from: string, to: string) {
  const { rows } = await sql<{ day: string; currency: string; gmv_minor: number; orders: number; cancelled: number; discount_minor: number; cashback_coins: number }>`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, currency,
      coalesce(sum(total_minor) FILTER (WHERE state NOT IN ('pending_payment', 'cancelled')), 0)::bigint AS gmv_minor,
      count(*) FILTER (WHERE state NOT IN ('pending_payment', 'cancelled'))::int AS orders,
      count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled,
      coalesce(sum(discount_minor) FILTER (WHERE state NOT IN ('pending_payment', 'cancelled')), 0)::bigint AS discount_minor,
      coalesce(sum(cashback_coins) FILTER (WHERE state NOT IN ('pending_payment', 'cancelled')), 0)::bigint AS cashback_coins
    FROM orders.orders WHERE created_at >= ${from}::date AND created_at < ${to}::date + 1
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(ex);
  return rows;
}
