// `npm run bench -- bench/staff.mts`: staff search and watchlist at BENCH_STAFF_ORDERS orders (1M
// by default) on SQLite and on PostgreSQL (BENCH_PG_ADMIN_URL, default the test server; skipped
// when unreachable). Seeds a realistic spread of statuses so that about a quarter of the parcels
// are on the watchlist, then prints p50/p95 of the search kinds and of the watchlist reads, and
// how fast the sweep re-evaluates due trackings. Goals (issue 11): search < 100 ms, watchlist < 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { searchOrders } from '@/lib/staff/search';
import { sweepWatchlist, watchlistCounts, watchlistPage } from '@/lib/staff/watchlist';
import type { WatchReason } from '@/lib/status/vocabulary';
import { canConnect, createScratchDatabase, DEFAULT_TEST_DATABASE_URL } from '../test/support/postgres';

const ORDERS = Number(process.env.BENCH_STAFF_ORDERS ?? 1_000_000);
const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? DEFAULT_TEST_DATABASE_URL;
const ACCOUNT = 1001;
const OTHER = 1002;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-28T12:00:00Z');
const COURIERS = ['dhl', 'dhl', 'ups', 'dpd'];
const CLIENT_KEYS = ['', '', 'brand-a', 'brand-b'];

const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);
/** The start of the day after `ms`'s date in Berlin (winter: UTC+1), as the projection counts days. */
const berlinDayAfter = (ms: number) => Date.parse(`${date(ms + DAY)}T00:00:00+01:00`);
const trackingNumber = (i: number) => `BENCH${String(i).padStart(12, '0')}`;

type Rows = {
  order: unknown[];
  tracking: unknown[];
  checkpoints: unknown[][];
  watch: unknown[][];
};

/**
 * Order `i` (also its tracking's id): one parcel in one of these states, by i % 100 — 60 delivered,
 * 20 under way on time, 5 past the promised date, 3 failed attempts, 2 exceptions, 5 slow
 * (trending late only), 4 never scanned (forgotten, late dispatch), 1 returned. The watchlist rows are
 * what the sweep would write for them (the sweep itself is timed on a sample below).
 */
