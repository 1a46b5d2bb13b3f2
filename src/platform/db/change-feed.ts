import { sql, type RawBuilder } from 'kysely';
import type { Logger } from 'pino';
import { every } from '../periodic.js';
import type { Executor } from './database.js';

/**
 * Following a table's changes for an in-memory index (promotions, nearby listings). The table has
 * `id` and `changed_tx xid8` (stamped by platform.stamp_change on update, defaulted on insert) and
 * an index on (changed_tx, id). A pass reads the rows changed by transactions in [from, bound),
 * where bound is the snapshot's xmin: every transaction below it has finished, so reading up to it
 * and then starting from it misses no change, whatever order transactions commit in. Rows come in
 * keyset pages, so a full build at start never holds every row in one result; a row changed again
 * while the pages are read moves past the bound and its newer version is read on the next pass.
 */
export interface FeedRow {
  id: string;
  changed_tx: string;
}

export interface FeedOptions {
  /** A constant like 'promotions.promotions', never input. */
  table: string;
  pageRows: number;
  /** How often `follow` reads the feed: a change elsewhere is applied here within this. */
  intervalMs: number;
  log: Logger | null;
}

export class ChangeFollower<R extends FeedRow> {
  private nextTx: string | null = null;
  private stopFollowing: (() => void) | null = null;

  constructor(private readonly db: Executor, private readonly opts: FeedOptions, private readonly apply: (row: R) => void) {}

  /** Catches up (at start, the full build), then reads the feed every intervalMs until stop(). */
  async follow(): Promise<void> {
    await this.catchUp();
    this.stopFollowing ??= every(this.opts.intervalMs, () => this.catchUp(), this.opts.log, `${this.opts.table} feed`);
  }

  stop(): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
  }

  /** Applies every change committed since the last pass; returns how many rows it applied. */
  async catchUp(): Promise<number> {
    const ex = this.db;
    const { rows: bounds } = await sql<{ xmin: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(ex);
    const bound = bounds[0]!.xmin;
    let after: FeedRow | null = null;
    let applied = 0;
    for (;;) {
      // Plain range conditions on (changed_tx, id): the keyset index answers each page with a range scan.
      const lower: RawBuilder<unknown> = after ? sql`(changed_tx, id) > (${after.changed_tx}::xid8, ${after.id}::uuid)` : sql`changed_tx >= ${this.nextTx ?? '0'}::xid8`;
      const { rows }: { rows: R[] } = await sql<R>`SELECT * FROM ${sql.table(this.opts.table)} WHERE ${lower} AND changed_tx < ${bound}::xid8
        ORDER BY changed_tx, id LIMIT ${this.opts.pageRows}`.execute(ex);
      rows.forEach(this.apply);
      applied += rows.length;
      if (rows.length < this.opts.pageRows) break;
      after = rows[rows.length - 1]!;
    }
    this.nextTx = bound;
    return applied;
  }
}
