import assert from 'node:assert';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { stateKey, type Audience, type Completion, type CompletionStatus, type Game, type MilestoneDef, type MilestoneState } from './model.js';

/** The rewards engine's SQL. Statements that take many rows take them as arrays (unnest). */

interface GameRow {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
  active: boolean;
  audience: Audience;
  definition: { milestones: MilestoneDef[] };
  budget_coins: string;
  spent_coins: string;
  funding_account_id: string | null;
  verify_url: string | null;
  created_at: Date;
}

const GAME_COLUMNS = sql`id, name, starts_at, ends_at, active, audience, definition, budget_coins, spent_coins, funding_account_id, verify_url, created_at`;

function toGame(r: GameRow): Game {
  return {
    id: r.id, name: r.name, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(), active: r.active,
    audience: r.audience, milestones: r.definition.milestones, budgetCoins: Number(r.budget_coins), spentCoins: Number(r.spent_coins),
    fundingAccountId: r.funding_account_id, verification: r.verify_url ? { url: r.verify_url } : null, createdAt: r.created_at.toISOString(),
  };
}

export interface NewGame {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  audience: Audience;
  milestones: MilestoneDef[];
  budgetCoins: number;
  fundingAccountId: string | null;
  verification: { url: string; secret: string } | null;
  createdBy: string | null;
}

export async function insertGame(ex: Executor, g: NewGame): Promise<Game> {
  const { rows } = await sql<GameRow>`
    INSERT INTO rewards.games (id, name, starts_at, ends_at, audience, definition, budget_coins, funding_account_id, verify_url, verify_secret, created_by)
    VALUES (${g.id}, ${g.name}, ${g.startsAt}, ${g.endsAt}, ${JSON.stringify(g.audience)}::jsonb, ${JSON.stringify({ milestones: g.milestones })}::jsonb,
            ${g.budgetCoins}, ${g.fundingAccountId}, ${g.verification?.url ?? null}, ${g.verification?.secret ?? null}, ${g.createdBy})
    RETURNING ${GAME_COLUMNS}`.execute(ex);
  return toGame(rows[0]!);
}

export async function findGame(ex: Executor, id: string): Promise<Game | null> {
  const { rows } = await sql<GameRow>`SELECT ${GAME_COLUMNS} FROM rewards.games WHERE id = ${id}`.execute(ex);
  return rows[0] ? toGame(rows[0]) : null;
}

/** The verification secret, for signing callbacks; never part of a Game. */
export async function verifySecret(ex: Executor, gameId: string): Promise<string | null> {
  const { rows } = await sql<{ verify_secret: string | null }>`SELECT verify_secret FROM rewards.games WHERE id = ${gameId}`.execute(ex);
  return rows[0]?.verify_secret ?? null;
}

/** Games that can still take events: active and not ended longer ago than events may be late. */
export async function liveGames(ex: Executor, latenessMs: number): Promise<Game[]> {
  const { rows } = await sql<GameRow>`
    SELECT ${GAME_COLUMNS} FROM rewards.games
    WHERE active AND ends_at > now() - make_interval(secs => ${latenessMs / 1000}) AND starts_at <= now() + interval '1 day'`.execute(ex);
  return rows.map(toGame);
}

export async function listGames(ex: Executor, limit: number, after: string | null): Promise<Game[]> {
  const { rows } = await sql<GameRow>`
    SELECT ${GAME_COLUMNS} FROM rewards.games WHERE ${after}::uuid IS NULL OR id > ${after}::uuid ORDER BY id LIMIT ${limit}`.execute(ex);
  return rows.map(toGame);
}

export interface GamePatch {
  name?: string;
  endsAt?: string;
  active?: boolean;
  budgetCoins?: number;
}

