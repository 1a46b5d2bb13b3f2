-- A member's open holds (its wallet page lists them): the pending transfers out of its accounts.
CREATE INDEX transfers_open_holds ON wallet.transfers (debit_account_id, created_at) WHERE status = 'pending';
