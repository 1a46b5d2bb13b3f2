-- The first half of a batch's transaction in one call (one round trip instead of five): journal
-- the events, create and lock their progress rows, and store the distinct ids that are new and
-- still below their target. The caller computes the new states from the answer and saves them.
--
-- batch: {"events":   [{s, i, m, t, o, v, a, f}]           source, id, member, type, occurredAt, value, attributes, fingerprint (hex)
--         "keys":     [{n, g, m, u, w}]                    progress rows (game, milestone, member, window), numbered
--         "distinct": [{s, i, k, g, m, ck, u, w, item, t}] candidate ids: their event, progress row n and key, checkpoint, id, target}
-- returns {"fresh": {"<source>\u0001<id>": true}, "existing": {"<source>\u0001<id>": "<fingerprint hex>"},
--          "states": {"<key n>": state}, "newIds": [[game, milestone, checkpoint, member, window, id]]}
CREATE FUNCTION rewards.begin_batch(batch jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  fresh    jsonb;
  existing jsonb;
  states   jsonb;
  new_ids  jsonb;
BEGIN
  -- Events once per (source, id); the caller sends them in key order.
  WITH ins AS (
    INSERT INTO rewards.events (source, id, member_id, type, occurred_at, value, attributes, fingerprint)
    SELECT e.s, e.i, e.m, e.t, e.o, e.v, e.a, decode(e.f, 'hex')
    FROM jsonb_to_recordset(batch->'events') AS e(s text, i text, m uuid, t text, o timestamptz, v bigint, a jsonb, f text)
    ON CONFLICT (source, id) DO NOTHING
    RETURNING source, id)
  SELECT coalesce(jsonb_object_agg(source || chr(1) || id, true), '{}') INTO fresh FROM ins;

  SELECT coalesce(jsonb_object_agg(ev.source || chr(1) || ev.id, encode(ev.fingerprint, 'hex')), '{}') INTO existing
  FROM (SELECT e.s, e.i FROM jsonb_to_recordset(batch->'events') AS e(s text, i text) WHERE NOT fresh ? (e.s || chr(1) || e.i)) e
  JOIN rewards.events ev ON ev.source = e.s AND ev.id = e.i;

  -- Progress rows: created when missing, then locked in key order for the rest of the transaction.
  INSERT INTO rewards.progress (game_id, milestone_key, member_id, window_key)
  SELECT k.g, k.m, k.u, k.w FROM jsonb_to_recordset(batch->'keys') AS k(g uuid, m text, u uuid, w text)
  ON CONFLICT DO NOTHING;
  SELECT coalesce(jsonb_object_agg(x.n::text, x.state), '{}') INTO states FROM (
    SELECT k.n, p.state FROM rewards.progress p
    JOIN jsonb_to_recordset(batch->'keys') AS k(n int, g uuid, m text, u uuid, w text)
      ON (p.game_id, p.milestone_key, p.member_id, p.window_key) = (k.g, k.m, k.u, k.w)
    ORDER BY p.game_id, p.milestone_key, p.member_id, p.window_key
    FOR UPDATE OF p) x;

  -- Distinct ids of new events, for checkpoints still below their target. Ids that turn out past
  -- the target are deleted by the caller before commit. (No join with "keys": a function scan on the
  -- inner side of a nested loop would parse the whole document again for every row.)
  WITH c AS (
    SELECT DISTINCT c.g, c.m, c.ck, c.u, c.w, c.item
    FROM jsonb_to_recordset(batch->'distinct') AS c(s text, i text, k int, g uuid, m text, ck text, u uuid, w text, item text, t int)
    WHERE fresh ? (c.s || chr(1) || c.i) AND coalesce((states -> c.k::text -> c.ck ->> 'value')::int, 0) < c.t),
  ins AS (
    INSERT INTO rewards.distinct_ids (game_id, milestone_key, checkpoint_key, member_id, window_key, item)
    SELECT g, m, ck, u, w, item FROM c
    ON CONFLICT DO NOTHING
    RETURNING game_id, milestone_key, checkpoint_key, member_id, window_key, item)
  SELECT coalesce(jsonb_agg(jsonb_build_array(game_id, milestone_key, checkpoint_key, member_id, window_key, item)), '[]') INTO new_ids FROM ins;

  RETURN jsonb_build_object('fresh', fresh, 'existing', existing, 'states', states, 'newIds', new_ids);
END $$;
