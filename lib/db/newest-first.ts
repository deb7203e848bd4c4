import 'server-only';
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './schema';

/** Where the next page starts: the last entry shown (entries are ordered by time, then id). */
export type LogCursor = { at: string; id: number };
export type LogPage<Row> = { entries: Row[]; next: LogCursor | null };

/**
 * One page of a log table (`at`, then `id`, both descending), read by keyset from `cursor`:
 * pages stay stable while entries are added, and deep pages cost what the first does.
 */
export async function newestFirst<Table extends 'access_log' | 'audit_log', Row extends LogCursor>(
  query: SelectQueryBuilder<Database, Table, Row>,
  options: { limit?: number; cursor?: LogCursor },
): Promise<LogPage<Row>> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const { cursor } = options;
  // The two tables share these columns; Kysely cannot see that through the type parameter.
  let page = query as unknown as SelectQueryBuilder<Database, 'access_log', Row>;
  if (cursor) {
    page = page.where((eb) =>
      eb.or([eb('at', '<', cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)])]),
    );
  }
  const rows = await page
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}
