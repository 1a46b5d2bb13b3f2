-- Stock leases (docs/coupons.md): an instance takes a block of a campaign's units in one
-- conditional UPDATE of the campaign row and hands them out from memory. The lease row counts what
-- was used (each spin batch adds to `used` in its own transaction, `used <= units` in the WHERE and
-- in a CHECK), so settling a lease is exact even when its holder died.
CREATE TABLE coupons.leases (
  id          uuid        PRIMARY KEY,
  campaign_id uuid        NOT NULL REFERENCES coupons.campaigns (id),
  -- Which process holds it (host:pid:random); for operators, and so a holder settles its own early.
  holder      text        NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
  units       int         NOT NULL CHECK (units > 0),
  used        int         NOT NULL DEFAULT 0,
  expires_at  timestamptz NOT NULL,
  settled_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (used BETWEEN 0 AND units)
);
-- Live leases, for the reaper (expired ones) and for the campaign's live view.
CREATE INDEX leases_live ON coupons.leases (campaign_id, expires_at) WHERE settled_at IS NULL;

-- A unique-code campaign's lease also takes its codes, so a spin never searches for a free code.
ALTER TABLE coupons.codes ADD COLUMN lease_id uuid REFERENCES coupons.leases (id);
DROP INDEX coupons.codes_free;
CREATE INDEX codes_free ON coupons.codes (campaign_id, code) WHERE coupon_id IS NULL AND lease_id IS NULL;
CREATE INDEX codes_leased ON coupons.codes (lease_id) WHERE lease_id IS NOT NULL AND coupon_id IS NULL;

-- A spin counted and then found to have no prize left is uncounted in its own transaction, which
-- can bring a fresh day's row back to 0.
ALTER TABLE coupons.spin_counts DROP CONSTRAINT spin_counts_spins_check, ADD CHECK (spins >= 0);

-- A campaign's stock as readers see it: units used under live leases are issued (their coupons
-- exist), the rest of the leased units are leased; issued + leased + remaining = limit_total.
CREATE VIEW coupons.campaign_stock AS
SELECT c.id,
       c.issued_count + coalesce(l.used, 0) AS issued,
       c.leased_units - coalesce(l.used, 0) AS leased,
       c.limit_total - c.issued_count - c.leased_units AS remaining
FROM coupons.campaigns c
LEFT JOIN LATERAL (SELECT sum(used)::int AS used FROM coupons.leases WHERE campaign_id = c.id AND settled_at IS NULL) l ON true;
