import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Promotion } from './model.js';

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

interface Row {
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

function toRecord(r: Row): PromotionRecord {
  return {
    promotion: { id: r.id, name: r.name, ...r.definition },
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

/**
 * Changes of finished transactions since `afterTx` (inclusive lower bound), and the new bound: the
 * snapshot's xmin, below which every transaction has committed or aborted. Reading [from, xmin)
 * and then starting at xmin misses no change, whatever order transactions commit in.
 */
export async function changesSince(ex: Executor, fromTx: string | null): Promise<{ records: PromotionRecord[]; nextTx: string }> {
  const { rows } = await sql<Row & { next_tx: string }>`
    WITH bound AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
    SELECT p.*, bound.xmin::text AS next_tx FROM bound
    LEFT JOIN promotions.promotions p ON (${fromTx}::xid8 IS NULL OR p.changed_tx >= ${fromTx}::xid8) AND p.changed_tx < bound.xmin
    ORDER BY p.changed_tx`.execute(ex);
  return { records: rows.filter((r) => r.id !== null).map(toRecord), nextTx: rows[0]!.next_tx };
}
