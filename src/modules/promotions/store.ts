import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { newestFirstAfter, newestFirstPage } from '../../platform/db/paging.js';
import type { Action, Condition, Promotion } from './model.js';

/** The promotions engine's SQL. */

export interface PromotionRecord {
  promotion: Promotion;
  active: boolean;
  ownerSellerId: string | null;
  limits: { usesLimit: number | null; usesPerMember: number | null; budgetMinor: number | null };
  uses: number;
  spentMinor: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored promotion as PostgreSQL returns it (the change feed applies these). */
export interface Row {
  id: string;
  name: string;
  owner_seller_id: string | null;
  definition: Omit<Promotion, 'id' | 'name'>;
  active: boolean;
  uses_limit: string | null;
  uses_per_member: string | null;
  budget_minor: string | null;
  uses: string;
  spent_minor: string;
  created_at: Date;
  updated_at: Date;
  changed_tx: string;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * The longest string value JSON.parse (how node-postgres reads jsonb) internalizes: V8 keeps one
 * copy of each in its string table. At 1.5 million promotions the index's ids (sellers, campaigns,
 * products, exclusivity groups) made that table hundreds of thousands of strings long, and every
 * request's JSON.parse looks its own short values up in it (a cart's 50 ids): a cache miss each,
 * 4.4 % of the machine's samples in a perf profile of two workers under load, 2.7 % with the
 * copies. Parsing a cart's post took 23 us beside 3 million internalized strings, 7.6 us beside
 * the same strings copied (V8 shrinks the table once the originals are collected). The cost: ids
 * that promotions shared are now a copy each, about 14 bytes a promotion.
 */
const JSON_INTERNALIZED_MAX = 10;
/** A copy V8 has not internalized (a new string: a concatenation, then a short slice of it). */
const unshared = (s: string) => (s.length > JSON_INTERNALIZED_MAX ? s : (s + ' ').slice(0, -1));

/**
 * Every kind as the source's own literal. A kind over 10 characters ('percent_off') came out of
 * JSON.parse as a string of its own per promotion, which the pricing's switches compared
 * character by character; the literal is internalized, so they compare one pointer.
 */
const KIND_NAMES: Record<Condition['kind'] | Action['kind'], true> = {
  sellers: true, campaigns: true, categories: true, brands: true, products: true, min_cart_amount: true, min_quantity: true,
  member_groups: true, first_order: true, new_member: true, channel: true, payment_method: true, region: true, window: true,
  schedule: true, coupon_code: true, percent_off: true, amount_off: true, fixed_unit_price: true, buy_x_get_y: true,
  tiered_spend: true, free_shipping: true, gift_item: true, coin_cashback: true,
};
// Property names are internalized strings.
const KINDS = new Map(Object.keys(KIND_NAMES).map((kind) => [kind, kind]));

/** `part` (a condition or an action) with its kind the literal and its other strings unshared. */
function asStored<T extends { kind: string }>(part: T): T {
  const copy = { ...part } as Record<string, unknown>;
  for (const key in copy) {
    const v = copy[key];
    if (key === 'kind') copy[key] = KINDS.get(v as string) ?? v;
    else if (typeof v === 'string') copy[key] = unshared(v);
    else if (Array.isArray(v)) copy[key] = v.map((x: unknown) => (typeof x === 'string' ? unshared(x) : x));
  }
  return copy as T;
}

/**
 * A promotion rebuilt as fresh literals in one order (jsonb hands its keys back sorted by length):
 * every promotion of the index then shares the same few shapes and its parts sit together in
 * memory (pricing reads hundreds a cart; 790 -> 837 carts/s over HTTP at 150,000, one run each).
 */
function promotionOf(r: Row): Promotion {
  const d = r.definition;
  return {
    id: r.id, name: r.name, conditions: d.conditions.map(asStored), action: asStored(d.action),
    priority: d.priority, exclusivityGroup: d.exclusivityGroup === null ? null : unshared(d.exclusivityGroup), stackable: d.stackable, base: d.base,
  };
}

export function toRecord(r: Row): PromotionRecord {
  return {
    promotion: promotionOf(r),
    active: r.active,
    ownerSellerId: r.owner_seller_id,
    limits: { usesLimit: num(r.uses_limit), usesPerMember: num(r.uses_per_member), budgetMinor: num(r.budget_minor) },
    uses: Number(r.uses),
    spentMinor: Number(r.spent_minor),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface NewPromotion {
  promotion: Promotion;
  ownerSellerId: string | null;
  limits: PromotionRecord['limits'];
  createdBy: string | null;
}

const definitionOf = (p: Promotion) => {
  const { id: _id, name: _name, ...definition } = p;
  return JSON.stringify(definition);
};

export async function insertPromotion(ex: Executor, n: NewPromotion): Promise<PromotionRecord> {
  const { rows } = await sql<Row>`
    INSERT INTO promotions.promotions (id, name, owner_seller_id, definition, uses_limit, uses_per_member, budget_minor, created_by)
    VALUES (${n.promotion.id}, ${n.promotion.name}, ${n.ownerSellerId}, ${definitionOf(n.promotion)}::jsonb,
            ${n.limits.usesLimit}, ${n.limits.usesPerMember}, ${n.limits.budgetMinor}, ${n.createdBy})
    RETURNING *`.execute(ex);
  return toRecord(rows[0]!);
}

export async function findPromotion(ex: Executor, id: string): Promise<PromotionRecord | null> {
  const { rows } = await sql<Row>`SELECT * FROM promotions.promotions WHERE id = ${id}`.execute(ex);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Promotions newest first: every one, or one seller's own. */
export async function listPromotions(ex: Executor, q: { ownerSellerId: string | null; limit: number; cursor?: string }) {
  const { rows } = await sql<Row & { created_at_exact: string }>`
    SELECT p.*, p.created_at::text AS created_at_exact FROM promotions.promotions p
    WHERE TRUE ${q.ownerSellerId ? sql`AND p.owner_seller_id = ${q.ownerSellerId}` : sql``} ${newestFirstAfter(q.cursor, 'p')}
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${q.limit + 1}`.execute(ex);
  return newestFirstPage(rows, q.limit, toRecord);
}

export async function updatePromotion(ex: Executor, id: string, patch: { name?: string; active?: boolean; promotion?: Promotion }): Promise<PromotionRecord | null> {
  const { rows } = await sql<Row>`
    UPDATE promotions.promotions SET
      name = coalesce(${patch.name ?? null}, name),
      active = coalesce(${patch.active ?? null}::boolean, active),
      definition = coalesce(${patch.promotion ? definitionOf(patch.promotion) : null}::jsonb, definition)
    WHERE id = ${id}
    RETURNING *`.execute(ex);
  return rows[0] ? toRecord(rows[0]) : null;
}
