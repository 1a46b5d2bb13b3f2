import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';

export interface LeaseGrant {
  id: string;
  units: number;
  /** The codes that go with the units (unique-code campaigns), or null (a shared code). */
  codes: string[] | null;
  sharedCode: string | null;
  /** The campaign's end: no unit of the lease may be handed out from then on. */
  validToMs: number;
}

/**
 * Takes up to `wanted` units of a campaign in one transaction: one conditional UPDATE of the
 * campaign row (the limit is in its WHERE and in the row's CHECK), the lease row, and for a
 * unique-code campaign as many free codes (a campaign short of codes leases only what it has codes
 * for). Near the end of the stock a lease takes at most a quarter of what is left, so the last
 * units are spread over the instances that ask. Null when nothing is left or the campaign is not
 * active.
 */
export async function acquireLease(db: Db, l: { id: string; campaignId: string; holder: string; wanted: number; ttlMs: number }): Promise<LeaseGrant | null> {
  return db.transaction().execute(async (tx) => {
    // Lock, then update, in two statements: one statement that locks the row in a CTE and then
    // updates it works from two versions of the row (and deadlocks with a concurrent settle).
    const { rows } = await sql<{ units: number; code_mode: 'shared' | 'unique'; shared_code: string | null; valid_to: Date }>`
      SELECT LEAST(${l.wanted}::int, GREATEST(1, (limit_total - issued_count - leased_units) / 4)) AS units, code_mode, shared_code, valid_to
      FROM coupons.campaigns
      WHERE id = ${l.campaignId} AND issued_count + leased_units < limit_total AND now() >= valid_from AND now() < valid_to
      FOR NO KEY UPDATE`.execute(tx);
    if (rows[0]) {
      await sql`UPDATE coupons.campaigns SET leased_units = leased_units + ${rows[0].units} WHERE id = ${l.campaignId}`.execute(tx);
      await sql`INSERT INTO coupons.leases (id, campaign_id, holder, units, expires_at)
                VALUES (${l.id}, ${l.campaignId}, ${l.holder}, ${rows[0].units}, now() + ${l.ttlMs} * interval '1 millisecond')`.execute(tx);
    }
    const r = rows[0];
    if (!r) return null;
    const validToMs = r.valid_to.getTime();
    if (r.code_mode === 'shared') return { id: l.id, units: r.units, codes: null, sharedCode: r.shared_code, validToMs };
    const codes = await claimCodes(tx, l.id, l.campaignId, r.units);
    if (codes.length === 0) throw new NoFreeCodes();
    if (codes.length < r.units) await shrinkLease(tx, l.id, l.campaignId, r.units - codes.length);
    return { id: l.id, units: codes.length, codes, sharedCode: null, validToMs };
  }).catch((err: unknown) => {
    if (err instanceof NoFreeCodes) return null;
    throw err;
  });
}

/** Rolls the lease back: a unique-code campaign with no free codes has nothing to lease. */
class NoFreeCodes extends Error {}

async function claimCodes(ex: Executor, leaseId: string, campaignId: string, n: number): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    UPDATE coupons.codes SET lease_id = ${leaseId}
    WHERE code IN (SELECT code FROM coupons.codes WHERE campaign_id = ${campaignId} AND coupon_id IS NULL AND lease_id IS NULL
                   LIMIT ${n} FOR UPDATE SKIP LOCKED)
    RETURNING code`.execute(ex);
  return rows.map((r) => r.code);
}

/** Gives back the units a lease could not get codes for. */
async function shrinkLease(ex: Executor, leaseId: string, campaignId: string, by: number): Promise<void> {
  await sql`UPDATE coupons.campaigns SET leased_units = leased_units - ${by} WHERE id = ${campaignId}`.execute(ex);
  await sql`UPDATE coupons.leases SET units = units - ${by} WHERE id = ${leaseId}`.execute(ex);
}

/** Extends the holder's live leases (locked in id order, as spin batches lock them); returns the ids still live (a lease missing was settled by a reaper). */
export async function renewLeases(db: Db, ids: string[], ttlMs: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    UPDATE coupons.leases SET expires_at = now() + ${ttlMs} * interval '1 millisecond'
    WHERE id IN (SELECT id FROM coupons.leases WHERE id = ANY(${ids}::uuid[]) AND settled_at IS NULL ORDER BY id FOR NO KEY UPDATE)
    RETURNING id`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/**
 * Settles a lease: its used units become issued, the rest go back to the campaign, its unused codes
 * are freed. The lease row is locked first (FOR UPDATE waits for any spin batch still adding to
 * `used`), so the count it settles is final: a batch that comes later finds the lease settled and
 * is refused. The holder (`holder`) settles its lease at any time; a reaper (`null`) settles
 * expired ones. Returns false when there was nothing to settle.
 */
export async function settleLease(db: Db, id: string, holder: string | null): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // The holder waits for the lock (a renewal or a last batch may hold it); a reaper skips a
    // locked lease and finds it again on its next round.
    const { rows } = holder
      ? await sql<{ campaign_id: string; units: number; used: number }>`
        SELECT campaign_id, units, used FROM coupons.leases WHERE id = ${id} AND settled_at IS NULL AND holder = ${holder} FOR UPDATE`.execute(tx)
      : await sql<{ campaign_id: string; units: number; used: number }>`
        SELECT campaign_id, units, used FROM coupons.leases WHERE id = ${id} AND settled_at IS NULL AND expires_at < now()
        FOR UPDATE SKIP LOCKED`.execute(tx);
    const l = rows[0];
    if (!l) return false;
    await sql`UPDATE coupons.leases SET settled_at = now() WHERE id = ${id}`.execute(tx);
    await sql`UPDATE coupons.campaigns SET issued_count = issued_count + ${l.used}, leased_units = leased_units - ${l.units}
              WHERE id = ${l.campaign_id}`.execute(tx);
    await sql`UPDATE coupons.codes SET lease_id = NULL WHERE lease_id = ${id} AND coupon_id IS NULL`.execute(tx);
    return true;
  });
}

/** Leases whose holder stopped renewing them (it died, or lost the database), oldest first. */
export async function expiredLeases(db: Db, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM coupons.leases WHERE settled_at IS NULL AND expires_at < now() ORDER BY expires_at LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
