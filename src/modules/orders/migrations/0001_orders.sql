-- Orders: a buyer's purchase from one seller, paid by a hold on the buyer's wallet that completion
-- posts to the seller and cancellation voids. The listing's stock is taken in the same transaction.
CREATE SCHEMA orders;

CREATE TABLE orders.orders (
  id                  uuid        PRIMARY KEY,
  buyer_id            uuid        NOT NULL REFERENCES members.members (id),
  seller_id           uuid        NOT NULL REFERENCES members.members (id),
  -- The marketplace's listing (another module's table: referenced by id, not by key).
  listing_id          uuid        NOT NULL,
  title               text        NOT NULL,
  quantity            integer     NOT NULL CHECK (quantity > 0),
  -- The listing's stored price, the surge multiplier the buyer was shown, and what it paid a unit.
  list_price_minor    bigint      NOT NULL CHECK (list_price_minor >= 0),
  surge_bp            integer     NOT NULL DEFAULT 10000 CHECK (surge_bp BETWEEN 10000 AND 30000),
  unit_price_minor    bigint      NOT NULL CHECK (unit_price_minor >= list_price_minor),
  total_minor         bigint      NOT NULL CHECK (total_minor = unit_price_minor * quantity),
  currency            text        NOT NULL,
  payment_method      text        NOT NULL CHECK (payment_method IN ('wallet')),
  -- The wallet hold that pays the order; none for a free one.
  hold_transfer_id    uuid        CHECK ((hold_transfer_id IS NULL) = (total_minor = 0)),
  state               text        NOT NULL CHECK (state IN ('paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (buyer_id <> seller_id)
);
CREATE INDEX orders_buyer ON orders.orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_seller ON orders.orders (seller_id, created_at DESC, id DESC);

-- Every change of state, who made it and when: history, never edited.
CREATE TABLE orders.transitions (
  order_id   uuid        NOT NULL REFERENCES orders.orders (id),
  seq        integer     NOT NULL,
  from_state text,
  to_state   text        NOT NULL,
  actor_id   uuid        NOT NULL REFERENCES members.members (id),
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, seq)
);
CREATE TRIGGER transitions_append_only BEFORE UPDATE OR DELETE ON orders.transitions
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
