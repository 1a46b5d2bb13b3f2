-- Shared infrastructure: idempotency keys, the transactional outbox, and the trigger function
-- that makes a table append-only (used by every module's history tables).

CREATE FUNCTION platform.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

-- A stored response for each (caller, Idempotency-Key). Written in the same transaction as the
-- effect it describes; status_code and response_body are set before that transaction commits.
CREATE TABLE platform.idempotency_keys (
  scope          text        NOT NULL,
  key            text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  fingerprint    text        NOT NULL,
  status_code    int         CHECK (status_code BETWEEN 100 AND 599),
  -- text, not jsonb: a replay returns the body byte for byte.
  response_body  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expiry ON platform.idempotency_keys (expires_at);

-- Domain events, written by a module in the same transaction as the change they describe, then
-- delivered at least once, in id order per aggregate, by the dispatcher.
CREATE TABLE platform.outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  aggregate_type  text        NOT NULL,
  aggregate_id    text        NOT NULL,
  event_type      text        NOT NULL,
  payload         jsonb       NOT NULL,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  dispatched_at   timestamptz,
  attempts        int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz,
  -- Subscribers that already handled the event, so a retry after a partial failure skips them.
  delivered_to    text[]      NOT NULL DEFAULT '{}',
  last_error      text,
  dead            boolean     NOT NULL DEFAULT false
);
-- The dispatcher's queue: only undelivered events, in id order.
CREATE INDEX outbox_pending ON platform.outbox (id) WHERE dispatched_at IS NULL AND NOT dead;
CREATE INDEX outbox_aggregate ON platform.outbox (aggregate_type, aggregate_id, id);
