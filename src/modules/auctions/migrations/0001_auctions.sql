-- English auctions on marketplace listings. The auction row is the linearisation point: every bid
-- and the closing take its row lock, so bids on one auction apply one after the other.
CREATE SCHEMA auctions;

CREATE TABLE auctions.auctions (
  id                uuid        PRIMARY KEY,
  listing_id        uuid        NOT NULL,
  seller_id         uuid        NOT NULL REFERENCES members.members (id),
  title             text        NOT NULL,
  -- english: open ascending bids with proxies; sealed_first / sealed_second: each bidder's one hidden
  -- bid, revealed at the close, the highest paying its own bid or the second-highest bid.
  kind              text        NOT NULL DEFAULT 'english' CHECK (kind IN ('english', 'sealed_first', 'sealed_second')),
  currency          text        NOT NULL,
  -- Above zero: the leading bid is a wallet hold, and a hold is of a positive amount.
  start_price_minor bigint      NOT NULL CHECK (start_price_minor > 0),
  reserve_minor     bigint      CHECK (reserve_minor >= start_price_minor),
  buy_now_minor     bigint      CHECK (buy_now_minor >= start_price_minor),
  increments        jsonb       NOT NULL,
  ends_at           timestamptz NOT NULL,
  snipe_window_s    integer     NOT NULL CHECK (snipe_window_s BETWEEN 0 AND 3600),
  snipe_extend_s    integer     NOT NULL CHECK (snipe_extend_s BETWEEN 0 AND 3600),
  state             text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  outcome           text        CHECK (outcome IN ('sold', 'bought_now', 'no_bids', 'reserve_not_met')),
  price_minor       bigint      NOT NULL,
  leader_id         uuid        REFERENCES members.members (id),
  -- The leader's proxy maximum, and the wallet hold of that amount that backs it.
  leader_max_minor  bigint,
  leader_hold_id    uuid,
  bid_count         integer     NOT NULL DEFAULT 0,
  -- The buyer of a sale (the leader at the end, or who bought now) and its order.
  winner_id         uuid        REFERENCES members.members (id),
  order_id          uuid,
  closed_at         timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'closed') = (outcome IS NOT NULL)),
  CHECK ((leader_id IS NULL) = (leader_max_minor IS NULL)),
  CHECK (state = 'closed' OR leader_max_minor IS NULL OR leader_max_minor >= price_minor),
  CHECK ((outcome IN ('sold', 'bought_now')) = (order_id IS NOT NULL)),
  CHECK ((order_id IS NULL) = (winner_id IS NULL))
);
-- What the closer looks for; and at most one open auction per listing.
CREATE INDEX auctions_due ON auctions.auctions (ends_at) WHERE state = 'open';
CREATE UNIQUE INDEX auctions_listing_open ON auctions.auctions (listing_id) WHERE state = 'open';

-- The accepted bids, in the order they were applied: the log a reference model replays.
CREATE TABLE auctions.bids (
  auction_id        uuid        NOT NULL REFERENCES auctions.auctions (id),
  seq               integer     NOT NULL,
  id                uuid        NOT NULL UNIQUE,
  bidder_id         uuid        NOT NULL REFERENCES members.members (id),
  max_minor         bigint      NOT NULL CHECK (max_minor > 0),
  outcome           text        NOT NULL CHECK (outcome IN ('leading', 'outbid', 'sealed')),
  price_after_minor bigint      NOT NULL,
  leader_after      uuid        NOT NULL,
  hold_id           uuid,
  at                timestamptz NOT NULL,
  PRIMARY KEY (auction_id, seq)
);
CREATE TRIGGER bids_append_only BEFORE UPDATE OR DELETE ON auctions.bids
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();

-- A sealed auction's standing bids: one per bidder (a new bid replaces it), each backed by a hold.
CREATE TABLE auctions.sealed_bids (
  auction_id uuid    NOT NULL REFERENCES auctions.auctions (id),
  bidder_id  uuid    NOT NULL REFERENCES members.members (id),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  hold_id    uuid    NOT NULL,
  -- The bid's place in the auction's log: ties go to the earlier bid.
  seq        integer NOT NULL,
  PRIMARY KEY (auction_id, bidder_id)
);
