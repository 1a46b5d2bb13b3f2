-- The coin ledger: double entry, integer minor units, invariants enforced by PostgreSQL.
--
-- Every unique key includes the account id or the transfer id, so that the schema can be
-- distributed with Citus (accounts and entries by account_id, co-located) without a rewrite; see
-- docs/wallet.md.
CREATE SCHEMA wallet;

CREATE TABLE wallet.assets (
  code  text     PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,15}$'),
  -- Minor units per major unit as a power of ten: COIN 0 (whole coins), USD 2 (cents).
  scale smallint NOT NULL CHECK (scale BETWEEN 0 AND 8)
);
INSERT INTO wallet.assets (code, scale) VALUES ('COIN', 0), ('USD', 2), ('EUR', 2), ('TRY', 2);

-- Balances follow TigerBeetle's model: four running sums per account. An account's balance is
-- credits_posted - debits_posted; its available balance also subtracts debits_pending (holds).
CREATE TABLE wallet.accounts (
  id              text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9:_.-]{0,127}$'),
  asset           text        NOT NULL REFERENCES wallet.assets (code),
  owner_kind      text        NOT NULL CHECK (owner_kind IN ('member', 'system')),
  owner_id        text        NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 128),
  debits_must_not_exceed_credits boolean NOT NULL DEFAULT false,
  credits_must_not_exceed_debits boolean NOT NULL DEFAULT false,
  -- How far debits may exceed credits on a debits_must_not_exceed_credits account.
  overdraft_limit bigint      NOT NULL DEFAULT 0 CHECK (overdraft_limit >= 0),
  debits_posted   bigint      NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_posted  bigint      NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  debits_pending  bigint      NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  credits_pending bigint      NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  -- The sequence number of the account's last entry: entries are numbered 1, 2, 3... per account.
  entry_seq       bigint      NOT NULL DEFAULT 0 CHECK (entry_seq >= 0),
  metadata        jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT (debits_must_not_exceed_credits AND credits_must_not_exceed_debits)),
  CONSTRAINT debits_within_credits CHECK (
    NOT debits_must_not_exceed_credits OR debits_posted + debits_pending <= credits_posted + overdraft_limit),
  CONSTRAINT credits_within_debits CHECK (
    NOT credits_must_not_exceed_debits OR credits_posted + credits_pending <= debits_posted),
  -- Every sum stays an integer that a JSON number carries exactly (2^53 - 1).
  CONSTRAINT sums_within_safe_integers CHECK (
    GREATEST(debits_posted + debits_pending, credits_posted + credits_pending) <= 9007199254740991)
);
CREATE INDEX accounts_owner ON wallet.accounts (owner_kind, owner_id, asset);

-- System accounts: stable, readable ids. Issuance may go negative (it is where coins come from);
-- the rewards pool is a budget that cannot be overspent.
INSERT INTO wallet.accounts (id, asset, owner_kind, owner_id, debits_must_not_exceed_credits) VALUES
  ('sys:issuance:COIN', 'COIN', 'system', 'issuance', false),
  ('sys:rewards:COIN',  'COIN', 'system', 'rewards',  true),
  ('sys:escrow:COIN',   'COIN', 'system', 'escrow',   true),
  ('sys:fees:COIN',     'COIN', 'system', 'fees',     false);

CREATE TABLE wallet.transfers (
  -- Client-chosen: the id is the idempotency key.
  id                uuid        PRIMARY KEY,
  kind              text        NOT NULL CHECK (kind IN ('posted', 'pending', 'post_pending', 'void_pending', 'reversal')),
  debit_account_id  text        NOT NULL REFERENCES wallet.accounts (id),
  credit_account_id text        NOT NULL REFERENCES wallet.accounts (id),
  asset             text        NOT NULL REFERENCES wallet.assets (code),
  -- For void_pending: the amount released. For post_pending: the amount posted (at most the hold).
  amount            bigint      NOT NULL,
  -- For post_pending and void_pending: the pending transfer they settle.
  pending_id        uuid        REFERENCES wallet.transfers (id),
  -- For reversal: the posted transfer it reverses.
  reverses_id       uuid        REFERENCES wallet.transfers (id),
  -- A pending transfer's life: pending -> posted | voided | expired. Others are 'final'.
  status            text        NOT NULL CHECK (status IN ('final', 'pending', 'posted', 'voided', 'expired')),
  timeout_at        timestamptz,
  -- How much of a posted transfer has been reversed so far (never more than its amount).
  reversed_amount   bigint      NOT NULL DEFAULT 0,
  reference         text        CHECK (length(reference) <= 200),
  -- The API allows 4,096 bytes of JSON; jsonb's text form is at most about 1.5 times that.
  metadata          jsonb       CHECK (octet_length(metadata::text) <= 8192),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account_id <> credit_account_id),
  CHECK (reversed_amount BETWEEN 0 AND amount),
  CHECK ((kind IN ('post_pending', 'void_pending')) = (pending_id IS NOT NULL)),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
  CHECK ((kind = 'pending') = (status <> 'final')),
  CHECK (amount > 0)
);
-- At most one settlement per pending transfer.
CREATE UNIQUE INDEX transfers_one_settlement ON wallet.transfers (pending_id) WHERE pending_id IS NOT NULL;
CREATE INDEX transfers_pending_timeouts ON wallet.transfers (timeout_at) WHERE status = 'pending' AND timeout_at IS NOT NULL;
-- No index on the accounts of a transfer: an account's history is its entries.

-- One row per posted change of an account's balance, with the balance after it.
CREATE TABLE wallet.entries (
  account_id    text        NOT NULL REFERENCES wallet.accounts (id),
  seq           bigint      NOT NULL CHECK (seq > 0),
  transfer_id   uuid        NOT NULL REFERENCES wallet.transfers (id),
  -- Signed from the account's side: credits positive, debits negative.
  amount        bigint      NOT NULL CHECK (amount <> 0),
  balance_after bigint      NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, seq)
);
CREATE INDEX entries_account_time ON wallet.entries (account_id, created_at);

CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON wallet.entries
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON wallet.entries
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();
