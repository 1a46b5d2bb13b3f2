-- Notifications: what domain events mean for members, delivered to their webhooks at least once,
-- with retries and a dead letter. Deliveries are rows: nothing is lost across a restart.
CREATE SCHEMA notifications;

-- A member's webhook. Its signing secret is derived from TROVE_SECRET_KEY and the endpoint's id and
-- rotation, so no secret is stored at all.
CREATE TABLE notifications.endpoints (
  id          uuid        PRIMARY KEY,
  member_id   uuid        NOT NULL REFERENCES members.members (id),
  url         text        NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  rotation    integer     NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE INDEX endpoints_member ON notifications.endpoints (member_id) WHERE disabled_at IS NULL;

-- Per member and notification type, for every channel: off when a row says so (on by default).
CREATE TABLE notifications.preferences (
  member_id uuid    NOT NULL REFERENCES members.members (id),
  type      text    NOT NULL,
  enabled   boolean NOT NULL,
  PRIMARY KEY (member_id, type)
);

-- Domain events already turned into notifications (events arrive at least once).
CREATE TABLE notifications.seen (
  key     text        PRIMARY KEY,
  seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications.messages (
  id         uuid        PRIMARY KEY,
  member_id  uuid        NOT NULL REFERENCES members.members (id),
  type       text        NOT NULL,
  data       jsonb       NOT NULL,
  -- How many occurrences a digest folded into this one message.
  count      integer     NOT NULL DEFAULT 1 CHECK (count >= 1),
  digest_key text,
  first_at   timestamptz NOT NULL DEFAULT now(),
  last_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_digest ON notifications.messages (digest_key, first_at DESC) WHERE digest_key IS NOT NULL;
CREATE INDEX messages_member ON notifications.messages (member_id, first_at DESC);

CREATE TABLE notifications.deliveries (
  id              uuid        PRIMARY KEY,
  message_id      uuid        NOT NULL REFERENCES notifications.messages (id),
  -- webhook: to one of the member's endpoints; nats: to its subject on NATS JetStream; email: to its address.
  channel         text        NOT NULL DEFAULT 'webhook' CHECK (channel IN ('webhook', 'nats', 'email')),
  endpoint_id     uuid        REFERENCES notifications.endpoints (id),
  state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A worker that took it (and may have died): another takes it after this.
  lease_until     timestamptz,
  last_error      text,
  delivered_at    timestamptz,
  CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL)),
  UNIQUE (message_id, endpoint_id)
);
CREATE UNIQUE INDEX deliveries_channel ON notifications.deliveries (message_id, channel) WHERE channel <> 'webhook';
CREATE INDEX deliveries_due ON notifications.deliveries (next_attempt_at) WHERE state = 'pending';
