-- Set-wise application of large batches (called by wallet.create_transfers in 0002).

-- The fast path for the common batch: only new posted transfers, between existing accounts of one
-- asset, none of which could hit a limit even if every debit in the batch came before every
-- credit. Such a batch cannot refuse anything, so it is applied set-wise: one insert of all
-- transfers, one update per account, one insert of all entries (running balances by window),
-- instead of some nine statements per transfer. Returns NULL when the batch does not qualify; the
-- caller then applies it item by item. The caller holds the locks on every account involved, and
-- passes their ids: every join to accounts is also filtered by `id = ANY (p_accounts)` so the
-- planner, which cannot estimate rows coming out of jsonb, always probes the primary key.
CREATE FUNCTION wallet.apply_simple_batch(p_items jsonb, p_accounts text[]) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_now      timestamptz := clock_timestamp();
  v_eligible boolean;
  v_results  jsonb;
BEGIN
  WITH items AS (
    SELECT ord, i, (i->>'id')::uuid AS id, i->>'debitAccountId' AS dr, i->>'creditAccountId' AS cr, (i->>'amount')::bigint AS amt
    FROM jsonb_array_elements(p_items) WITH ORDINALITY AS x(i, ord)
  ), sums AS (
    SELECT account_id, sum(d) AS d, sum(c) AS c FROM (
      SELECT dr AS account_id, amt AS d, 0 AS c FROM items UNION ALL SELECT cr, 0, amt FROM items) m
    GROUP BY account_id
  )
  SELECT
    -- coalesce: bool_and skips NULLs, and a missing field must disqualify, not be ignored.
    (SELECT bool_and(coalesce(i->>'kind' = 'posted' AND dr IS NOT NULL AND cr IS NOT NULL AND amt > 0 AND dr <> cr
                     AND NOT (i ? 'pendingId' OR i ? 'reversesId' OR i ? 'timeoutSeconds'), false)) FROM items)
    AND (SELECT count(DISTINCT id) = count(*) FROM items)
    -- = ANY of an array, not IN (subquery): the planner then always probes the primary key.
    AND NOT EXISTS (SELECT 1 FROM wallet.transfers t WHERE t.id = ANY (ARRAY(SELECT id FROM items)))
    AND NOT EXISTS (
      SELECT 1 FROM items
      LEFT JOIN wallet.accounts a ON a.id = items.dr AND a.id = ANY (p_accounts)
      LEFT JOIN wallet.accounts b ON b.id = items.cr AND b.id = ANY (p_accounts)
      WHERE a.id IS NULL OR b.id IS NULL OR a.asset <> b.asset OR (i ? 'asset' AND i->>'asset' <> a.asset))
    AND NOT EXISTS (
      SELECT 1 FROM sums JOIN wallet.accounts a ON a.id = sums.account_id AND a.id = ANY (p_accounts)
      WHERE (a.debits_must_not_exceed_credits AND a.debits_posted + a.debits_pending + sums.d > a.credits_posted + a.overdraft_limit)
         OR (a.credits_must_not_exceed_debits AND a.credits_posted + a.credits_pending + sums.c > a.debits_posted)
         OR a.debits_posted + a.debits_pending + sums.d > 9007199254740991
         OR a.credits_posted + a.credits_pending + sums.c > 9007199254740991)
  INTO v_eligible;
  IF NOT coalesce(v_eligible, false) THEN
    RETURN NULL;
  END IF;

  WITH items AS (
    SELECT ord, (i->>'id')::uuid AS id, i->>'debitAccountId' AS dr, i->>'creditAccountId' AS cr, (i->>'amount')::bigint AS amt,
           i->>'reference' AS ref, i->'metadata' AS meta
    FROM jsonb_array_elements(p_items) WITH ORDINALITY AS x(i, ord)
  ), moves AS (
    SELECT dr AS account_id, ord, id, -amt AS delta FROM items UNION ALL SELECT cr, ord, id, amt FROM items
  ), running AS (
    SELECT m.account_id, m.ord, m.id, m.delta, a.asset, a.debits_pending,
           a.entry_seq + row_number() OVER w AS seq,
           a.credits_posted - a.debits_posted + sum(m.delta) OVER w AS balance_after,
           a.credits_pending - a.debits_pending AS pending
    FROM moves m JOIN wallet.accounts a ON a.id = m.account_id AND a.id = ANY (p_accounts)
    WINDOW w AS (PARTITION BY m.account_id ORDER BY m.ord ROWS UNBOUNDED PRECEDING)
  ), new_transfers AS (
    INSERT INTO wallet.transfers (id, kind, debit_account_id, credit_account_id, asset, amount, status, reference, metadata, created_at)
    SELECT items.id, 'posted', dr, cr, r.asset, amt, 'final', ref, meta, v_now
    FROM items JOIN running r ON r.id = items.id AND r.account_id = items.dr
    ORDER BY items.ord
    RETURNING id
  ), balances AS (
    UPDATE wallet.accounts a SET
      debits_posted = a.debits_posted + s.d, credits_posted = a.credits_posted + s.c, entry_seq = a.entry_seq + s.n
    FROM (SELECT account_id, coalesce(sum(-delta) FILTER (WHERE delta < 0), 0) AS d,
                 coalesce(sum(delta) FILTER (WHERE delta > 0), 0) AS c, count(*) AS n
          FROM moves GROUP BY account_id) s
    WHERE a.id = s.account_id AND a.id = ANY (p_accounts)
    RETURNING a.id
  ), new_entries AS (
    INSERT INTO wallet.entries (account_id, seq, transfer_id, amount, balance_after, created_at)
    SELECT account_id, seq, id, delta, balance_after, v_now FROM running ORDER BY account_id, seq
    RETURNING 1
  )
  SELECT jsonb_agg(jsonb_build_object(
           'id', items.id, 'result', 'created',
           'transfer', jsonb_build_object(
             'id', items.id, 'kind', 'posted', 'debit_account_id', items.dr, 'credit_account_id', items.cr,
             'asset', d.asset, 'amount', items.amt, 'pending_id', NULL, 'reverses_id', NULL, 'status', 'final',
             'timeout_at', NULL, 'reversed_amount', 0, 'reference', items.ref, 'metadata', items.meta, 'created_at', v_now),
           'accounts', jsonb_build_array(
             jsonb_build_object('id', d.account_id, 'asset', d.asset, 'posted', d.balance_after, 'pending', d.pending, 'available', d.balance_after - d.debits_pending),
             jsonb_build_object('id', c.account_id, 'asset', c.asset, 'posted', c.balance_after, 'pending', c.pending, 'available', c.balance_after - c.debits_pending)))
         ORDER BY items.ord)
  INTO v_results
  FROM items
  JOIN running d ON d.id = items.id AND d.account_id = items.dr
  JOIN running c ON c.id = items.id AND c.account_id = items.cr
  -- Referencing the modifying CTEs makes sure they run (PostgreSQL runs them regardless, but the
  -- counts also assert that every transfer, account and entry was written).
  WHERE (SELECT count(*) FROM new_transfers) = (SELECT count(*) FROM items)
    AND (SELECT count(*) FROM new_entries) = 2 * (SELECT count(*) FROM items)
    AND (SELECT count(*) FROM balances) > 0;
  IF v_results IS NULL THEN
    RAISE EXCEPTION 'wallet.apply_simple_batch wrote an incomplete batch' USING ERRCODE = 'XX000';
  END IF;
  RETURN v_results;
END $$;
