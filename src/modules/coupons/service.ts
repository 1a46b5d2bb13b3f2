import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import { generateCodes } from './codes.js';
import { COUPON_POLICY, whyNotIssued, type Campaign, type Coupon } from './model.js';
import * as lifecycle from './lifecycle.js';
import * as store from './store.js';

export type CampaignInput = Omit<store.NewCampaign, 'id' | 'createdBy'>;

/** What other modules (the wheel, rewards, orders) may ask of coupons. */
export interface CouponsService {
  issue(tx: Tx, request: IssueRequest): Promise<Result<{ coupon: Coupon; created: boolean }>>;
  findCampaign(ex: Executor, id: string): Promise<Campaign | null>;
  reserve: typeof lifecycle.reserve;
  release: typeof lifecycle.release;
  redeem: typeof lifecycle.redeem;
  redeemable: typeof lifecycle.redeemable;
  giveBack: typeof lifecycle.giveBack;
}

export interface IssueRequest {
  /** Client-chosen coupon id: the idempotency key of the issue. */
  id: string;
  campaignId: string;
  memberId: string;
  source: Coupon['source'];
}

export class Coupons implements CouponsService {
  readonly reserve = lifecycle.reserve;
  readonly release = lifecycle.release;
  readonly redeem = lifecycle.redeem;
  readonly redeemable = lifecycle.redeemable;
  readonly giveBack = lifecycle.giveBack;

  constructor(private readonly db: Db) {}

  findCampaign(ex: Executor, id: string) {
    return store.findCampaign(ex, id);
  }

  listCampaigns(ex: Executor, q: Parameters<typeof store.listCampaigns>[1]) {
    return store.listCampaigns(ex, q);
  }

  async createCampaign(ex: Executor, input: CampaignInput, createdBy: string | null): Promise<Result<Campaign>> {
    const window = checkWindow(input.validFrom, input.validTo);
    if (window) return window;
    if (Buffer.byteLength(JSON.stringify(input.targeting)) > COUPON_POLICY.targetingMaxBytes) {
      return fail('VALIDATION_FAILED', `body.targeting is larger than ${COUPON_POLICY.targetingMaxBytes} bytes of JSON`, [{ field: 'body.targeting', message: 'is too large' }]);
    }
    if (input.sharedCode !== null && (await store.codeExists(ex, input.sharedCode))) {
      return fail('COUPON_CODE_TAKEN', `The code ${input.sharedCode} belongs to another campaign.`);
    }
    if ((input.codeMode === 'shared') !== (input.sharedCode !== null)) {
      return fail('VALIDATION_FAILED', 'a shared campaign needs sharedCode, a unique one must not have it', [{ field: 'body.sharedCode', message: 'is required exactly when codeMode is shared' }]);
    }
    const campaign = await store.insertCampaign(ex, { ...input, id: crypto.randomUUID(), createdBy });
    return campaign ? ok(campaign) : fail('COUPON_CODE_TAKEN', `The code ${input.sharedCode} belongs to another campaign.`);
  }

