import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../platform/db/database.js';
import { MARKETPLACE_POLICY } from './model.js';

export type ChangeKind = 'listing' | 'seller';
/** 'all': continuity was lost (the process was cut off longer than the retention): drop everything. */
export type Invalidate = (kind: ChangeKind | 'all', key: string) => void;

const P = MARKETPLACE_POLICY.cache;

/**
 * Keeps this process's caches (view.ts) no staler than `freshMs`, and makes an audience change
 * count from the next request in every process. Why it holds:
 *
 * - Triggers write a row to marketplace.changes in every transaction that changes a cached fact.
 * - A pass reads, in one statement, every change row from `nextTx` on and the snapshot's xmin; it
 *   sees every transaction committed before it started, and every transaction below xmin has ended,
 *   so starting the next pass at xmin misses nothing (rows at or above it are read again: dropping
 *   a cache entry twice is harmless). When a pass has applied its rows, everything committed
 *   before it started is reflected: `confirmedAt` is its start.
 * - Caches answer only while `fresh()`: the last confirmed pass started less than `freshMs` ago
 *   (and this process's heartbeat is recent, see below). Otherwise the caller reads PostgreSQL.
 * - A writer of an audience, after its commit, waits `freshMs` before answering when another
 *   caching process is alive. Any request sent after that answer finds, in every process, either a
 *   pass that started after the commit, or no fresh pass (and PostgreSQL).
 * - A process counts as alive for writers while its heartbeat is under `followerTtlMs` old; it
 *   trusts its caches only while its own last heartbeat started under `heartbeatValidMs` ago (a
 *   third of that), so a writer that skips waiting for a stalled process finds it distrusting its
 *   caches until a pass after the write.
 * - A cache fill started before an invalidation is not stored (`epoch`), so a read racing a change
 *   cannot put the old row back after the change dropped it.
 */
export class ChangeWatch {
  readonly id = crypto.randomUUID();
  /** Bumped by every invalidation; a fill stores its rows only if it is unchanged since the fill began. */
  epoch = 0;
  private confirmedAt = -Infinity;
  private heartbeatAt = -Infinity;
  private passEndedAt = -Infinity;
  private prunedAt = -Infinity;
  private nextTx: string | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly db: Db, private readonly invalidate: Invalidate, private readonly log: Logger | null) {}

  /** Registers this process as caching (before anything is cached), confirms a first pass, then follows. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.running; // a stop() still winding down
    this.stopped = false;
    await this.heartbeat(this.db);
    await this.pass(this.db);
    this.running = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    this.running = null;
    this.confirmedAt = -Infinity; // after the last pass, which would have set it again
    await sql`DELETE FROM marketplace.cache_followers WHERE id = ${this.id}`.execute(this.db).catch(() => undefined);
  }

  get started(): boolean {
    return this.running !== null && !this.stopped;
  }

  fresh(): boolean {
    const now = performance.now();
    return now - this.confirmedAt < P.freshMs && now - this.heartbeatAt < P.heartbeatValidMs;
  }

  /**
   * After a committed change of cached facts: drops them here at once, then, when another caching
   * process is alive, waits until each has read the change or stopped trusting its caches.
   */
  async changed(changes: readonly { kind: ChangeKind; key: string }[]): Promise<void> {
    this.epoch++;
    for (const c of changes) this.invalidate(c.kind, c.key.toLowerCase());
    // The change is committed: not knowing who else caches is a reason to wait, not to fail.
    const others = await sql<{ n: number }>`SELECT count(*)::int AS n FROM marketplace.cache_followers
      WHERE id <> ${this.id} AND seen_at > now() - make_interval(secs => ${P.followerTtlMs / 1000})`.execute(this.db)
      .then(({ rows }) => rows[0]!.n, () => 1);
    // A pass's interval more than the window: timers may fire a little early.
    if (others > 0) await sleep(P.freshMs + P.intervalMs);
  }

  /** Passes on one connection of its own, so a busy pool never delays them (a late pass would make the caches distrusted). */
  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.db.connection().execute(async (conn) => {
          // A pass that hangs leaves the caches distrusted; it must end, so the loop can start again.
          // (The setting goes back with the connection to the pool: reset it when leaving.)
          await sql`SELECT set_config('statement_timeout', ${String(P.passTimeoutMs)}, false)`.execute(conn);
          try {
            while (!this.stopped) {
              await sleep(P.intervalMs);
              if (performance.now() - this.heartbeatAt > P.heartbeatMs) await this.heartbeat(conn);
              await this.pass(conn);
              if (performance.now() - this.prunedAt > P.pruneEveryMs) await this.prune(conn);
            }
          } finally {
            await sql`RESET statement_timeout`.execute(conn).catch(() => undefined);
          }
        });
      } catch (err) {
        this.log?.warn({ err }, 'marketplace change watch failed; caches are not trusted until it recovers');
        await sleep(P.intervalMs * 10);
      }
    }
  }

  private async heartbeat(ex: Executor): Promise<void> {
    const startedAt = performance.now();
    await sql`INSERT INTO marketplace.cache_followers (id) VALUES (${this.id}) ON CONFLICT (id) DO UPDATE SET seen_at = now()`.execute(ex);
    this.heartbeatAt = startedAt;
  }

  private async pass(ex: Executor): Promise<void> {
    const startedAt = performance.now();
    const { rows } = await sql<{ xmin: string; changes: [ChangeKind, string][] }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
        coalesce((SELECT json_agg(json_build_array(c.kind, c.key)) FROM (SELECT kind, key FROM marketplace.changes
          WHERE changed_tx >= ${this.nextTx ?? '0'}::xid8 AND ${this.nextTx !== null} LIMIT ${P.passRowsMax + 1}) c), '[]') AS changes`.execute(ex);
    const { changes } = rows[0]!;
    // Cut off longer than the retention (rows this process never read may be gone), or more changes
    // than a pass reads (a bulk update, or a long transaction holding xmin back): drop everything.
    const all = (this.nextTx !== null && startedAt - this.passEndedAt > P.retentionMs / 2) || changes.length > P.passRowsMax;
    if (all || changes.length > 0) this.epoch++;
    if (all) this.invalidate('all', '');
    else for (const [kind, key] of changes) this.invalidate(kind, key);
    this.nextTx = rows[0]!.xmin;
    this.confirmedAt = startedAt;
    this.passEndedAt = performance.now();
  }

  private async prune(ex: Executor): Promise<void> {
    this.prunedAt = performance.now();
    await sql`DELETE FROM marketplace.changes WHERE at < now() - make_interval(secs => ${P.retentionMs / 1000})`.execute(ex);
    await sql`DELETE FROM marketplace.cache_followers WHERE seen_at < now() - interval '1 day'`.execute(ex);
  }
}
