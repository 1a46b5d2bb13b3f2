-- Redemptions: a promotion used by an order, counted against its limits in the same transaction,
-- and given back when the order is cancelled or refunded.

-- Counters change with every redemption; only changes of what a promotion is (its definition,
-- name or active switch) go to the index's change feed.
CREATE OR REPLACE FUNCTION promotions.stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.definition IS DISTINCT FROM OLD.definition OR NEW.name IS DISTINCT FROM OLD.name OR NEW.active IS DISTINCT FROM OLD.active THEN
    NEW.changed_tx := pg_current_xact_id();
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE TABLE promotions.member_uses (
  promotion_id uuid   NOT NULL REFERENCES promotions.promotions (id),
  member_id    uuid   NOT NULL,
  uses         bigint NOT NULL CHECK (uses >= 0),
  PRIMARY KEY (promotion_id, member_id)
);

CREATE TABLE promotions.redemptions (
  -- Chosen by the caller (the orders engine): the idempotency key.
  id             uuid        PRIMARY KEY,
  promotion_id   uuid        NOT NULL REFERENCES promotions.promotions (id),
  order_id       text        NOT NULL CHECK (length(order_id) BETWEEN 1 AND 200),
  member_id      uuid,
  discount_minor bigint      NOT NULL CHECK (discount_minor >= 0),
  status         text        NOT NULL DEFAULT 'redeemed' CHECK (status IN ('redeemed', 'reversed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  reversed_at    timestamptz,
  UNIQUE (promotion_id, order_id),
  CHECK ((status = 'reversed') = (reversed_at IS NOT NULL))
);
