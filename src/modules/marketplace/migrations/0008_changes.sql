-- What every process's caches of listings and sellers (marketplace/view.ts) must drop: one row
-- per changed listing or seller, written by triggers in the changing transaction, so no writer can
-- forget it. Readers poll rows by transaction id (the change feed's rule: below the snapshot's xmin
-- every transaction has ended) and prune rows older than the retention.
CREATE TABLE marketplace.changes (
  changed_tx xid8        NOT NULL DEFAULT pg_current_xact_id(),
  kind       text        NOT NULL CHECK (kind IN ('listing', 'seller')),
  key        uuid        NOT NULL,
  -- When the row was written, not when its transaction began: pruning by age must not drop a
  -- long transaction's rows the moment they commit.
  at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX changes_tx ON marketplace.changes (changed_tx);

-- The processes that cache: a writer of an audience waits out the freshness window only when
-- another process is alive (its heartbeat recent), so a single process answers writes at once.
CREATE TABLE marketplace.cache_followers (
  id      uuid        PRIMARY KEY,
  seen_at timestamptz NOT NULL DEFAULT now()
);

-- One trigger function per shape of change; statement triggers with transition tables write one
-- row per key and statement, whatever the number of rows changed.
CREATE FUNCTION marketplace.note_listing_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO marketplace.changes (kind, key) SELECT DISTINCT 'listing', listing_id FROM changed;
  RETURN NULL;
END $$;

CREATE FUNCTION marketplace.note_seller_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO marketplace.changes (kind, key) SELECT DISTINCT 'seller', seller_id FROM changed;
  RETURN NULL;
END $$;

CREATE FUNCTION marketplace.note_list_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO marketplace.changes (kind, key)
  SELECT DISTINCT 'seller', bl.seller_id FROM changed c JOIN marketplace.buyer_lists bl ON bl.id = c.list_id;
  RETURN NULL;
END $$;

CREATE FUNCTION marketplace.note_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO marketplace.changes (kind, key) SELECT 'listing', id FROM changed;
  RETURN NULL;
END $$;

-- A seller's facts the caches hold: roles, approval, name (the profile). Other member columns
-- (a home location, a time zone) change nothing cached.
CREATE FUNCTION marketplace.note_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO marketplace.changes (kind, key)
  SELECT 'seller', n.id FROM changed n JOIN before o ON o.id = n.id
  WHERE (n.roles, n.verification_state, n.display_name) IS DISTINCT FROM (o.roles, o.verification_state, o.display_name);
  RETURN NULL;
END $$;

CREATE TRIGGER listings_changes AFTER UPDATE ON marketplace.listings
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_listings();
CREATE TRIGGER listing_lists_added AFTER INSERT ON marketplace.listing_lists
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_listing_rows();
CREATE TRIGGER listing_lists_removed AFTER DELETE ON marketplace.listing_lists
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_listing_rows();
CREATE TRIGGER listing_buyers_added AFTER INSERT ON marketplace.listing_buyers
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_listing_rows();
CREATE TRIGGER listing_buyers_removed AFTER DELETE ON marketplace.listing_buyers
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_listing_rows();
CREATE TRIGGER list_members_added AFTER INSERT ON marketplace.buyer_list_members
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_list_members();
CREATE TRIGGER list_members_removed AFTER DELETE ON marketplace.buyer_list_members
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_list_members();
CREATE TRIGGER seller_blocks_added AFTER INSERT ON marketplace.seller_blocks
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_seller_rows();
CREATE TRIGGER seller_blocks_removed AFTER DELETE ON marketplace.seller_blocks
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_seller_rows();
CREATE TRIGGER seller_stats_added AFTER INSERT ON marketplace.seller_stats
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_seller_rows();
CREATE TRIGGER seller_stats_changed AFTER UPDATE ON marketplace.seller_stats
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_seller_rows();
CREATE TRIGGER members_changes AFTER UPDATE ON members.members
  REFERENCING NEW TABLE AS changed OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION marketplace.note_members();
