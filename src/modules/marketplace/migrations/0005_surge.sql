-- Surge pricing: a seller opts a listing in with a cap on the multiplier (basis points: 10000 = 1x).
ALTER TABLE marketplace.listings ADD COLUMN surge_max_bp integer CHECK (surge_max_bp BETWEEN 10000 AND 30000);

-- Demand per listing and minute (views, bids, orders), summed over every process; rows older than
-- the baseline window (a day) are deleted as the multipliers are recomputed.
CREATE TABLE marketplace.listing_demand (
  listing_id uuid        NOT NULL REFERENCES marketplace.listings (id) ON DELETE CASCADE,
  minute     timestamptz NOT NULL,
  views      integer     NOT NULL DEFAULT 0 CHECK (views >= 0),
  bids       integer     NOT NULL DEFAULT 0 CHECK (bids >= 0),
  orders     integer     NOT NULL DEFAULT 0 CHECK (orders >= 0),
  PRIMARY KEY (listing_id, minute)
);
CREATE INDEX listing_demand_minute ON marketplace.listing_demand (minute);
