-- Promotions: definitions (conditions, action, combination rules) as validated JSON, limits as
-- columns with their invariants, and a change feed for the in-memory index of every process.
CREATE SCHEMA promotions;

CREATE TABLE promotions.promotions (
  id                 uuid        PRIMARY KEY,
  name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- A seller's promotion applies only to that seller's items (a sellers condition naming it).
  owner_seller_id    uuid,
  definition         jsonb       NOT NULL CHECK (octet_length(definition::text) <= 65536),
  active             boolean     NOT NULL DEFAULT true,
  uses_limit         bigint      CHECK (uses_limit > 0),
  uses_per_member    bigint      CHECK (uses_per_member > 0),
  budget_minor       bigint      CHECK (budget_minor > 0),
  uses               bigint      NOT NULL DEFAULT 0 CHECK (uses >= 0),
  spent_minor        bigint      NOT NULL DEFAULT 0 CHECK (spent_minor >= 0),
  created_by         uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  -- The transaction that last changed the row: the index follows changes in commit-safe order.
  changed_tx         xid8        NOT NULL DEFAULT pg_current_xact_id(),
  CHECK (uses_limit IS NULL OR uses <= uses_limit),
  CHECK (budget_minor IS NULL OR spent_minor <= budget_minor)
);
CREATE INDEX promotions_changes ON promotions.promotions (changed_tx);

-- Every change stamps the row with its transaction, so a reader can take exactly the changes of
-- transactions that have finished (below the snapshot's xmin) and never skip one that commits late.
CREATE FUNCTION promotions.stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_tx := pg_current_xact_id();
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER promotions_stamp BEFORE UPDATE ON promotions.promotions FOR EACH ROW EXECUTE FUNCTION promotions.stamp_change();
