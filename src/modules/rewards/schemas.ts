import { Type } from 'typebox';
import { Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { COMPLETION_STATUSES, REWARDS_POLICY } from './model.js';

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'Lower-case slug, unique in its parent.' });
const Path = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){0,4}$', description: 'Dotted path into the event\'s attributes.' });
const Scalar = Type.Union([Type.String({ maxLength: 200 }), Type.Number()]);
const AccountId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9:_.-]{0,127}$' });

const Filter = Type.Union([
  Strict({ path: Path, op: Type.Literal('eq'), value: Type.Union([Scalar, Type.Boolean()]) }),
  Strict({ path: Path, op: Type.Literal('in'), values: Type.Array(Scalar, { minItems: 1, maxItems: 100 }) }),
  Strict({ path: Path, op: Type.Literal('range'), min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) }),
]);

export const CheckpointBody = Strict({
  key: Key,
  kind: Type.Enum(['flag', 'count', 'distinct', 'streak']),
  eventType: Type.String({ minLength: 1, maxLength: 100 }),
  filters: Type.Optional(Type.Array(Filter, { maxItems: REWARDS_POLICY.filtersMax, default: [] })),
  target: Type.Integer({ minimum: 1, maximum: REWARDS_POLICY.targetMax }),
  distinctBy: Type.Optional(Path),
  minPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  freezes: Type.Optional(Type.Integer({ minimum: 0, maximum: REWARDS_POLICY.freezesMax })),
});

const Window = Type.Union([
  Strict({ kind: Type.Literal('all_time') }),
  Strict({ kind: Type.Literal('daily') }),
  Strict({ kind: Type.Literal('weekly') }),
  Strict({ kind: Type.Literal('range'), from: Timestamp, to: Timestamp }),
]);

export const MilestoneBody = Strict({
  key: Key,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  window: Window,
  repeats: Type.Optional(Type.Boolean({ default: false })),
  checkpoints: Type.Array(CheckpointBody, { minItems: 1, maxItems: REWARDS_POLICY.checkpointsMax }),
  reward: Strict({
    coins: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    couponCampaignId: Type.Optional(Uuid),
  }),
});

const Audience = Strict({
  roles: Type.Optional(Type.Array(Type.Enum(['buyer', 'seller', 'admin']), { minItems: 1, uniqueItems: true })),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: REWARDS_POLICY.audienceMembersMax, uniqueItems: true })),
});

export const CreateGameBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  startsAt: Timestamp,
  endsAt: Timestamp,
  audience: Type.Optional(Audience),
  budgetCoins: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  fundingAccountId: Type.Optional(AccountId),
  verification: Type.Optional(Strict({
    url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
    secret: Type.String({ minLength: 16, maxLength: 200 }),
  })),
  milestones: Type.Array(MilestoneBody, { minItems: 1, maxItems: REWARDS_POLICY.milestonesMax }),
});

export const PatchGameBody = Strict({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
  endsAt: Type.Optional(Timestamp),
  active: Type.Optional(Type.Boolean()),
  budgetCoins: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
});

export const Game = Type.Object({
  id: Uuid,
  name: Type.String(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  active: Type.Boolean(),
  audience: Type.Unknown(),
  milestones: Type.Array(Type.Unknown()),
  budgetCoins: Type.Integer(),
  spentCoins: Type.Integer(),
  fundingAccountId: Type.Union([Type.String(), Type.Null()]),
  verification: Type.Union([Type.Object({ url: Type.String() }), Type.Null()]),
  createdAt: Timestamp,
});

/**
 * One event. Items of a batch are checked one by one (a bad item is refused on its own, with its
 * reason), so the request schema only bounds the envelope.
 */
export const EventItem = Strict({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  source: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9:_.-]{0,99}$', description: 'The sending system; the key that sent it when absent.' })),
  type: Type.String({ minLength: 1, maxLength: 100 }),
  memberId: Uuid,
  occurredAt: Timestamp,
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { default: {} })),
  value: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
});

export const IngestBody = Type.Union([
  Strict({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: REWARDS_POLICY.eventsPerRequestMax }) }),
  Type.Object({ id: Type.Unknown() }, { description: 'A single event (see EventItem).' }),
]);

const ItemError = Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) });
const CompletedRef = Type.Object({ gameId: Uuid, milestoneKey: Type.String(), windowKey: Type.String(), status: Type.Enum([...COMPLETION_STATUSES]) });

export const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(['accepted', 'duplicate', 'unchanged', 'rejected']),
    completed: Type.Optional(Type.Array(CompletedRef)),
    error: Type.Optional(ItemError),
  })),
});

const Checkpoint = Type.Object({
  key: Type.String(), kind: Type.String(), current: Type.Integer(), target: Type.Integer(), met: Type.Boolean(),
  streak: Type.Optional(Type.Object({ current: Type.Integer(), longest: Type.Integer(), freezes: Type.Integer() })),
});

export const Progress = Type.Object({
  memberId: Uuid,
  timeZone: Type.String(),
  games: Type.Array(Type.Object({
    gameId: Uuid,
    name: Type.String(),
    endsAt: Timestamp,
    milestones: Type.Array(Type.Object({
      key: Type.String(),
      name: Type.String(),
      window: Type.String(),
      windowKey: Type.Union([Type.String(), Type.Null()]),
      repeats: Type.Boolean(),
      nextResetAt: Type.Union([Timestamp, Type.Null()]),
      completed: Type.Boolean(),
      completion: Type.Union([Type.Object({ status: Type.String(), coins: Type.Integer(), completedAt: Timestamp }), Type.Null()]),
      reward: Type.Object({ coins: Type.Integer(), couponCampaignId: Type.Union([Uuid, Type.Null()]) }),
      checkpoints: Type.Array(Checkpoint),
    })),
  })),
});

export const Completion = Type.Object({
  gameId: Uuid, milestoneKey: Type.String(), memberId: Uuid,
  completionKey: Type.String({ description: 'The window for a repeating milestone, `once` otherwise.' }), windowKey: Type.String(),
  status: Type.String(), coins: Type.Integer(),
  transferId: Type.Union([Uuid, Type.Null()]), couponId: Type.Union([Uuid, Type.Null()]), couponStatus: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()], { description: 'Why a payout failed, or the last verification error.' }),
  verifyAttempts: Type.Integer(), nextVerifyAt: Type.Union([Timestamp, Type.Null()], { description: 'Null for a parked verification: it waits for an admin\'s retry.' }),
  completedAt: Timestamp,
});

export const GameStats = Type.Object({
  gameId: Uuid,
  budgetCoins: Type.Integer(),
  spentCoins: Type.Integer(),
  budgetLeft: Type.Integer(),
  coinsPaid: Type.Integer(),
  completions: Type.Record(Type.String(), Type.Integer(), { description: 'Completions by status.' }),
  byMilestone: Type.Array(Type.Object({ milestoneKey: Type.String(), completions: Type.Integer(), coinsPaid: Type.Integer() })),
  participantsPerDay: Type.Array(Type.Object({ day: Type.String(), estimate: Type.Integer() }), { description: 'Distinct members with a matching event per UTC day: a HyperLogLog estimate.' }),
});
