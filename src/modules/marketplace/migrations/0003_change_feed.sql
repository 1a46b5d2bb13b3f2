-- Listings follow the platform's change feed: the nearby index of every process reads it.
ALTER TABLE marketplace.listings ADD COLUMN changed_tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX listings_changes ON marketplace.listings (changed_tx, id);
CREATE TRIGGER listings_stamp BEFORE UPDATE ON marketplace.listings FOR EACH ROW EXECUTE FUNCTION platform.stamp_change();