function rowsFor(i: number, accountId: number): Rows {
  const bucket = i % 100;
  const courier = COURIERS[i % 4]!;
  const clientKey = CLIENT_KEYS[(i >> 2) % 4]!;
  const email = `bench${i}@example.com`;
  let placed = NOW - ((i % 20) + 2) * DAY - (i % 24) * 3_600_000;
  let status: string | null;
  let lifecycle: string;
  let announced = date(placed + 4 * DAY);
  const checkpoints: Array<[string, number]> = [];
  const watch: Array<[WatchReason, number]> = [];
  const scan = () => placed + DAY;
  if (bucket < 60) {
    placed -= 10 * DAY;
    checkpoints.push(['InboundScan', scan()], ['Delivered', scan() + 2 * DAY]);
    [status, lifecycle] = ['Delivered', 'Delivered'];
  } else if (bucket < 80) {
    placed = NOW - DAY - (i % 12) * 3_600_000;
    checkpoints.push(['InboundScan', scan() - 12 * 3_600_000]);
    [status, lifecycle] = ['InboundScan', 'InTransit'];
    announced = date(NOW + 2 * DAY);
  } else if (bucket < 95) {
    if (bucket < 90) {
      placed -= 4 * DAY;
      announced = date(placed + 4 * DAY);
    }
    checkpoints.push(['InboundScan', scan()]);
    if (bucket < 85) {
      checkpoints.push(['InTransit', scan() + DAY]);
      [status, lifecycle] = ['InTransit', 'InTransit'];
      watch.push(['delayed', berlinDayAfter(Date.parse(announced))]);
      watch.push(['customer_promise_exceeded', berlinDayAfter(Date.parse(announced))]);
    } else if (bucket < 88) {
      checkpoints.push(['FailedAttemptFirst', scan() + DAY]);
      [status, lifecycle] = ['FailedAttemptFirst', 'FailedAttempt'];
      watch.push(['failed_attempt', scan() + DAY]);
      watch.push(['delayed', berlinDayAfter(Date.parse(announced))]);
      watch.push(['customer_promise_exceeded', berlinDayAfter(Date.parse(announced))]);
    } else if (bucket < 90) {
      checkpoints.push(['Exception', scan() + DAY]);
      [status, lifecycle] = ['Exception', 'Exception'];
      watch.push(['exception', scan() + DAY]);
    } else {
      // Slow but not yet late by the promise: only the lane's history says so.
      announced = date(NOW + 3 * DAY);
      [status, lifecycle] = ['InboundScan', 'InTransit'];
      checkpoints.length = 0;
      placed = NOW - 4 * DAY;
      checkpoints.push(['InboundScan', scan()]);
    }
    // Delivered parcels of the lane took two days with the courier: longer is trending late.
    if (lifecycle !== 'Exception') watch.push(['trending_late', scan() + 2 * DAY]);
  } else if (bucket < 99) {
    [status, lifecycle] = [null, 'Pending'];
    watch.push(['forgotten', placed + 3 * DAY], ['delayed_dispatch', placed + 2 * DAY]);
  } else {
    checkpoints.push(['InboundScan', scan()], ['Return', scan() + DAY]);
    [status, lifecycle] = ['Return', 'Returned'];
  }
  const last = checkpoints.at(-1)?.[1] ?? null;
  const firstScan = checkpoints[0]?.[1] ?? null;
  const delivered = status === 'Delivered' ? last : null;
  const active = status !== 'Delivered' && status !== 'Return';
  const watchDue = active ? iso(NOW + DAY) : null;
  return {
    order: [
      i,
      accountId,
      `B-${i}`,
      clientKey,
      `C-${i % 50_000}`,
      iso(placed),
      `Bench Recipient ${i % 1000}`,
      email,
      email,
      'DEU',
      'Europe/Berlin',
      iso(placed),
      iso(placed),
      1,
    ],
    tracking: [
      i,
      `trk_bench${i}`,
      accountId,
      i,
      0,
      courier,
      trackingNumber(i),
      'DEU',
      'Europe/Berlin',
      announced,
      0,
      iso(placed),
      iso(last ?? placed),
      status,
      lifecycle,
      last === null ? null : iso(last),
      firstScan === null ? null : iso(firstScan),
      delivered === null ? null : iso(delivered),
      watchDue,
    ],
    checkpoints: checkpoints.map(([code, at], n) => [
      i,
      code,
      iso(at),
      iso(at),
      code,
      'bench',
      0,
      `${i}.${n}`,
      iso(at),
    ]),
    watch: watch.map(([reason, since]) => [i, reason, accountId, i, courier, clientKey, iso(since)]),
  };
}

const COLUMNS = {
  orders: [
    'id',
    'account_id',
    'order_number',
    'client_key',
    'customer_number',
    'order_date',
    'recipient_name',
    'recipient_email',
    'recipient_email_norm',
    'destination_country_iso3',
    'timezone',
    'created_at',
    'updated_at',
    'version',
  ],
  trackings: [
    'id',
    'public_id',
    'account_id',
    'order_id',
    'position',
    'courier',
    'tracking_number',
    'destination_country_iso3',
    'timezone',
    'announced_delivery_date',
    'is_return',
    'created_at',
    'updated_at',
    'status_code',
    'lifecycle_status',
    'last_event_at',
    'first_scan_at',
    'delivered_at',
    'watch_due_at',
  ],
  checkpoints: [
    'tracking_id',
    'status_code',
    'event_timestamp',
    'event_time',
    'raw_code',
    'source',
    'is_hidden',
    'dedupe_key',
    'created_at',
  ],
  watchlist: ['tracking_id', 'reason', 'account_id', 'order_id', 'courier', 'client_key', 'since'],
} as const;
type Table = keyof typeof COLUMNS;

function* generate(count: number) {
  // A second shop with the same identifiers: every read must still find only the first's rows.
  for (let i = 1; i <= count; i++) yield rowsFor(i, ACCOUNT);
  for (let i = count + 1; i <= count + 1000; i++) yield rowsFor(i, OTHER);
}

