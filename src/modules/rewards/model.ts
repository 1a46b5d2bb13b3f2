/** Rewards types: a game's definition, events, progress. Coins are integer minor units of COIN. */
export const REWARDS_POLICY = {
  eventsPerRequestMax: 1_000,
  attributesMaxBytes: 4_096,
  attributesDepthMax: 8,
  /** How late an event may arrive by default (REWARDS_LATENESS_MS): later ones are refused, they would rewrite closed days. */
  latenessDefaultMs: 72 * 3600_000,
  /** The most REWARDS_LATENESS_MS may allow; streak days are kept for this long whatever the setting. */
  latenessMaxMs: 7 * 86_400_000,
  /** Clock skew tolerated on events dated in the future. */
  futureSkewMs: 5 * 60_000,
  milestonesMax: 50,
  checkpointsMax: 10,
  filtersMax: 10,
  targetMax: 1_000_000,
  /** Distinct targets store one row per id until reached: a named bound on that memory. */
  distinctTargetMax: 10_000,
  streakTargetMaxDays: 366,
  freezesMax: 30,
  audienceMembersMax: 10_000,
  /**
   * Events committed together (from many requests), and commits in flight. Measured (bench
   * rewards, 10 s, goal in progress, batches of 100): 2,000 x 2 gave 14.1k events/s, 2,000 x 3
   * 14.6k, 1,000 x 3 15.0k with the lowest p99; the machine is then near its two cores.
   */
  ingest: { batchMax: 1_000, inFlightMax: 3, queueMax: 50_000 },
  /** Members' time zones, roles and approval, trusted this long (as the API-key cache is). */
  memberCache: { ttlMs: 2_000, entriesMax: 100_000 },
  /** How long the active games are trusted in memory before they are read again. */
  gamesCacheTtlMs: 1_000,
  pageMax: 100,
  verify: { timeoutMs: 5_000, attemptsMax: 8, backoffBaseMs: 1_000, backoffMaxMs: 5 * 60_000, batchMax: 50, intervalMs: 1_000, answerMaxBytes: 65_536 },
} as const;

export type FilterDef =
  | { path: string; op: 'eq'; value: string | number | boolean }
  | { path: string; op: 'in'; values: (string | number)[] }
  | { path: string; op: 'range'; min?: number; max?: number };

export type CheckpointKind = 'flag' | 'count' | 'distinct' | 'streak';

export interface CheckpointDef {
  key: string;
  kind: CheckpointKind;
  eventType: string;
  filters: FilterDef[];
  /** flag: 1; count: the sum of values; distinct: distinct ids; streak: qualifying days in a row. */
  target: number;
  /** distinct: the attribute path whose value is the id counted (a video id). */
  distinctBy?: string;
  /** streak: events a day needs to count (default 1). */
  minPerDay?: number;
  /** streak: missed days a streak survives (default 0). */
  freezes?: number;
}

export type WindowDef = { kind: 'all_time' } | { kind: 'daily' } | { kind: 'weekly' } | { kind: 'range'; from: string; to: string };

export interface MilestoneDef {
  key: string;
  name: string;
  window: WindowDef;
  /** Completes once per window (a daily goal) instead of once ever. */
  repeats: boolean;
  checkpoints: CheckpointDef[];
  reward: { coins: number; couponCampaignId: string | null };
}

export interface Audience {
  /** Members with any of these roles; all roles when absent. */
  roles?: ('buyer' | 'seller' | 'admin')[];
  /** Only these members, when present. */
  memberIds?: string[];
}

export interface Game {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
  audience: Audience;
  milestones: MilestoneDef[];
  budgetCoins: number;
  spentCoins: number;
  fundingAccountId: string | null;
  verification: { url: string } | null;
  createdAt: string;
}

export interface EventInput {
  id: string;
  source?: string;
  type: string;
  memberId: string;
  occurredAt: string;
  attributes: Record<string, unknown>;
  value?: number;
}

/** What the engine needs to know of a member to place its events. */
export interface MemberFacts {
  id: string;
  timeZone: string;
  roles: string[];
  approved: boolean;
}

/** The key of a member's milestone state in one window, within one member's progress. */
export const stateKey = (gameId: string, milestoneKey: string, windowKey: string) => `${gameId}|${milestoneKey}|${windowKey}`;

/** One checkpoint's progress inside a milestone's state. */
export interface CheckpointState {
  value: number;
  /** streak: events per member day (YYYY-MM-DD), pruned to the days that can still matter. */
  days?: Record<string, number>;
}
export type MilestoneState = Record<string, CheckpointState>;

export const COMPLETION_STATUSES = ['paid', 'verifying', 'rejected', 'budget_exhausted', 'payout_failed'] as const;
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];

export interface Completion {
  gameId: string;
  milestoneKey: string;
  memberId: string;
  /** The window for a repeating milestone, 'once' otherwise: names the completion (with game, milestone, member). */
  completionKey: string;
  windowKey: string;
  status: CompletionStatus;
  coins: number;
  transferId: string | null;
  couponId: string | null;
  couponStatus: string | null;
  detail: string | null;
  verifyAttempts: number;
  nextVerifyAt: string | null;
  completedAt: string;
}
