import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { canConnect, createScratchDatabase, DEFAULT_TEST_DATABASE_URL } from './postgres';

export type DbKind = 'sqlite' | 'postgres';

/**
 * For unit tests of queries that must behave alike on both databases: a migrated SQLite file or
 * PostgreSQL scratch database of their own. Unlike the API suite this starts no server of its own:
 * without a reachable PostgreSQL, `postgresSkipReason` says why its half is skipped.
 */
export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
export const postgresSkipReason = (await canConnect(postgresAdminUrl))
  ? ''
  : `PostgreSQL is not reachable at ${postgresAdminUrl}`;
if (postgresSkipReason) console.warn(`!! SKIPPING the PostgreSQL half: ${postgresSkipReason}`);

export async function openTestDb(
  kind: DbKind,
  name: string,
): Promise<{ db: Db; close: () => Promise<void> }> {
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase(postgresAdminUrl);
    const db = createDb(scratch.url);
    await migrateToLatest(db);
    return {
      db,
      close: async () => {
        await db.destroy();
        await scratch.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `portal-${name}-`));
  const db = createDb(`file:${join(dir, `${name}.db`)}`);
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The plan of a query. On PostgreSQL tiny tables are scanned whatever the indexes, so sequential
 * scans are priced out first: a scan that remains means no index can answer the query. Which
 * index and whether it sorts depends on statistics a test table does not have: the bench shows it.
 */
export async function explainPlan(db: Db, kind: DbKind, query: CompiledQuery): Promise<string> {
  if (kind === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return rows.map((r) => r.detail).join('\n');
  }
  return db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
