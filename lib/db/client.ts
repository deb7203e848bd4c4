import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
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
  const connection: SqliteConnection = {
    sqlite,
    prepare: (text) => cached.prepare(text) as SQLite.Statement,
    writer: null,
    answers: null,
  };
  const cached = withStatementCache(sqlite, {
    beforeWrite: () => connection.answers?.rows.clear(),
    beforeClose: () => connection.writer?.close(),
  });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  sqliteConnections.set(db, connection);
  return db;
}

type SqliteConnection = {
  sqlite: SQLite.Database;
  prepare: (sql: string) => SQLite.Statement;
  /** The background writer's thread, once `insertMany` started it. */
  writer: BackgroundWriter | null;
  /** Answers of `remembered` reads, once one ran. */
  answers: RememberedAnswers | null;
};

/**
 * Answers of reads marked `remembered` (reads of `orders` only), valid while no order changes.
 * This connection's own writes clear them as they are prepared. Another connection's commits (the
 * CLI, a second instance) change `pragma data_version`, checked once per event-loop turn; when it
 * moved, the count of order writes that SQLite triggers keep (migration 0012) says whether any of
 * them touched `orders`. The access log's writer commits every second and touches none.
 */
type RememberedAnswers = {
  rows: LRUCache<string, readonly unknown[]>;
  version: unknown;
  orderWrites: unknown;
  checked: boolean;
  hits: number;
};

const REMEMBERED_ANSWERS = 10_000;

const sqliteConnections = new WeakMap<Db, SqliteConnection>();

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and on the API's hot path preparing costs more than running.
 * Reusing statements is safe because Kysely runs each one to completion on one connection.
 */
function withStatementCache(
  sqlite: SQLite.Database,
  hooks: { beforeWrite: () => void; beforeClose: () => void },
): SqliteDatabase {
  const cache = new LRUCache<string, SQLite.Statement>({ max: STATEMENT_CACHE_SIZE });
  return {
    close: () => {
      hooks.beforeClose();
      sqlite.close();
    },
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
      // Kysely prepares every statement right before it runs it. (`reader` would miss `returning`.)
      if (!statement.readonly) hooks.beforeWrite();
      return statement;
    },
  };
}

const SLOT = Symbol('slot');
type Slot = { [SLOT]: string };
const isSlot = (value: unknown): value is Slot =>
  typeof value === 'object' && value !== null && SLOT in value;

/** Order writes counted by the triggers; null before the migration that adds them. */
function orderWrites(connection: SqliteConnection): unknown {
  try {
    return connection.prepare('select count from order_writes where id = 1').pluck().get();
  } catch {
    return null;
  }
}

/** The remembered answers, emptied first when another connection wrote orders since the last turn. */
function currentAnswers(connection: SqliteConnection): RememberedAnswers {
  const answers = (connection.answers ??= {
    rows: new LRUCache({ max: REMEMBERED_ANSWERS }),
    version: undefined,
    orderWrites: undefined,
    checked: false,
    hits: 0,
  });
  if (!answers.checked) {
    answers.checked = true;
    setImmediate(() => (answers.checked = false));
    const version = connection.prepare('pragma data_version').pluck().get();
    if (version !== answers.version) {
      answers.version = version;
      const writes = orderWrites(connection);
      if (writes === null || writes !== answers.orderWrites) answers.rows.clear();
      answers.orderWrites = writes;
    }
  }
  return answers;
}

/** How many reads this database's remembered answers answered: for tests. */
export function rememberedAnswers(db: Db): { hits: number } {
  return { hits: sqliteConnections.get(db)?.answers?.hits ?? 0 };
}

let nextRememberedRead = 0;

/**
 * A read query for the hottest paths, built and compiled once per database instead of on every
 * call: `build` receives stand-ins for `args`, which are filled in when the query runs. On SQLite,
 * outside a transaction, it runs at once on the connection: a synchronous read cannot interleave
 * with anything, while Kysely's way queues on its connection lock through a dozen promises.
 * Inside a transaction (or on a transaction's handle) it takes Kysely's way, so it never sees
 * another caller's uncommitted writes.
 *
 * `remembered`, for reads of `orders` alone: on SQLite, outside a transaction, the answer is kept
 * until an order changes (see RememberedAnswers) and its rows are frozen, as every caller gets the
 * same. For the lookup every API read starts with: even a point query costs more than the rest of
 * a cached answer, mostly in taking and releasing the WAL's read lock.
 */