/** Applies a patch; refuses (null) a budget below what was already paid or an end before the start. */
export async function updateGame(ex: Executor, id: string, p: GamePatch): Promise<Game | null> {
  const { rows } = await sql<GameRow>`
    UPDATE rewards.games SET
      name = coalesce(${p.name ?? null}, name),
      ends_at = coalesce(${p.endsAt ?? null}::timestamptz, ends_at),
      active = coalesce(${p.active ?? null}::boolean, active),
      budget_coins = coalesce(${p.budgetCoins ?? null}::bigint, budget_coins),
      updated_at = now()
    WHERE id = ${id}
      AND coalesce(${p.budgetCoins ?? null}::bigint, budget_coins) >= spent_coins
      AND coalesce(${p.endsAt ?? null}::timestamptz, ends_at) > starts_at
    RETURNING ${GAME_COLUMNS}`.execute(ex);
  return rows[0] ? toGame(rows[0]) : null;
}

export interface EventRow {
  source: string;
  id: string;
  memberId: string;
  type: string;
  occurredAt: string;
  value: number | null;
  attributes: Record<string, unknown>;
}

export interface ProgressKey {
  gameId: string;
  milestoneKey: string;
  memberId: string;
  windowKey: string;
}

export const progressKeyString = (k: ProgressKey) => `${k.gameId}|${k.milestoneKey}|${k.memberId}|${k.windowKey}`;

/** Sorts by a key computed once per item (a comparator that builds strings allocates n log n of them). */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.item);
}

/** The positions of `items` in the order of their keys. */
function orderBy<T>(items: readonly T[], keyOf: (item: T) => string): number[] {
  const keys = items.map(keyOf);
  return keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
}

/** A distinct id to store if its event is new and its checkpoint below `target`; `event` and `key` are positions in beginBatch's arrays. */
export interface DistinctCandidate {
  event: number;
  key: number;
  checkpointKey: string;
  item: string;
  target: number;
}

export const journalKey = (source: string, id: string) => `${source}\u0001${id}`;

/** An event of the batch: stored now, stored before with the same fields (a replay), or before with others (a conflict). */
export type JournalOutcome = 'fresh' | 'same' | 'different';

export interface BatchStart {
  /** Per event, in the order given. */
  journal: JournalOutcome[];
  /** Per progress key, in the order given: its state, locked until the transaction ends. */
  states: MilestoneState[];
  /** Per progress key: the row's number (for deleteDistinct) and its address while locked (for saveProgress). */
  ids: number[];
  rows: string[];
  /** Per candidate, in the order given: whether its id was stored now (only the first of equal candidates is). */
  stored: boolean[];
}

/**
 * The first half of a batch's transaction in one round trip (migrations/0003_compact_batch.sql):
 * journals the events once per (source, id), creates and locks the progress rows, and stores the
 * distinct ids of new events whose checkpoint is still below its target. Measured on batches of
 * ~1,400 events, five statements' round trips and row parsing cost more than the work itself. The
 * documents refer to events and rows by position, so nothing long is repeated or parsed twice.
 */
