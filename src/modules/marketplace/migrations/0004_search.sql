-- Typo-tolerant search: trigram matching of the query against titles (pg_trgm's word similarity,
-- "chiar" still finds "Oak chair"), next to the full-text index on title and description.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX listings_title_trgm ON marketplace.listings USING gin (title gin_trgm_ops);

-- A seller's rating, as ranking reads it: one row per rated seller, kept by the ratings buyers give
-- for completed orders (with the orders of issue 8), so ranking never aggregates ratings per query.
CREATE TABLE marketplace.seller_stats (
  seller_id    uuid   PRIMARY KEY REFERENCES members.members (id),
  rating_count bigint NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  -- The sum of the stars (1-5) of those ratings.
  rating_sum   bigint NOT NULL DEFAULT 0 CHECK (rating_sum BETWEEN rating_count AND 5 * rating_count)
);
