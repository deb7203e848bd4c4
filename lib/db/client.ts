import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type Compilable,
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type Insertable,
  type SqliteDatabase,
} from 'kysely';
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
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  sqliteConnections.set(db, { sqlite, prepare: (text) => cached.prepare(text) as SQLite.Statement });
  return db;
}

const sqliteConnections = new WeakMap<
  Db,
  { sqlite: SQLite.Database; prepare: (sql: string) => SQLite.Statement }
>();

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and on the API's hot path preparing costs more than running.
 * Reusing statements is safe because Kysely runs each one to completion on one connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new LRUCache<string, SQLite.Statement>({ max: STATEMENT_CACHE_SIZE });
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      // Kysely begins deferred. A deferred transaction that reads before it writes fails at once
      // with "database is locked" when another connection (the CLI, a second instance) wrote in
      // between: the busy timeout does not cover that upgrade. Immediate waits for the lock.
      const sql = query === 'begin' ? 'begin immediate' : query;
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

const SLOT = Symbol('slot');
type Slot = { [SLOT]: string };
const isSlot = (value: unknown): value is Slot =>
  typeof value === 'object' && value !== null && SLOT in value;

/**
 * A read query for the hottest paths, built and compiled once per database instead of on every
 * call: `build` receives stand-ins for `args`, which are filled in when the query runs. On SQLite,
 * outside a transaction, it runs at once on the connection: a synchronous read cannot interleave
 * with anything, while Kysely's way queues on its connection lock through a dozen promises.
 * Inside a transaction (or on a transaction's handle) it takes Kysely's way, so it never sees
 * another caller's uncommitted writes.
 */
export function preparedRead<Args extends Record<string, unknown>, Row>(
  build: (db: Db, args: Args) => Compilable<Row>,
): (db: Db, args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<Db, CompiledQuery<Row>>();
  const slots = new Proxy({}, { get: (_, name) => ({ [SLOT]: String(name) }) }) as Args;
  return (db, args) => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db, slots).compile();
      compiled.set(db, query);
    }
    const parameters = query.parameters.map((p) => (isSlot(p) ? args[p[SLOT]] : p));
    const connection = sqliteConnections.get(db);
    if (connection && !connection.sqlite.inTransaction) {
      return Promise.resolve(connection.prepare(query.sql).all(parameters) as Row[]);
    }
    return db.executeQuery(CompiledQuery.raw(query.sql, parameters)).then((r) => r.rows as Row[]);
  };
}

/**
 * Inserts many rows of one shape into `table`, for background writers that insert a lot (the
 * access log). On SQLite, outside a transaction, one prepared single-row statement compiled once
 * runs for each row inside one synchronous transaction: a multi-row statement built anew per batch
 * costs several times as much. Inside a transaction, and on PostgreSQL, one multi-row insert.
 */
export function insertMany<Table extends keyof Database & string>(table: Table) {
  const compiled = new WeakMap<Db, { columns: string[]; sql: string }>();
  return async (db: Db, rows: ReadonlyArray<Insertable<Database[Table]>>): Promise<void> => {
    const first = rows[0];
    if (!first) return;
    const connection = sqliteConnections.get(db);
    if (!connection || connection.sqlite.inTransaction) {
      await db
        .insertInto(table)
        .values(rows as never)
        .execute();
      return;
    }
    let statement = compiled.get(db);
    if (!statement) {
      const columns = Object.keys(first);
      const slots = Object.fromEntries(columns.map((c) => [c, { [SLOT]: c }]));
      const query = db
        .insertInto(table)
        .values(slots as never)
        .compile();
      // Kysely lists the values in the row's column order; the slots say which is which.
      statement = { columns: query.parameters.map((p) => (p as Slot)[SLOT]), sql: query.sql };
      compiled.set(db, statement);
    }
    const { columns, sql } = statement;
    const prepared = connection.prepare(sql);
    connection.sqlite.transaction(() => {
      for (const row of rows) {
        prepared.run(columns.map((c) => (row as Record<string, unknown>)[c] ?? null));
      }
    })();
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
