-- A buyer rates the seller of a completed order once (orders module checks the order; the order id
-- is the key, so a second rating of the same order is refused by the database itself).
CREATE TABLE marketplace.ratings (
  order_id   uuid        PRIMARY KEY,
  seller_id  uuid        NOT NULL REFERENCES members.members (id),
  buyer_id   uuid        NOT NULL REFERENCES members.members (id),
  stars      smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment    text        NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (seller_id <> buyer_id)
);
CREATE INDEX ratings_seller ON marketplace.ratings (seller_id, created_at DESC);