function seedSqlite(path: string, count: number) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = Object.fromEntries(
    (Object.keys(COLUMNS) as Table[]).map((t) => [
      t,
      db.prepare(
        `insert into ${t} (${COLUMNS[t].join(', ')}) values (${COLUMNS[t].map(() => '?').join(', ')})`,
      ),
    ]),
  ) as Record<Table, Database.Statement>;
  db.transaction(() => {
    for (const rows of generate(count)) {
      insert.orders.run(rows.order);
      insert.trackings.run(rows.tracking);
      for (const c of rows.checkpoints) insert.checkpoints.run(c);
      for (const w of rows.watch) insert.watchlist.run(w);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
}

const PG_TYPES: Record<Table, string[]> = {
  orders: [
    'int',
    'int',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'int',
  ],
  trackings: [
    'int',
    'text',
    'int',
    'int',
    'int',
    'text',
    'text',
    'text',
    'text',
    'text',
    'int',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
  ],
  checkpoints: ['int', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text'],
  watchlist: ['int', 'text', 'int', 'int', 'text', 'text', 'text'],
};

/** Batches of rows as one `insert … select * from unnest(…)` each: a statement per 10k rows. */
async function seedPostgres(url: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const buffers = Object.fromEntries(
    (Object.keys(COLUMNS) as Table[]).map((t) => [t, COLUMNS[t].map(() => [] as unknown[])]),
  ) as Record<Table, unknown[][]>;
  const flush = async (table: Table) => {
    const columns = buffers[table];
    if (columns[0]!.length === 0) return;
    const args = PG_TYPES[table].map((type, n) => `$${n + 1}::${type}[]`).join(', ');
    await client.query(
      `insert into ${table} (${COLUMNS[table].join(', ')}) select * from unnest(${args})`,
      columns,
    );
    buffers[table] = COLUMNS[table].map(() => []);
  };
  const push = (table: Table, row: unknown[]) => row.forEach((value, n) => buffers[table][n]!.push(value));
  await client.query('begin');
  for (const rows of generate(count)) {
    push('orders', rows.order);
    push('trackings', rows.tracking);
    for (const c of rows.checkpoints) push('checkpoints', c);
    for (const w of rows.watch) push('watchlist', w);
    if (buffers.orders[0]!.length >= 10_000) for (const t of Object.keys(COLUMNS) as Table[]) await flush(t);
  }
  for (const t of Object.keys(COLUMNS) as Table[]) await flush(t);
  await client.query('commit');
  // Sequences behind the serial ids, as if the rows had come through the API.
  for (const t of ['orders', 'trackings'] as const)
    await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
  await client.query('vacuum analyze');
  await client.end();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, runs: number, fn: (n: number) => Promise<unknown>) {
  for (let n = 0; n < 5; n++) await fn(n); // warm-up: statement cache, page cache, JIT
  const times: number[] = [];
  for (let n = 0; n < runs; n++) {
    const start = performance.now();
    await fn(n);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

async function benchReads(db: Db, label: string) {
  const now = new Date(NOW);
  const pick = (n: number) => 1 + ((n * 7_919 + 13) % ORDERS);
  const results = [];
  const search = (q: string) => searchOrders(db, ACCOUNT, { q, pageSize: 20 });
  results.push(
    await measure('search: order number, whole (also a prefix)', 200, (n) => search(`B-${pick(n)}`)),
  );
  results.push(await measure('search: order number prefix, 3 chars (~111k hits)', 100, () => search('b-1')));
  results.push(
    await measure('search: tracking number prefix (≤1000 hits)', 200, (n) =>
      search(trackingNumber(pick(n)).slice(0, 14).toLowerCase()),
    ),
  );
  results.push(await measure('search: recipient email', 200, (n) => search(`BENCH${pick(n)}@example.com`)));
  results.push(
    await measure('search: customer number (20 orders)', 200, (n) => search(`C-${pick(n) % 50_000}`)),
  );
  results.push(await measure('search: no match', 200, (n) => search(`nothing-${n}`)));
  results.push(
    await measure('search: page 5 of a prefix', 100, () => searchOrders(db, ACCOUNT, { q: 'B-2', page: 5 })),
  );
  results.push(await measure('watchlist: counts', 50, () => watchlistCounts(db, ACCOUNT, {}, now)));
  results.push(
    await measure('watchlist: counts, courier + client key', 50, () =>
      watchlistCounts(db, ACCOUNT, { courier: 'ups', clientKey: 'brand-a' }, now),
    ),
  );
  results.push(
    await measure('watchlist: counts, older than 7 days', 50, () =>
      watchlistCounts(db, ACCOUNT, { minAgeDays: 7 }, now),
    ),
  );
  const reasons: WatchReason[] = ['delayed', 'trending_late', 'forgotten', 'exception'];
  results.push(
    await measure('watchlist: first page (counts + page)', 100, async (n) => {
      await watchlistCounts(db, ACCOUNT, {}, now);
      await watchlistPage(db, ACCOUNT, reasons[n % reasons.length]!, { pageSize: 25 }, now);
    }),
  );
  results.push(
    await measure('watchlist: first page, newest, courier filter', 100, (n) =>
      watchlistPage(
        db,
        ACCOUNT,
        reasons[n % reasons.length]!,
        { pageSize: 25, sort: 'newest', courier: 'dpd' },
        now,
      ),
    ),
  );
  results.push(
    await measure('watchlist: page 40, client key + age', 100, (n) =>
      watchlistPage(
        db,
        ACCOUNT,
        reasons[n % reasons.length]!,
        { page: 40, pageSize: 25, clientKey: 'brand-b', minAgeDays: 2 },
        now,
      ),
    ),
  );
  const counts = await watchlistCounts(db, ACCOUNT, {}, now);
  // The sweep: 5,000 parcels under way marked due, re-evaluated from their events.
  await db
    .updateTable('trackings')
    .set({ watch_due_at: '1970-01-01T00:00:00.000Z' })
    .where(
      'id',
      'in',
      db
        .selectFrom('trackings')
        .select('id')
        .where('lifecycle_status', '<>', 'Delivered')
        .where('id', '<=', 30_000)
        .limit(5_000),
    )
    .execute();
  const sweepStart = performance.now();
  const sweep = await sweepWatchlist(db, now, { limit: 5_000 });
  const sweepMs = performance.now() - sweepStart;

  console.log(`\n${label}: ${ORDERS.toLocaleString('en')} orders; watchlist ${JSON.stringify(counts)}`);
  console.log('| read | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(1)} |`);
  console.log(
    `sweep: ${sweep.processed} due trackings in ${sweepMs.toFixed(0)} ms (${((sweep.processed / sweepMs) * 1000).toFixed(0)}/s)`,
  );
}

async function prepare(db: Db) {
  await migrateToLatest(db);
  await createAccount(db, { name: 'Bench shop', id: ACCOUNT });
  await createAccount(db, { name: 'Other shop', id: OTHER });
}

const dir = mkdtempSync(join(tmpdir(), 'portal-bench-staff-'));
try {
  const path = join(dir, 'staff.db');
  const sqlite = createDb(`file:${path}`);
  await prepare(sqlite);
  await sqlite.destroy();
  let start = performance.now();
  seedSqlite(path, ORDERS);
  console.log(`SQLite seeded in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const db = createDb(`file:${path}`);
  await benchReads(db, 'SQLite');
  await db.destroy();

  if (await canConnect(PG_ADMIN_URL)) {
    const scratch = await createScratchDatabase(PG_ADMIN_URL);
    try {
      const pgDb = createDb(scratch.url);
      await prepare(pgDb);
      start = performance.now();
      await seedPostgres(scratch.url, ORDERS);
      console.log(`\nPostgreSQL seeded in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      await benchReads(pgDb, 'PostgreSQL');
      await pgDb.destroy();
    } finally {
      await scratch.drop();
    }
  } else {
    console.log(`\nPostgreSQL skipped: not reachable at ${PG_ADMIN_URL}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
