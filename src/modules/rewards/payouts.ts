import type { Tx } from '../../platform/db/database.js';
import { appendEvents } from '../../platform/events/outbox.js';
import { derivedUuid } from '../../platform/ids.js';
import type { CouponsService } from '../coupons/index.js';
import { memberAccountId, type TransferRequest, type WalletService } from '../wallet/index.js';
import type { Game } from './model.js';
import * as store from './store.js';

/** A completion to pay: the row was just recorded, or its verification just succeeded. */
export interface Payable {
  gameId: string;
  milestoneKey: string;
  memberId: string;
  completionKey: string;
  windowKey: string;
  coins: number;
}

/** The coin transfer of a completion: its id derives from the completion key, so it exists at most once. */
export const payoutTransferId = (p: Payable) => derivedUuid(`rewards.payout:${p.gameId}:${p.milestoneKey}:${p.memberId}:${p.completionKey}`);
const couponId = (p: Payable) => derivedUuid(`rewards.coupon:${p.gameId}:${p.milestoneKey}:${p.memberId}:${p.completionKey}`);

/**
 * Pays rewards in the caller's transaction, which also recorded the completions: the budget, the
 * coin transfers, the coupons and the outbox events commit together with them or not at all.
 */
export class Payouts {
  constructor(
    private readonly wallet: WalletService,
    private readonly coupons: CouponsService,
  ) {}

  /** Settles the payables of one game, in the order given (the batch's key order; a verifier's confirmation order). */
  async pay(tx: Tx, game: Game, payables: readonly Payable[]): Promise<store.Settlement[]> {
    if (payables.length === 0) return [];
    const withCoins = payables.filter((p) => p.coins > 0);
    const fit = await store.reserveBudget(tx, game.id, withCoins.map((p) => p.coins));
    const funded = new Set(withCoins.filter((_, i) => fit[i]));
    const transfers: TransferRequest[] = [];
    for (const p of funded) {
      await this.wallet.ensureMemberAccount(tx, p.memberId, 'COIN');
      transfers.push({
        id: payoutTransferId(p), kind: 'posted', debitAccountId: game.fundingAccountId!, creditAccountId: memberAccountId(p.memberId, 'COIN'),
        amount: p.coins, reference: `reward ${game.id}/${p.milestoneKey}/${p.completionKey}`,
      });
    }
    const results = new Map((await this.wallet.transferBatch(tx, transfers, false)).map((r) => [r.id, r.result]));
    let refunded = 0;
    const settlements: store.Settlement[] = [];
    for (const p of payables) {
      const settlement: store.Settlement = { gameId: p.gameId, milestoneKey: p.milestoneKey, memberId: p.memberId, completionKey: p.completionKey, status: 'paid', transferId: null, couponId: null, couponStatus: null, detail: null };
      if (p.coins > 0 && !funded.has(p)) {
        settlement.status = 'budget_exhausted';
      } else if (p.coins > 0) {
        const result = results.get(payoutTransferId(p));
        if (result === 'created' || result === 'exists') {
          settlement.transferId = payoutTransferId(p);
        } else {
          settlement.status = 'payout_failed';
          settlement.detail = result ?? 'TRANSFER_NOT_ATTEMPTED';
          refunded += p.coins;
        }
      }
      const campaignId = game.milestones.find((m) => m.key === p.milestoneKey)?.reward.couponCampaignId;
      if (campaignId && settlement.status !== 'budget_exhausted') await this.issueCoupon(tx, p, campaignId, settlement);
      settlements.push(settlement);
    }
    await store.releaseBudget(tx, game.id, refunded);
    await appendEvents(tx, settlements.map((s, i) => ({
      aggregateType: 'reward_member', aggregateId: s.memberId, type: 'reward.milestone_completed',
      payload: { gameId: s.gameId, milestoneKey: s.milestoneKey, memberId: s.memberId, completionKey: s.completionKey,
        status: s.status, coins: payables[i]!.coins, transferId: s.transferId, couponId: s.couponId },
    })));
    return settlements;
  }

  private async issueCoupon(tx: Tx, p: Payable, campaignId: string, s: store.Settlement): Promise<void> {
    const issued = await this.coupons.issue(tx, { id: couponId(p), campaignId, memberId: p.memberId, source: 'reward' });
    if (issued.ok) {
      s.couponId = issued.value.coupon.id;
      s.couponStatus = 'issued';
    } else {
      s.couponStatus = issued.code;
    }
  }
}
