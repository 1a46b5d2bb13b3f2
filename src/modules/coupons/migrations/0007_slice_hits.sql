-- Hits per slice of a wheel, counted as spins are stored instead of read from an index on every
-- spin: each statement that stores (or takes back) spins adds its counts once, to a row of its own
-- shard (the connection's), so concurrent batches do not queue on one row. The admin's wheel state
-- sums the shards. Spins with no slice (nothing left to win) are not hits.
CREATE TABLE coupons.slice_hits (
  wheel_id uuid     NOT NULL REFERENCES coupons.wheels (id),
  position smallint NOT NULL,
  shard    smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
  hits     bigint   NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (wheel_id, position, shard)
);
INSERT INTO coupons.slice_hits (wheel_id, position, shard, hits)
  SELECT wheel_id, slice_position, 0, count(*) FROM coupons.spins WHERE slice_position IS NOT NULL GROUP BY 1, 2;

CREATE FUNCTION coupons.add_slice_hits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coupons.slice_hits AS h (wheel_id, position, shard, hits)
  SELECT wheel_id, slice_position, (pg_backend_pid() % 16)::smallint, count(*) FROM stored
  WHERE slice_position IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (wheel_id, position, shard) DO UPDATE SET hits = h.hits + excluded.hits;
  RETURN NULL;
END $$;

-- Spins are taken back only by the batch that stored them (a coin prize that could not be paid:
-- wheel-store.ts unstoreSpins), in its transaction and on its connection: so from its own shard.
CREATE FUNCTION coupons.remove_slice_hits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE coupons.slice_hits h SET hits = h.hits - t.n
  FROM (SELECT wheel_id, slice_position, count(*) AS n FROM removed WHERE slice_position IS NOT NULL GROUP BY 1, 2) t
  WHERE h.wheel_id = t.wheel_id AND h.position = t.slice_position AND h.shard = (pg_backend_pid() % 16)::smallint;
  RETURN NULL;
END $$;

CREATE TRIGGER spins_add_slice_hits AFTER INSERT ON coupons.spins REFERENCING NEW TABLE AS stored
  FOR EACH STATEMENT EXECUTE FUNCTION coupons.add_slice_hits();
CREATE TRIGGER spins_remove_slice_hits AFTER DELETE ON coupons.spins REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION coupons.remove_slice_hits();

DROP INDEX coupons.spins_wheel_slice;
