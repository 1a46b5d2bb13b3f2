-- A batch of spins in one round trip (docs/coupons.md, "Spins in batches"). The caller has drawn
-- each spin's slice and, for a coupon slice, taken a unit (and its code) from a stock lease. Item k
-- of every array describes spin k; a batch holds at most one spin per member.
--   p_daily_rule[k]: the wheel limits spins per day (otherwise nothing is counted).
--   p_positions[k] NULL: the spin found nothing left to win (answered after the replay check).
--   p_campaigns[k], p_leases[k], p_codes[k], p_unique[k], p_coupon_ids[k]: a coupon prize, or NULLs.
-- Statuses: replay (the id exists; out_spin holds it), created, exhausted, daily_limit,
-- member_limit (the member holds the campaign's per-member limit: draw again without that slice),
-- lease_lost (the lease was settled meanwhile, or its campaign has ended: take a unit from a new
-- lease and try again; a lease left unsettled is reclaimed when it expires).
-- A refused spin leaves nothing behind; an inconsistency raises, which rolls the whole batch back.
ALTER TABLE coupons.member_counts DROP CONSTRAINT member_counts_issued_check, ADD CHECK (issued >= 0);

CREATE FUNCTION coupons.commit_spins(
  p_ids uuid[], p_wheels uuid[], p_members uuid[], p_days date[], p_daily_rule boolean[], p_positions smallint[], p_outcomes jsonb[],
  p_campaigns uuid[], p_leases uuid[], p_codes text[], p_unique boolean[], p_coupon_ids uuid[]
) RETURNS TABLE (out_i int, out_status text, out_created_at timestamptz, out_spin jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  n int := cardinality(p_ids);
  st text[] := array_fill('open'::text, ARRAY[n]);
  r record;
  k int;
  v_expected int;
  v_done int;
BEGIN
  -- Replays: a spin id seen before answers with what was stored.
  FOR r IN SELECT t.k::int AS k, s.* FROM unnest(p_ids) WITH ORDINALITY AS t(id, k) JOIN coupons.spins s ON s.id = t.id LOOP
    st[r.k] := 'replay';
    RETURN QUERY SELECT r.k, 'replay'::text, r.created_at, jsonb_build_object(
      'id', r.id, 'wheelId', r.wheel_id, 'memberId', r.member_id, 'spinDay', r.spin_day::text, 'outcome', r.outcome);
  END LOOP;
  FOR k IN 1..n LOOP
    IF st[k] = 'open' AND p_positions[k] IS NULL THEN st[k] := 'exhausted'; END IF;
  END LOOP;

  -- The daily rule: one upsert for the batch, the limit in its WHERE.
  FOR k IN 1..n LOOP
    IF st[k] = 'open' AND NOT p_daily_rule[k] THEN st[k] := 'counted'; END IF;
  END LOOP;
  FOR r IN
    INSERT INTO coupons.spin_counts AS sc (wheel_id, member_id, spin_day, spins)
    SELECT p_wheels[i], p_members[i], p_days[i], 1 FROM generate_subscripts(p_ids, 1) AS i WHERE st[i] = 'open'
    ON CONFLICT (wheel_id, member_id, spin_day) DO UPDATE SET spins = sc.spins + 1
    WHERE sc.spins < (SELECT w.spins_per_day FROM coupons.wheels w WHERE w.id = sc.wheel_id)
    RETURNING sc.member_id
  LOOP
    st[array_position(p_members, r.member_id)] := 'counted';
  END LOOP;
  FOR k IN 1..n LOOP
    IF st[k] = 'open' THEN st[k] := 'daily_limit';
    ELSIF st[k] = 'counted' AND p_campaigns[k] IS NULL THEN st[k] := 'granted';
    END IF;
  END LOOP;

  -- Per-member limits of the coupon prizes.
  FOR r IN
    INSERT INTO coupons.member_counts AS mc (campaign_id, member_id, issued)
    SELECT p_campaigns[i], p_members[i], 1 FROM generate_subscripts(p_ids, 1) AS i WHERE st[i] = 'counted'
    ON CONFLICT (campaign_id, member_id) DO UPDATE SET issued = mc.issued + 1
    WHERE mc.issued < (SELECT c.per_member_limit FROM coupons.campaigns c WHERE c.id = mc.campaign_id)
    RETURNING mc.member_id
  LOOP
    st[array_position(p_members, r.member_id)] := 'granted';
  END LOOP;
  FOR k IN 1..n LOOP
    IF st[k] = 'counted' THEN st[k] := 'member_limit'; END IF;
  END LOOP;

  -- Units used under each lease: rows locked in id order (two batches never deadlock), the
  -- lease's size in the WHERE (and in its CHECK).
  PERFORM 1 FROM coupons.leases WHERE id IN (SELECT p_leases[i] FROM generate_subscripts(p_ids, 1) AS i WHERE st[i] = 'granted')
  ORDER BY id FOR NO KEY UPDATE;
  FOR k IN 1..n LOOP
    IF st[k] = 'granted' AND p_leases[k] IS NOT NULL THEN st[k] := 'leased'; END IF;
  END LOOP;
  FOR r IN
    UPDATE coupons.leases l SET used = l.used + t.units
    FROM (SELECT p_leases[i] AS id, count(*)::int AS units FROM generate_subscripts(p_ids, 1) AS i WHERE st[i] = 'leased' GROUP BY 1) t
    WHERE l.id = t.id AND l.settled_at IS NULL AND l.used + t.units <= l.units
      -- A campaign's units are issued only within its window, whatever the process's clock says.
      AND EXISTS (SELECT 1 FROM coupons.campaigns c WHERE c.id = l.campaign_id AND now() >= c.valid_from AND now() < c.valid_to)
    RETURNING l.id
  LOOP
    FOR k IN 1..n LOOP
      IF st[k] = 'leased' AND p_leases[k] = r.id THEN st[k] := 'granted'; END IF;
    END LOOP;
  END LOOP;
  FOR k IN 1..n LOOP
    IF st[k] = 'leased' THEN st[k] := 'lease_lost'; END IF;
  END LOOP;

  -- Take back what the refused spins counted.
  UPDATE coupons.spin_counts sc SET spins = sc.spins - 1
  FROM generate_subscripts(p_ids, 1) AS i
  WHERE st[i] IN ('member_limit', 'lease_lost') AND sc.wheel_id = p_wheels[i] AND sc.member_id = p_members[i] AND sc.spin_day = p_days[i];
  UPDATE coupons.member_counts mc SET issued = mc.issued - 1
  FROM generate_subscripts(p_ids, 1) AS i
  WHERE st[i] = 'lease_lost' AND mc.campaign_id = p_campaigns[i] AND mc.member_id = p_members[i];

  -- The coupons, their unique codes marked taken, and the spins.
  INSERT INTO coupons.coupons (id, campaign_id, member_id, code, source)
  SELECT p_coupon_ids[i], p_campaigns[i], p_members[i], p_codes[i], 'spin' FROM generate_subscripts(p_ids, 1) AS i
  WHERE st[i] = 'granted' AND p_campaigns[i] IS NOT NULL;
  SELECT count(*) INTO v_expected FROM generate_subscripts(p_ids, 1) AS i WHERE st[i] = 'granted' AND p_unique[i];
  UPDATE coupons.codes c SET coupon_id = p_coupon_ids[i]
  FROM generate_subscripts(p_ids, 1) AS i
  WHERE st[i] = 'granted' AND p_unique[i] AND c.code = p_codes[i] AND c.lease_id = p_leases[i] AND c.coupon_id IS NULL;
  GET DIAGNOSTICS v_done = ROW_COUNT;
  IF v_done <> v_expected THEN RAISE EXCEPTION 'a leased code was not free (% of %)', v_done, v_expected; END IF;

  SELECT count(*) INTO v_expected FROM generate_subscripts(p_ids, 1) AS i WHERE st[i] = 'granted';
  v_done := 0;
  FOR r IN
    INSERT INTO coupons.spins AS s (id, wheel_id, member_id, spin_day, slice_position, outcome)
    SELECT p_ids[i], p_wheels[i], p_members[i], p_days[i], p_positions[i], p_outcomes[i] FROM generate_subscripts(p_ids, 1) AS i
    WHERE st[i] = 'granted'
    ON CONFLICT (id) DO NOTHING
    RETURNING s.id, s.created_at
  LOOP
    v_done := v_done + 1;
    RETURN QUERY SELECT array_position(p_ids, r.id), 'created'::text, r.created_at, NULL::jsonb;
  END LOOP;
  -- The same id stored concurrently (by another member's batch): roll back, the caller retries alone.
  IF v_done <> v_expected THEN RAISE EXCEPTION 'a spin id of this batch was stored concurrently'; END IF;

  FOR k IN 1..n LOOP
    IF st[k] IN ('exhausted', 'daily_limit', 'member_limit', 'lease_lost') THEN
      RETURN QUERY SELECT k, st[k], NULL::timestamptz, NULL::jsonb;
    END IF;
  END LOOP;
END;
$$;
