-- Coupon campaigns, their codes, and the coupons issued to members. The limits are invariants of
-- the schema: a campaign never issues more than its limit, a member never more than its share.
CREATE SCHEMA coupons;

CREATE TABLE coupons.campaigns (
  id                uuid        PRIMARY KEY,
  name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- fixed: amount_minor off (in currency); percent: percent off, at most cap_minor.
  value_kind        text        NOT NULL CHECK (value_kind IN ('fixed', 'percent')),
  amount_minor      bigint      CHECK (amount_minor > 0),
  percent           int         CHECK (percent BETWEEN 1 AND 100),
  cap_minor         bigint      CHECK (cap_minor > 0),
  currency          text        NOT NULL CHECK (currency ~ '^[A-Z][A-Z0-9_]{1,15}$'),
  limit_total       int         NOT NULL CHECK (limit_total > 0),
  per_member_limit  int         NOT NULL DEFAULT 1 CHECK (per_member_limit > 0),
  -- Units handed out, and units leased to instances that will hand them out (see docs/coupons.md).
  issued_count      int         NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
  leased_units      int         NOT NULL DEFAULT 0 CHECK (leased_units >= 0),
  valid_from        timestamptz NOT NULL,
  valid_to          timestamptz NOT NULL,
  min_cart_minor    bigint      NOT NULL DEFAULT 0 CHECK (min_cart_minor >= 0),
  -- Conditions the promotion engine evaluates at checkout: {"sellers": [...], "categories": [...]}.
  targeting         jsonb       NOT NULL DEFAULT '{}' CHECK (octet_length(targeting::text) <= 16384),
  code_mode         text        NOT NULL CHECK (code_mode IN ('shared', 'unique')),
  shared_code       text        UNIQUE CHECK (shared_code ~ '^[A-Z0-9-]{4,32}$'),
  -- The seller whose items the campaign is for (a seller's own campaign), or NULL (the platform's).
  owner_seller_id   uuid,
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT within_limit CHECK (issued_count + leased_units <= limit_total),
  CHECK (valid_from < valid_to),
  CHECK ((value_kind = 'fixed') = (amount_minor IS NOT NULL)),
  CHECK ((value_kind = 'percent') = (percent IS NOT NULL)),
  CHECK ((code_mode = 'shared') = (shared_code IS NOT NULL))
);

-- Unique codes of a 'unique' campaign. A code is free until a coupon takes it.
CREATE TABLE coupons.codes (
  code        text        PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{4,32}$'),
  campaign_id uuid        NOT NULL REFERENCES coupons.campaigns (id),
  coupon_id   uuid        UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
-- The pool of free codes per campaign, for taking one without scanning taken ones.
CREATE INDEX codes_free ON coupons.codes (campaign_id, code) WHERE coupon_id IS NULL;

CREATE TABLE coupons.coupons (
  -- Client-chosen: issuing again with the same id answers with the same coupon.
  id          uuid        PRIMARY KEY,
  campaign_id uuid        NOT NULL REFERENCES coupons.campaigns (id),
  member_id   uuid        NOT NULL,
  code        text        NOT NULL,
  -- issued -> reserved (for a cart, until reserved_until; lapses back to issued) -> redeemed (with
  -- an order) -> issued again when that order is cancelled or refunded.
  state       text        NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'reserved', 'redeemed')),
  source      text        NOT NULL CHECK (source IN ('admin', 'spin', 'reward', 'import')),
  cart_id     text        CHECK (length(cart_id) BETWEEN 1 AND 100),
  reserved_until timestamptz,
  order_id    text        CHECK (length(order_id) BETWEEN 1 AND 100),
  issued_at   timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'reserved') = (cart_id IS NOT NULL AND reserved_until IS NOT NULL)),
  CHECK ((state = 'redeemed') = (order_id IS NOT NULL))
);
CREATE INDEX coupons_member ON coupons.coupons (member_id, issued_at);
CREATE INDEX coupons_campaign ON coupons.coupons (campaign_id);

-- How many coupons of a campaign each member holds: the per-member limit, enforced by a
-- conditional upsert.
CREATE TABLE coupons.member_counts (
  campaign_id uuid NOT NULL REFERENCES coupons.campaigns (id),
  member_id   uuid NOT NULL,
  issued      int  NOT NULL CHECK (issued > 0),
  PRIMARY KEY (campaign_id, member_id)
);
