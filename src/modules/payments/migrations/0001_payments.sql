-- Card payments. Webhook events are kept by their id: a redelivered event is recognised and
-- acknowledged without being applied twice.
CREATE SCHEMA payments;

CREATE TABLE payments.webhook_events (
  id          text        PRIMARY KEY,
  type        text        NOT NULL,
  -- What applying it did: applied, or why not (an order already past that state, an unknown payment...).
  result      text        NOT NULL,
  payload     jsonb       NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The built-in sandbox provider's payments (a real provider keeps its own).
CREATE TABLE payments.sandbox_payments (
  id           text        PRIMARY KEY,
  order_id     uuid        NOT NULL UNIQUE,
  amount_minor bigint      NOT NULL CHECK (amount_minor > 0),
  currency     text        NOT NULL,
  status       text        NOT NULL DEFAULT 'requires_payment_method'
                           CHECK (status IN ('requires_payment_method', 'succeeded', 'canceled')),
  refunded_minor bigint    NOT NULL DEFAULT 0 CHECK (refunded_minor BETWEEN 0 AND amount_minor),
  created_at   timestamptz NOT NULL DEFAULT now()
);
