-- The prize wheel: up to 24 slices, each a coupon campaign, a coin prize paid from a wallet
-- account, or nothing. A spin's outcome is stored before it is returned.
CREATE TABLE coupons.wheels (
  id             uuid        PRIMARY KEY,
  name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- stock: a slice's weight is what it has left (coupons of its campaign, coin prizes its account
  -- can still pay); explicit: the weight given, until the slice runs out.
  weight_mode    text        NOT NULL CHECK (weight_mode IN ('stock', 'explicit')),
  -- Spins per member per day, the day being the member's own (its time zone); NULL: no limit.
  spins_per_day  int         CHECK (spins_per_day > 0),
  valid_from     timestamptz NOT NULL,
  valid_to       timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_from < valid_to)
);

CREATE TABLE coupons.wheel_slices (
  wheel_id            uuid     NOT NULL REFERENCES coupons.wheels (id),
  position            smallint NOT NULL CHECK (position BETWEEN 0 AND 23),
  kind                text     NOT NULL CHECK (kind IN ('coupon', 'coins', 'nothing')),
  label               text     NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  campaign_id         uuid     REFERENCES coupons.campaigns (id),
  coin_amount         bigint   CHECK (coin_amount > 0),
  coin_source_account text,
  -- Explicit mode: the slice's weight. Stock mode: used only by 'nothing' slices.
  weight              int      NOT NULL DEFAULT 0 CHECK (weight >= 0),
  PRIMARY KEY (wheel_id, position),
  CHECK ((kind = 'coupon') = (campaign_id IS NOT NULL)),
  CHECK ((kind = 'coins') = (coin_amount IS NOT NULL AND coin_source_account IS NOT NULL))
);

CREATE TABLE coupons.spins (
  -- Client-chosen: a retried spin answers with the outcome stored the first time.
  id             uuid        PRIMARY KEY,
  wheel_id       uuid        NOT NULL REFERENCES coupons.wheels (id),
  member_id      uuid        NOT NULL,
  spin_day       date        NOT NULL,
  slice_position smallint,
  outcome        jsonb       NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spins_member ON coupons.spins (member_id, created_at);

-- Spins per member per day: the daily rule, enforced by a conditional upsert.
CREATE TABLE coupons.spin_counts (
  wheel_id  uuid NOT NULL REFERENCES coupons.wheels (id),
  member_id uuid NOT NULL,
  spin_day  date NOT NULL,
  spins     int  NOT NULL CHECK (spins > 0),
  PRIMARY KEY (wheel_id, member_id, spin_day)
);
