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

  /** Settles the payables of one game, in the order given (a verifier's confirmation order). */
  pay(tx: Tx, game: Game, payables: readonly Payable[]): Promise<store.Settlement[]> {
    return this.payAll(tx, [{ game, payables }]);
  }

  /**
   * Settles payables of several games, taking locks in one global order so two batches cannot wait
   * for each other in a cycle: the games' rows in id order (budgets), then every wallet account in
   * one transfer batch (the wallet locks its accounts sorted), then coupons by campaign and member.
   */
  async payAll(tx: Tx, groups: readonly { game: Game; payables: readonly Payable[] }[]): Promise<store.Settlement[]> {
    const sorted = [...groups].filter((g) => g.payables.length > 0).sort((a, b) => (a.game.id < b.game.id ? -1 : 1));
    const funded = new Set<Payable>();
    for (const { game, payables } of sorted) {
      const withCoins = payables.filter((p) => p.coins > 0);
      const fit = await store.reserveBudget(tx, game.id, withCoins.map((p) => p.coins));
      withCoins.forEach((p, i) => fit[i] && funded.add(p));
    }
    const gameOf = new Map(sorted.map((g) => [g.game.id, g.game]));
    for (const memberId of [...new Set([...funded].map((p) => p.memberId))].sort()) await this.wallet.ensureMemberAccount(tx, memberId, 'COIN');
    const transfers: TransferRequest[] = [...funded].map((p) => ({
      id: payoutTransferId(p), kind: 'posted', debitAccountId: gameOf.get(p.gameId)!.fundingAccountId!, creditAccountId: memberAccountId(p.memberId, 'COIN'),
      amount: p.coins, reference: `reward ${p.gameId}/${p.milestoneKey}/${p.completionKey}`,
    }));
    const results = new Map((await this.wallet.transferBatch(tx, transfers, false)).map((r) => [r.id, r.result]));
    const refunded = new Map<string, number>();
    const settled = new Map<Payable, store.Settlement>();
    for (const { payables } of sorted) {
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
            refunded.set(p.gameId, (refunded.get(p.gameId) ?? 0) + p.coins);
          }
        }
        settled.set(p, settlement);
      }
    }
    const couponsToIssue = [...settled].flatMap(([p, st]) => {
      const campaignId = gameOf.get(p.gameId)!.milestones.find((m) => m.key === p.milestoneKey)?.reward.couponCampaignId;
      return campaignId && st.status !== 'budget_exhausted' ? [{ p, st, campaignId }] : [];
    }).sort((a, b) => (`${a.campaignId}|${a.p.memberId}` < `${b.campaignId}|${b.p.memberId}` ? -1 : 1));
    for (const c of couponsToIssue) await this.issueCoupon(tx, c.p, c.campaignId, c.st);
    for (const [gameId, coins] of refunded) await store.releaseBudget(tx, gameId, coins);
    await appendEvents(tx, [...settled].map(([p, st]) => ({
      aggregateType: 'reward_member', aggregateId: st.memberId, type: 'reward.milestone_completed',
      payload: { gameId: st.gameId, milestoneKey: st.milestoneKey, memberId: st.memberId, completionKey: st.completionKey,
        status: st.status, coins: p.coins, transferId: st.transferId, couponId: st.couponId },
    })));
    return [...settled.values()];
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
