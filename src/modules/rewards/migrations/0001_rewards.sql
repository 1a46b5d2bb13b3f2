-- The rewards engine: games of milestones and checkpoints, fed by events, paying rewards exactly
-- once. PostgreSQL holds everything money depends on: the journal of accepted events, each
-- milestone's progress, the distinct ids counted so far and the completions with their payouts.
CREATE SCHEMA rewards;

-- A game's milestones and checkpoints are one validated JSON definition (see model.ts), fixed once
-- the game exists: changing what counts in the middle of a game would change who gets paid.
-- Dates, budget and the active switch can change.
CREATE TABLE rewards.games (
  id                 uuid        PRIMARY KEY,
  name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL,
  active             boolean     NOT NULL DEFAULT true,
  audience           jsonb       NOT NULL,
  definition         jsonb       NOT NULL CHECK (octet_length(definition::text) <= 262144),
  -- Coins the game may pay in total, and what it has paid (or set aside for payouts in flight).
  budget_coins       bigint      NOT NULL CHECK (budget_coins >= 0),
  spent_coins        bigint      NOT NULL DEFAULT 0,
  funding_account_id text,
  verify_url         text,
  -- HMAC key for verification callbacks. Stored as given: Trove must sign with it, so it cannot
  -- be hashed; it is never returned by the API.
  verify_secret      text,
  created_by         uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at),
  CHECK (spent_coins BETWEEN 0 AND budget_coins),
  CHECK ((verify_url IS NULL) = (verify_secret IS NULL))
);

-- Accepted events that could change progress, once per (source, id): the idempotency record and
-- what a rebuild would replay. Events that can change nothing (every checkpoint they match is
-- already met) are answered without being stored.
CREATE TABLE rewards.events (
  source       text        NOT NULL,
  id           text        NOT NULL,
  member_id    uuid        NOT NULL,
  type         text        NOT NULL,
  occurred_at  timestamptz NOT NULL,
  value        bigint,
  attributes   jsonb       NOT NULL,
  -- SHA-256 of the event's fields: the same id with different fields is a conflict, not a replay.
  fingerprint  bytea       NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, id)
);

-- One row per milestone, member and window (the day, the week, all time, the range). `state`
-- maps each checkpoint key to its progress: {"value": n} and, for streaks, {"days": {day: n}}.
CREATE TABLE rewards.progress (
  game_id        uuid        NOT NULL REFERENCES rewards.games (id),
  milestone_key  text        NOT NULL,
  member_id      uuid        NOT NULL,
  window_key     text        NOT NULL,
  state          jsonb       NOT NULL DEFAULT '{}',
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (game_id, milestone_key, member_id, window_key)
);
CREATE INDEX progress_member ON rewards.progress (member_id, game_id);

-- The distinct ids a checkpoint has counted, only until its target: then no more are stored, so
-- memory is bounded by the target, and the count is exact up to it.
CREATE TABLE rewards.distinct_ids (
  game_id        uuid NOT NULL,
  milestone_key  text NOT NULL,
  checkpoint_key text NOT NULL,
  member_id      uuid NOT NULL,
  window_key     text NOT NULL,
  item           text NOT NULL CHECK (length(item) BETWEEN 1 AND 200),
  PRIMARY KEY (game_id, milestone_key, checkpoint_key, member_id, window_key, item)
);

-- A milestone completed by a member, once per completion key: the window for a milestone that
-- repeats (a daily goal), 'once' for one that does not. The reward's coin transfer id derives
-- from this key, so a payout cannot happen twice.
CREATE TABLE rewards.completions (
  game_id          uuid        NOT NULL REFERENCES rewards.games (id),
  milestone_key    text        NOT NULL,
  member_id        uuid        NOT NULL,
  completion_key   text        NOT NULL,
  window_key       text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('paid', 'verifying', 'rejected', 'budget_exhausted', 'payout_failed')),
  coins            bigint      NOT NULL CHECK (coins >= 0),
  transfer_id      uuid,
  coupon_id        uuid,
  coupon_status    text,
  detail           text,
  verify_attempts  int         NOT NULL DEFAULT 0 CHECK (verify_attempts >= 0),
  next_verify_at   timestamptz,
  completed_at     timestamptz NOT NULL DEFAULT now(),
  decided_at       timestamptz,
  PRIMARY KEY (game_id, milestone_key, member_id, completion_key)
);
CREATE INDEX completions_game ON rewards.completions (game_id, completed_at);
CREATE INDEX completions_verifying ON rewards.completions (next_verify_at) WHERE status = 'verifying';
