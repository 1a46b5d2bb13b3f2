-- Members, their verification decisions (an append-only audit trail) and API keys.
CREATE SCHEMA members;

CREATE TABLE members.members (
  id                 uuid        PRIMARY KEY,
  email              text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  display_name       text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  roles              text[]      NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['admin','seller','buyer']),
  verification_state text        NOT NULL DEFAULT 'pending'
                                 CHECK (verification_state IN ('pending','approved','rejected','needs_changes')),
  time_zone          text        NOT NULL DEFAULT 'UTC',
  home_lat           double precision CHECK (home_lat BETWEEN -90 AND 90),
  home_lng           double precision CHECK (home_lng BETWEEN -180 AND 180),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((home_lat IS NULL) = (home_lng IS NULL))
);
-- Emails are unique regardless of case.
CREATE UNIQUE INDEX members_email ON members.members (lower(email));
CREATE INDEX members_verification_queue ON members.members (verification_state, created_at, id);

CREATE TABLE members.verification_decisions (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id   uuid        NOT NULL REFERENCES members.members (id),
  from_state  text        NOT NULL,
  to_state    text        NOT NULL CHECK (to_state IN ('pending','approved','rejected','needs_changes')),
  reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  -- The admin who decided, or the member itself when it resubmitted; NULL for a service key.
  decided_by  uuid        REFERENCES members.members (id),
  decided_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (from_state <> to_state)
);
CREATE INDEX verification_decisions_member ON members.verification_decisions (member_id, id);

-- The audit trail is history: it is never edited or deleted.
CREATE TRIGGER verification_decisions_append_only BEFORE UPDATE OR DELETE ON members.verification_decisions
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();

CREATE TABLE members.api_keys (
  id             uuid        PRIMARY KEY,
  -- A member key acts as its member; a service key (member_id NULL) acts only within its scopes.
  member_id      uuid        REFERENCES members.members (id),
  name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_hash       bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
  display_prefix text        NOT NULL,
  scopes         text[],
  created_by     uuid        REFERENCES members.members (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_used_at   timestamptz,
  revoked_at     timestamptz,
  CHECK (member_id IS NOT NULL OR (scopes IS NOT NULL AND cardinality(scopes) >= 1))
);
CREATE INDEX api_keys_member ON members.api_keys (member_id) WHERE member_id IS NOT NULL;