export async function beginBatch(ex: Executor, events: readonly EventRow[], keys: readonly ProgressKey[], candidates: readonly DistinctCandidate[]): Promise<BatchStart> {
  // Rows are inserted and locked in one order for every batch, so concurrent batches cannot
  // deadlock on them. Any total order does; these keys differ in their first characters.
  const eventOrder = orderBy(events, (e) => `${e.id}\u0001${e.source}`);
  const keyOrder = orderBy(keys, (k) => `${k.memberId}|${k.gameId}|${k.milestoneKey}|${k.windowKey}`);
  // 1-based positions in the documents, as SQL's WITH ORDINALITY numbers them.
  const eventAt = new Int32Array(events.length);
  eventOrder.forEach((i, n) => (eventAt[i] = n + 1));
  const keyAt = new Int32Array(keys.length);
  keyOrder.forEach((i, n) => (keyAt[i] = n + 1));
  const eventsDoc = JSON.stringify(eventOrder.map((i) => {
    const e = events[i]!;
    return { s: e.source, i: e.id, m: e.memberId, t: e.type, o: e.occurredAt, v: e.value, a: e.attributes };
  }));
  const keysDoc = JSON.stringify(keyOrder.map((i) => {
    const k = keys[i]!;
    return { g: k.gameId, m: k.milestoneKey, u: k.memberId, w: k.windowKey };
  }));
  const candidatesDoc = JSON.stringify(candidates.map((c) => ({ e: eventAt[c.event], k: keyAt[c.key], c: c.checkpointKey, d: c.item, t: c.target })));
  const { rows } = await sql<{ r: { dups: [number, boolean][]; states: MilestoneState[]; ids: number[]; rows: string[]; stored: number[] } }>`
    SELECT rewards.begin_batch(${eventsDoc}::jsonb, ${keysDoc}::jsonb, ${candidatesDoc}::jsonb) AS r`.execute(ex);
  const r = rows[0]!.r;
  assert(r.states.length === keys.length && r.ids.length === keys.length && r.rows.length === keys.length, 'begin_batch answers for every progress key');
  const journal = new Array<JournalOutcome>(events.length).fill('fresh');
  for (const [n, same] of r.dups) journal[eventOrder[n - 1]!] = same ? 'same' : 'different';
  const stored = new Array<boolean>(candidates.length).fill(false);
  for (const n of r.stored) stored[n - 1] = true;
  return {
    journal,
    states: keys.map((_, i) => r.states[keyAt[i]! - 1]!),
    ids: keys.map((_, i) => r.ids[keyAt[i]! - 1]!),
    rows: keys.map((_, i) => r.rows[keyAt[i]! - 1]!),
    stored,
  };
}

/**
 * Writes new states to the rows beginBatch locked, found by ctid: a row locked by this transaction
 * cannot be updated, deleted or moved by another before it ends, so its ctid stays its address. (A
 * join on the primary key was planned as a hash of the whole table, a cost that grew with it; a
 * list of ctids is read directly, or with one pass over a table smaller than the list's pages.)
 */
export async function saveProgress(ex: Executor, rows: readonly { row: string; state: MilestoneState }[]): Promise<void> {
  if (rows.length === 0) return;
  // ctids are "(page,item)": nothing in them needs escaping in an array literal.
  const rowIds = `{${rows.map((r) => `"${r.row}"`).join(',')}}`;
  const { numAffectedRows } = await sql`
    UPDATE rewards.progress p SET state = s.state, updated_at = now()
    FROM ROWS FROM (unnest(${rowIds}::tid[]), jsonb_array_elements(${JSON.stringify(rows.map((r) => r.state))}::jsonb)) AS s(row_id, state)
    WHERE p.ctid = ANY(${rowIds}::tid[]) AND p.ctid = s.row_id`.execute(ex);
  // A row not found at its address would lose accepted events' progress: fail the batch instead (it is retried or split).
  if (Number(numAffectedRows ?? 0) !== rows.length) throw new Error(`saveProgress: ${numAffectedRows} of ${rows.length} progress rows found at their address`);
}

/** A distinct id as stored: by its progress row's number (BatchStart.ids). */
export interface DistinctItem {
  progressId: number;
  checkpointKey: string;
  item: string;
}

