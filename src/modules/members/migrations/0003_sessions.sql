-- Members sign in to the web app with email and password: the password is stored as an scrypt
-- hash (salted, memory-hard); a sign-in opens a session whose token lives in an httpOnly cookie
-- and here only as its SHA-256 (32 random bytes: a fast hash is enough, as for API keys).
ALTER TABLE members.members
  ADD COLUMN password_hash text CHECK (password_hash IS NULL OR password_hash LIKE 'scrypt$%');

CREATE TABLE members.sessions (
  id         uuid        PRIMARY KEY,
  member_id  uuid        NOT NULL REFERENCES members.members (id),
  token_hash bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_member ON members.sessions (member_id) WHERE revoked_at IS NULL;
