import { sql, type RawBuilder } from 'kysely';
import { decodeCursor, encodeCursor, isPgTimestamp, UUID_PATTERN } from '../schemas.js';

/**
 * Lists newest first, keyset-paged by (created_at, id): stable while rows are added. A query
 * selects `<alias>.created_at::text AS created_at_exact` (exact to the microsecond, unlike a JS
 * Date), orders by `created_at DESC, id DESC`, limits to `limit + 1`, and cuts its page here.
 */
export function newestFirstAfter(cursor: string | undefined, alias: string, idColumn = 'id'): RawBuilder<unknown> {
  const after = decodeCursor(cursor, { createdAt: isPgTimestamp, id: UUID_PATTERN });
  return after ? sql`AND (${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.${idColumn}`)}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
}

export function newestFirstPage<R extends { id: string; created_at_exact: string }, T>(rows: R[], limit: number, toItem: (r: R) => T): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return { items: page.map(toItem), nextCursor: last ? encodeCursor({ createdAt: last.created_at_exact, id: last.id }) : null };
}