/** Removes ids inserted past a target in the batch that reached it: stored ids never exceed the target. */
export async function deleteDistinct(ex: Executor, rows: readonly DistinctItem[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    DELETE FROM rewards.distinct_items d
    USING unnest(${rows.map((r) => r.progressId)}::bigint[], ${rows.map((r) => r.checkpointKey)}::text[], ${rows.map((r) => r.item)}::text[])
          AS k(progress_id, checkpoint_key, item)
    WHERE (d.progress_id, d.checkpoint_key, d.item) = (k.progress_id, k.checkpoint_key COLLATE "C", k.item COLLATE "C")`.execute(ex);
}

export interface NewCompletion extends ProgressKey {
  completionKey: string;
  status: CompletionStatus;
  coins: number;
}

/** Records completions once per completion key; returns the ones that are new. */
export async function insertCompletions(ex: Executor, rows: readonly NewCompletion[]): Promise<NewCompletion[]> {
  if (rows.length === 0) return [];
  const sorted = sortedBy(rows, (r) => `${progressKeyString(r)}|${r.completionKey}`);
  const { rows: inserted } = await sql<{ game_id: string; milestone_key: string; member_id: string; completion_key: string; window_key: string }>`
    INSERT INTO rewards.completions (game_id, milestone_key, member_id, completion_key, window_key, status, coins, next_verify_at)
    SELECT g, m, mem, ck, w, s, c, CASE WHEN s = 'verifying' THEN now() END
    FROM unnest(${sorted.map((r) => r.gameId)}::uuid[], ${sorted.map((r) => r.milestoneKey)}::text[], ${sorted.map((r) => r.memberId)}::uuid[],
                ${sorted.map((r) => r.completionKey)}::text[], ${sorted.map((r) => r.windowKey)}::text[], ${sorted.map((r) => r.status)}::text[],
                ${sorted.map((r) => r.coins)}::bigint[]) AS k(g, m, mem, ck, w, s, c)
    ON CONFLICT DO NOTHING
    RETURNING game_id, milestone_key, member_id, completion_key, window_key`.execute(ex);
  // Two windows of a once-ever milestone can both complete in one batch: only the row inserted is new.
  const isNew = new Set(inserted.map((r) => `${r.game_id}|${r.milestone_key}|${r.member_id}|${r.completion_key}|${r.window_key}`));
  return sorted.filter((r) => isNew.has(`${r.gameId}|${r.milestoneKey}|${r.memberId}|${r.completionKey}|${r.windowKey}`));
}

export interface CompletionRow {
  game_id: string;
  milestone_key: string;
  member_id: string;
  completion_key: string;
  window_key: string;
  status: CompletionStatus;
  coins: string;
  transfer_id: string | null;
  coupon_id: string | null;
  coupon_status: string | null;
  detail: string | null;
  verify_attempts: number;
  next_verify_at: Date | null;
  completed_at: Date;
}

export function toCompletion(r: CompletionRow): Completion {
  return {
    gameId: r.game_id, milestoneKey: r.milestone_key, memberId: r.member_id, completionKey: r.completion_key, windowKey: r.window_key,
    status: r.status, coins: Number(r.coins), transferId: r.transfer_id, couponId: r.coupon_id, couponStatus: r.coupon_status, detail: r.detail,
    verifyAttempts: r.verify_attempts, nextVerifyAt: r.next_verify_at?.toISOString() ?? null, completedAt: r.completed_at.toISOString(),
  };
}

export interface Settlement {
  gameId: string;
  milestoneKey: string;
  memberId: string;
  completionKey: string;
  status: CompletionStatus;
  transferId: string | null;
  couponId: string | null;
  couponStatus: string | null;
  detail: string | null;
}

/** Writes how completions were settled (paid, refused, waiting for verification). */
export async function settleCompletions(ex: Executor, rows: readonly Settlement[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE rewards.completions c SET status = k.status, transfer_id = k.transfer_id, coupon_id = k.coupon_id, coupon_status = k.coupon_status,
           detail = k.detail, decided_at = CASE WHEN k.status = 'verifying' THEN NULL ELSE now() END,
           next_verify_at = CASE WHEN k.status = 'verifying' THEN c.next_verify_at END
    FROM unnest(${rows.map((r) => r.gameId)}::uuid[], ${rows.map((r) => r.milestoneKey)}::text[], ${rows.map((r) => r.memberId)}::uuid[],
                ${rows.map((r) => r.completionKey)}::text[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.transferId)}::uuid[],
                ${rows.map((r) => r.couponId)}::uuid[], ${rows.map((r) => r.couponStatus)}::text[], ${rows.map((r) => r.detail)}::text[])
         AS k(game_id, milestone_key, member_id, completion_key, status, transfer_id, coupon_id, coupon_status, detail)
    WHERE (c.game_id, c.milestone_key, c.member_id, c.completion_key) = (k.game_id, k.milestone_key, k.member_id, k.completion_key)`.execute(ex);
}

/**
 * FOR NO KEY UPDATE, not FOR UPDATE: every batch's progress and completion rows hold KEY SHARE
 * locks on the game row (their foreign key), which FOR UPDATE would wait for, in a cycle with
 * another batch doing the same.
 *
 * Takes coins from a game's budget for each payout that fits, in the order given, all or nothing
 * per payout: returns which ones fit. The game row stays locked until commit.
 */
export async function reserveBudget(ex: Executor, gameId: string, amounts: readonly number[]): Promise<boolean[]> {
  const { rows } = await sql<{ budget_coins: string; spent_coins: string }>`
    SELECT budget_coins, spent_coins FROM rewards.games WHERE id = ${gameId} FOR NO KEY UPDATE`.execute(ex);
  const row = rows[0];
  if (!row) return amounts.map(() => false);
  let left = Number(row.budget_coins) - Number(row.spent_coins);
  let total = 0;
  // A payout that does not fit does not stop a smaller one after it that does.
  const fit = amounts.map((a) => {
    if (a > left) return false;
    left -= a;
    total += a;
    return true;
  });
  // The CHECK (spent_coins <= budget_coins) holds the invariant even if this arithmetic were wrong.
  if (total > 0) await sql`UPDATE rewards.games SET spent_coins = spent_coins + ${total} WHERE id = ${gameId}`.execute(ex);
  return fit;
}

export async function releaseBudget(ex: Executor, gameId: string, coins: number): Promise<void> {
  if (coins > 0) await sql`UPDATE rewards.games SET spent_coins = spent_coins - ${coins} WHERE id = ${gameId}`.execute(ex);
}

/** A member's progress rows in some games, by stateKey. */
export async function memberStates(ex: Executor, memberId: string, gameIds: readonly string[]): Promise<Map<string, MilestoneState>> {
  const { rows } = await sql<{ game_id: string; milestone_key: string; window_key: string; state: MilestoneState }>`
    SELECT game_id, milestone_key, window_key, state FROM rewards.progress WHERE member_id = ${memberId} AND game_id = ANY(${gameIds}::uuid[])`.execute(ex);
  return new Map(rows.map((r) => [stateKey(r.game_id, r.milestone_key, r.window_key), r.state]));
}

export async function memberCompletions(ex: Executor, memberId: string, gameIds: readonly string[]): Promise<Completion[]> {
  const { rows } = await sql<CompletionRow>`SELECT * FROM rewards.completions WHERE member_id = ${memberId} AND game_id = ANY(${gameIds}::uuid[])`.execute(ex);
  return rows.map(toCompletion);
}

/** Completions of a game counted by milestone and status, with their coins. */
export async function completionTotals(ex: Executor, gameId: string): Promise<{ milestoneKey: string; status: string; n: number; coins: number }[]> {
  const { rows } = await sql<{ milestone_key: string; status: string; n: string; coins: string }>`
    SELECT milestone_key, status, count(*) AS n, sum(coins) AS coins FROM rewards.completions WHERE game_id = ${gameId} GROUP BY 1, 2`.execute(ex);
  return rows.map((r) => ({ milestoneKey: r.milestone_key, status: r.status, n: Number(r.n), coins: Number(r.coins) }));
}

export async function listCompletions(ex: Executor, gameId: string, status: string | null, limit: number): Promise<Completion[]> {
  const { rows } = await sql<CompletionRow>`
    SELECT * FROM rewards.completions WHERE game_id = ${gameId} AND (${status}::text IS NULL OR status = ${status})
    ORDER BY completed_at DESC LIMIT ${limit}`.execute(ex);
  return rows.map(toCompletion);
}
