-- Orders: a buyer's purchase from one seller, paid by a hold on the buyer's wallet that completion
-- posts to the seller and cancellation voids, or by card through a payment provider, confirmed by
-- its webhook. The listing's stock is taken in the same transaction as the order is made.
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
  -- What the promotions applied took off, and the coins they pay back when the order completes.
  discount_minor      bigint      NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
  cashback_coins      bigint      NOT NULL DEFAULT 0 CHECK (cashback_coins >= 0),
  -- A coupon the buyer redeemed with the order (the coupon engine keeps its state), and its part of the discount.
  coupon_id           uuid,
  coupon_discount_minor bigint    NOT NULL DEFAULT 0 CHECK (coupon_discount_minor >= 0 AND coupon_discount_minor <= discount_minor),
  total_minor         bigint      NOT NULL CHECK (total_minor = unit_price_minor * quantity - discount_minor AND total_minor >= 0),
  currency            text        NOT NULL,
  payment_method      text        NOT NULL CHECK (payment_method IN ('wallet', 'card')),
  -- Wallet: the hold that pays the order (none for a free one). Card: the provider's payment.
  hold_transfer_id    uuid,
  provider_payment_id text        UNIQUE,
  state               text        NOT NULL CHECK (state IN ('pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (buyer_id <> seller_id),
  CHECK (payment_method <> 'wallet' OR ((hold_transfer_id IS NULL) = (total_minor = 0) AND provider_payment_id IS NULL AND state <> 'pending_payment')),
  CHECK (payment_method <> 'card' OR (hold_transfer_id IS NULL AND total_minor > 0))
);
CREATE INDEX orders_buyer ON orders.orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_seller ON orders.orders (seller_id, created_at DESC, id DESC);

-- Every change of state, who made it and when: history, never edited.
CREATE TABLE orders.transitions (
  order_id   uuid        NOT NULL REFERENCES orders.orders (id),
  seq        integer     NOT NULL,
  from_state text,
  to_state   text        NOT NULL,
  -- NULL: Trove itself (a provider's webhook, the job that cancels unpaid card orders).
  actor_id   uuid        REFERENCES members.members (id),
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, seq)
);
CREATE TRIGGER transitions_append_only BEFORE UPDATE OR DELETE ON orders.transitions
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
-- Card orders waiting for their payment: the job that cancels the stale ones reads this.
CREATE INDEX orders_pending_payment ON orders.orders (created_at) WHERE state = 'pending_payment';

-- The promotions an order redeemed (through the promotions engine, which keeps their limits): given
-- back when the order is cancelled or refunded.
CREATE TABLE orders.order_promotions (
  order_id       uuid   NOT NULL REFERENCES orders.orders (id),
  promotion_id   uuid   NOT NULL,
  redemption_id  uuid   NOT NULL UNIQUE,
  discount_minor bigint NOT NULL CHECK (discount_minor >= 0),
  cashback_coins bigint NOT NULL CHECK (cashback_coins >= 0),
  PRIMARY KEY (order_id, promotion_id)
);