export function preparedRead<Args extends Record<string, unknown>, Row>(
  build: (db: Db, args: Args) => Compilable<Row>,
  options: { remembered?: boolean } = {},
): (db: Db, args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<Db, CompiledQuery<Row>>();
  const slots = new Proxy({}, { get: (_, name) => ({ [SLOT]: String(name) }) }) as Args;
  const id = options.remembered ? nextRememberedRead++ : -1;
  return (db, args) => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db, slots).compile();
      compiled.set(db, query);
    }
    const parameters = query.parameters.map((p) => (isSlot(p) ? args[p[SLOT]] : p));
    const connection = sqliteConnections.get(db);
    if (connection && !connection.sqlite.inTransaction) {
      if (id < 0) return Promise.resolve(connection.prepare(query.sql).all(parameters) as Row[]);
      const answers = currentAnswers(connection);
      const key = `${id}|${JSON.stringify(parameters)}`;
      let rows = answers.rows.get(key) as Row[] | undefined;
      if (rows) answers.hits++;
      else {
        rows = (connection.prepare(query.sql).all(parameters) as Row[]).map((row) => Object.freeze(row));
        answers.rows.set(key, Object.freeze(rows));
      }
      return Promise.resolve(rows);
    }
    return db.executeQuery(CompiledQuery.raw(query.sql, parameters)).then((r) => r.rows as Row[]);
  };
}

const INSERT_CHUNK = 1_000;

/**
 * Inserts many rows of one shape into `table`, for background writers that insert a lot (the
 * access log). On a SQLite file the rows go to a worker thread with a connection of its own: their
 * index updates and the checkpoints they cause cost several times the insert itself, and on the
 * server's thread every request would wait behind them; all rows in one transaction there. On a
 * transaction's handle, in memory and on PostgreSQL (whose writes do not hold the thread),
 * multi-row inserts. Either way all rows are written or none.
 */
export function insertMany<Table extends keyof Database & string>(table: Table) {
  const compiled = new WeakMap<Db, { columns: string[]; sql: string }>();
  return async (db: Db, rows: ReadonlyArray<Insertable<Database[Table]>>): Promise<void> => {
    const first = rows[0];
    if (!first) return;
    const connection = sqliteConnections.get(db);
    if (!connection || connection.sqlite.memory) {
      // A statement takes at most 65,535 parameters on PostgreSQL: a long list goes in parts, all
      // or none.
      const write = async (trx: Db) => {
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await trx
            .insertInto(table)
            .values(rows.slice(start, start + INSERT_CHUNK) as never)
            .execute();
        }
      };
      await (rows.length <= INSERT_CHUNK || db.isTransaction ? write(db) : db.transaction().execute(write));
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
    connection.writer ??= backgroundWriter(connection.sqlite.name, () => (connection.writer = null));
    await connection.writer.insert(
      sql,
      rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c] ?? null)),
    );
  };
}

type BackgroundWriter = {
  insert: (sql: string, rows: unknown[][]) => Promise<void>;
  close: () => void;
};

// Evaluated in the worker (CommonJS): it only prepares and runs what the main thread compiled.
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require('better-sqlite3');
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const statements = new Map();
parentPort.on('message', ({ id, sql, rows }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    db.transaction(() => { for (const row of rows) statement.run(row); }).immediate();
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

function backgroundWriter(file: string, onExit: () => void): BackgroundWriter {
  const worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { file } });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  // Held open only while it has work, so a finished process can exit and a closing one waits.
  worker.unref();
  const settle = (id: number, error?: Error) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (error) waiting?.reject(error);
    else waiting?.resolve();
  };
  worker.on('message', ({ id, error }: { id: number; error?: string }) =>
    settle(id, error === undefined ? undefined : new Error(error)),
  );
  const fail = (error: Error) => {
    onExit();
    for (const id of [...pending.keys()]) settle(id, error);
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the background writer stopped')));
  return {
    insert: (sql, rows) =>
      new Promise<void>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, sql, rows });
      }),
    close: () => void worker.terminate(),
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
