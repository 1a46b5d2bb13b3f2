import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../platform/db/database.js';
import { fail, ok, type Result } from '../../platform/errors.js';
import type { CouponsService } from '../coupons/index.js';
import type { MembersService } from '../members/index.js';
import type { WalletService } from '../wallet/index.js';
import { participantsKey, type RewardsHotStore } from './hot-store.js';
import { Ingest } from './ingest.js';
import { inAudience } from './matching.js';
import { REWARDS_POLICY, type Completion, type Game, type MilestoneDef } from './model.js';
import { Payouts } from './payouts.js';
import { gameView } from './progress-view.js';
import * as store from './store.js';
import { Verifier } from './verifier.js';

export type GameInput = Omit<store.NewGame, 'id' | 'createdBy'>;

export interface RewardsDeps {
  members: MembersService;
  wallet: WalletService;
  coupons: CouponsService;
  hot: RewardsHotStore;
  log: Logger | null;
  /** How late an event may arrive (REWARDS_LATENESS_MS). */
  latenessMs?: number;
}

/** What other modules may ask of rewards: nothing yet beyond its events on the outbox. */
export interface RewardsService {
  findGame(ex: Executor, id: string): Promise<Game | null>;
}

export class Rewards implements RewardsService {
  readonly ingest: Ingest;
  readonly verifier: Verifier;
  readonly latenessMs: number;
  private cache: { games: Game[]; at: number } | null = null;
  private loading: Promise<Game[]> | null = null;
  /** Bumped by every local change: a load that started before it is used once but not cached. */
  private generation = 0;

  constructor(private readonly db: Db, private readonly deps: RewardsDeps) {
    this.latenessMs = deps.latenessMs ?? REWARDS_POLICY.latenessDefaultMs;
    const payouts = new Payouts(deps.wallet, deps.coupons);
    this.ingest = new Ingest(db, deps.members, () => this.liveGames(), deps.hot, payouts, deps.log);
    this.verifier = new Verifier(db, payouts, deps.log);
  }

  get hotStoreKind() {
    return this.deps.hot.kind;
  }

  /** Running games, read again after gamesCacheTtlMs; a change made here is seen at once. */
  async liveGames(): Promise<Game[]> {
    if (this.cache && Date.now() - this.cache.at < REWARDS_POLICY.gamesCacheTtlMs) return this.cache.games;
    if (!this.loading) {
      const generation = this.generation;
      this.loading = store.liveGames(this.db, REWARDS_POLICY.latenessMaxMs).then((games) => {
        if (generation === this.generation) this.cache = { games, at: Date.now() };
        return games;
      }).finally(() => (this.loading = null));
    }
    return this.loading;
  }

  private forgetGames(): void {
    this.generation += 1;
    this.cache = null;
    this.loading = null;
  }

  findGame(ex: Executor, id: string) {
    return store.findGame(ex, id);
  }

  listGames(ex: Executor, limit: number, after: string | null) {
    return store.listGames(ex, limit, after);
  }

  async createGame(ex: Executor, input: GameInput, createdBy: string | null, id: string = crypto.randomUUID()): Promise<Result<Game>> {
    if (new Date(input.startsAt) >= new Date(input.endsAt)) return fail('VALIDATION_FAILED', 'body.endsAt must be after body.startsAt', [{ field: 'body.endsAt', message: 'must be after startsAt' }]);
    const invalid = checkMilestones(input.milestones);
    if (invalid) return fail('REWARD_GAME_INVALID', invalid);
    if (input.milestones.some((m) => m.reward.coins > 0) && !input.fundingAccountId) return fail('REWARD_GAME_INVALID', 'A game with coin rewards needs fundingAccountId.');
    if (input.fundingAccountId) {
      // A budget account: a system account that cannot spend more than it was given. Not the
      // issuance account (which mints) and not a member's wallet.
      const account = await this.deps.wallet.findAccount(ex, input.fundingAccountId);
      if (!account || account.asset !== 'COIN' || account.ownerKind !== 'system' || !account.flags.debitsMustNotExceedCredits) return fail('REWARD_FUNDING_ACCOUNT_INVALID');
    }
    for (const m of input.milestones) {
      if (m.reward.couponCampaignId && !(await this.deps.coupons.findCampaign(ex, m.reward.couponCampaignId))) {
        return fail('COUPON_CAMPAIGN_NOT_FOUND', `Milestone ${m.key}: no coupon campaign ${m.reward.couponCampaignId}.`);
      }
    }
    const audience = input.audience.memberIds ? { ...input.audience, memberIds: input.audience.memberIds.map((m) => m.toLowerCase()) } : input.audience;
    const game = await store.insertGame(ex, { ...input, audience, id, createdBy });
    this.forgetGames();
    return ok(game);
  }

