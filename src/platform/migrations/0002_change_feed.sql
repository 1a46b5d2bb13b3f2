-- The change feed any module's in-memory index follows (platform/db/change-feed.ts): a table gets a
-- `changed_tx xid8` column and this trigger, which stamps every update with its transaction and
-- time, so a reader can take exactly the changes of finished transactions (below its snapshot's
-- xmin) and never skip one that commits late. Inserts take the column's default.
CREATE FUNCTION platform.stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_tx := pg_current_xact_id();
  NEW.updated_at := now();
  RETURN NEW;
END $$;
