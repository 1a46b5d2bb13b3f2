-- Nearby search without the in-memory index: a bounding-box range on (lat, lng), then the exact
-- great-circle distance (the same haversine as geo.ts) on what the box let through.
CREATE INDEX listings_location ON marketplace.listings (lat, lng) WHERE lat IS NOT NULL;