  async updateGame(ex: Executor, id: string, patch: store.GamePatch): Promise<Result<Game>> {
    if (!(await store.findGame(ex, id))) return fail('REWARD_GAME_NOT_FOUND');
    const game = await store.updateGame(ex, id, patch);
    this.forgetGames();
    return game ? ok(game) : fail('REWARD_BUDGET_BELOW_SPENT');
  }

  /** Every running game the member takes part in, with each milestone's current window. */
  async progress(memberId: string, timeZone: string, roles: string[], now = new Date()) {
    const games = (await this.liveGames()).filter((g) => g.active && new Date(g.startsAt) <= now && now < new Date(g.endsAt)
      && inAudience(g, { id: memberId, timeZone, roles, approved: true }));
    const ids = games.map((g) => g.id);
    const [states, done] = await Promise.all([store.memberStates(this.db, memberId, ids), store.memberCompletions(this.db, memberId, ids)]);
    return { memberId, timeZone, games: games.map((g) => gameView(g, states, done, timeZone, now)) };
  }

  async stats(game: Game, days: number) {
    const rows = await store.completionTotals(this.db, game.id);
    const completions: Record<string, number> = {};
    const byMilestone = new Map(game.milestones.map((m) => [m.key, { milestoneKey: m.key, completions: 0, coinsPaid: 0 }]));
    let coinsPaid = 0;
    for (const r of rows) {
      completions[r.status] = (completions[r.status] ?? 0) + r.n;
      const m = byMilestone.get(r.milestoneKey);
      if (m) m.completions += r.n;
      if (r.status === 'paid') {
        coinsPaid += r.coins;
        if (m) m.coinsPaid += r.coins;
      }
    }
    const today = new Date();
    const dayList = Array.from({ length: days }, (_, i) => new Date(today.getTime() - i * 86_400_000).toISOString().slice(0, 10));
    const estimates = await this.deps.hot.countParticipants(dayList.map((d) => participantsKey(game.id, d)));
    return {
      gameId: game.id, budgetCoins: game.budgetCoins, spentCoins: game.spentCoins, budgetLeft: game.budgetCoins - game.spentCoins, coinsPaid,
      completions, byMilestone: [...byMilestone.values()], participantsPerDay: dayList.map((day, i) => ({ day, estimate: estimates[i]! })),
    };
  }

  listCompletions(ex: Executor, gameId: string, status: string | null, limit: number): Promise<Completion[]> {
    return store.listCompletions(ex, gameId, status, limit);
  }

  async stop(): Promise<void> {
    this.verifier.stop();
    await this.ingest.drain();
    await this.deps.hot.close();
  }
}

/** Consistency a schema cannot say: unique keys, targets that fit their kind, a reward. */
export function checkMilestones(milestones: readonly MilestoneDef[]): string | null {
  const keys = new Set<string>();
  for (const m of milestones) {
    if (keys.has(m.key)) return `Two milestones have the key ${m.key}.`;
    keys.add(m.key);
    if (m.reward.coins === 0 && !m.reward.couponCampaignId) return `Milestone ${m.key} has no reward (coins or couponCampaignId).`;
    if (m.window.kind === 'range' && new Date(m.window.from) >= new Date(m.window.to)) return `Milestone ${m.key}: window.to must be after window.from.`;
    const cps = new Set<string>();
    for (const cp of m.checkpoints) {
      const where = `Milestone ${m.key}, checkpoint ${cp.key}`;
      if (cps.has(cp.key)) return `${where}: the key is used twice.`;
      cps.add(cp.key);
      if (cp.kind === 'flag' && cp.target !== 1) return `${where}: a flag's target is 1.`;
      if (cp.kind === 'distinct' && !cp.distinctBy) return `${where}: a distinct checkpoint needs distinctBy.`;
      if (cp.kind === 'distinct' && cp.target > REWARDS_POLICY.distinctTargetMax) return `${where}: a distinct target is at most ${REWARDS_POLICY.distinctTargetMax}.`;
      if (cp.kind === 'streak' && cp.target > REWARDS_POLICY.streakTargetMaxDays) return `${where}: a streak target is at most ${REWARDS_POLICY.streakTargetMaxDays} days.`;
      if (cp.kind !== 'distinct' && cp.distinctBy !== undefined) return `${where}: distinctBy is for distinct checkpoints.`;
      if (cp.kind !== 'streak' && (cp.minPerDay !== undefined || cp.freezes !== undefined)) return `${where}: minPerDay and freezes are for streaks.`;
    }
  }
  return null;
}
