import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { existing, perProcess } from '@/lib/process-state';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/**
 * The server bundles Kysely into several chunks, and the process-wide database may come from
 * another chunk than the caller, so `instanceof PostgresAdapter` can be false on PostgreSQL.
 * The adapter carries a mark of its own instead.
 */
class MarkedPostgresDialect extends PostgresDialect {
  override createAdapter() {
    return Object.assign(super.createAdapter(), { portalDatabase: 'postgres' });
  }
}

/** `file:<path>` → that SQLite file; `postgres://…` → PostgreSQL; by default DATABASE_URL. */
export function createDb(url: string = getConfig().DATABASE_URL): Db {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: getConfig().DATABASE_POOL_MAX });
    // An idle connection can die under us (server restart, failover, an administrator ending it).
    // The pool drops it and opens a new one when needed; unheard, its error would end the process.
    pool.on('error', (error) => log.warn({ err: error.message }, 'idle database connection lost'));
    return new Kysely<Database>({ dialect: new MarkedPostgresDialect({ pool }) });
  }
  const path = url.replace(/^file:(\/\/)?/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and on the API's hot path preparing costs more than running.
 * Reusing statements is safe because Kysely runs each one to completion on one connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new LRUCache<string, SQLite.Statement>({ max: STATEMENT_CACHE_SIZE });
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export function isPostgres(db: Db): boolean {
  return (db.getExecutor().adapter as { portalDatabase?: string }).portalDatabase === 'postgres';
}

/** The process-wide database of this deployment (kept across dev-server reloads). */
export function getDb(): Db {
  return perProcess('db', () => createDb());
}

/** Closes the process's database, if it was opened (a graceful shutdown). */
export async function closeDb(): Promise<void> {
  await existing<Db>('db')?.destroy();
}