  /**
   * Adds `count` unique codes to a unique-code campaign, never more codes than its limit. Codes
   * are random, so a collision with an existing code is possible (about 1e-9 per code); colliding
   * codes are skipped by the unique key and replaced with new ones.
   */
  async addCodes(campaign: Campaign, count: number): Promise<Result<{ added: number; total: number }>> {
    if (campaign.codeMode !== 'unique') return fail('COUPON_CAMPAIGN_HAS_SHARED_CODE');
    // Two requests adding codes to one campaign take turns (a lock on the campaign's id, not on its
    // row, so issuing goes on meanwhile); otherwise both could pass the limit check below.
    return this.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`coupons.codes:${campaign.id}`}, 0))`.execute(tx);
      const existing = await store.countCodes(tx, campaign.id);
      if (existing + count > campaign.limitTotal) {
        return fail('COUPON_CODES_EXCEED_LIMIT', `The campaign has ${existing} codes and a limit of ${campaign.limitTotal}.`);
      }
      let added = 0;
      for (let round = 0; added < count && round <= COUPON_POLICY.codeRetriesMax; round++) {
        const wanted = count - added;
        for (let i = 0; i < wanted; i += COUPON_POLICY.codeInsertChunk) {
          added += await store.insertCodes(tx, campaign.id, generateCodes(Math.min(COUPON_POLICY.codeInsertChunk, wanted - i)));
        }
      }
      return ok({ added, total: existing + added });
    });
  }

  /**
   * Issues one coupon in the caller's transaction: takes a unit of the campaign (the total limit
   * is in the UPDATE's WHERE), counts it for the member (the per-member limit is in the upsert's
   * WHERE), takes a code, and records the coupon. Any refusal rolls back to a savepoint, so a
   * refused issue takes nothing. The same id again answers with the coupon it issued.
   */
  async issue(tx: Tx, r: IssueRequest): Promise<Result<{ coupon: Coupon; created: boolean }>> {
    // Requests with one coupon id take turns, so the second sees the first's coupon and replays it
    // instead of colliding with it on a unique key further down.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`coupons.coupon:${r.id}`}, 0))`.execute(tx);
    const existing = await store.findCoupon(tx, r.id);
    if (existing) return sameIssue(existing, r) ? ok({ coupon: existing, created: false }) : fail('COUPON_EXISTS_WITH_DIFFERENT_FIELDS');
    await sql`SAVEPOINT coupon_issue`.execute(tx);
    // A refusal may only be the symptom of the same id issued concurrently (its unit and its
    // member count are taken): if that coupon has committed meanwhile, answer with it instead.
    const refuse = async <C extends Parameters<typeof fail>[0]>(code: C, message?: string): Promise<Result<{ coupon: Coupon; created: boolean }>> => {
      await sql`ROLLBACK TO SAVEPOINT coupon_issue`.execute(tx);
      const winner = await store.findCoupon(tx, r.id);
      if (winner) return sameIssue(winner, r) ? ok({ coupon: winner, created: false }) : fail('COUPON_EXISTS_WITH_DIFFERENT_FIELDS');
      return fail(code, message);
    };
    const unit = await store.takeUnit(tx, r.campaignId);
    if (!unit) {
      const campaign = await store.findCampaign(tx, r.campaignId);
      return refuse(campaign ? whyNotIssued(campaign, new Date()) : 'COUPON_CAMPAIGN_NOT_FOUND');
    }
    if (!(await store.countForMember(tx, r.campaignId, r.memberId, unit.perMemberLimit))) return refuse('COUPON_MEMBER_LIMIT_REACHED');
    const code = unit.codeMode === 'shared' ? unit.sharedCode! : await store.takeCode(tx, r.campaignId, r.id);
    if (!code) return refuse('COUPON_SOLD_OUT', 'Every generated code of this campaign has been issued; add codes.');
    const coupon = await store.insertCoupon(tx, { id: r.id, campaignId: r.campaignId, memberId: r.memberId, code, source: r.source });
    // Null: the same id was issued concurrently and committed first; refuse() answers with it.
    if (!coupon) return refuse('COUPON_EXISTS_WITH_DIFFERENT_FIELDS');
    return ok({ coupon, created: true });
  }

  listMemberCoupons(memberId: string) {
    return store.listMemberCoupons(this.db, memberId, COUPON_POLICY.pageMax);
  }
}

/**
 * The window must be two real moments in order. Date.parse refuses what PostgreSQL would read
 * differently (a leap second such as 23:59:60 passes the format check but rolls over in SQL).
 */
export function checkWindow(from: string, to: string): Result<never> | null {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  if (Number.isNaN(start) || Number.isNaN(end) || /:60(\.\d+)?(Z|[+-])/.test(from + to)) {
    return fail('VALIDATION_FAILED', 'validFrom and validTo must be real moments (no leap seconds)', [{ field: 'body.validFrom', message: 'is not a real moment' }]);
  }
  if (start >= end) return fail('VALIDATION_FAILED', 'validFrom must be before validTo', [{ field: 'body.validTo', message: 'must be after validFrom' }]);
  return null;
}

function sameIssue(c: Coupon, r: IssueRequest): boolean {
  return c.campaignId === r.campaignId && c.memberId === r.memberId && c.source === r.source;
}
