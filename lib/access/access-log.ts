import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { type Db, insertMany } from '@/lib/db/client';
import { type LogCursor, type LogPage, newestFirst } from '@/lib/db/newest-first';
import type { AccessChannel, AccessLogRow, AccessOutcome, AccessProof } from '@/lib/db/schema';
import { log } from '@/lib/log';
import { perProcess, processCache } from '@/lib/process-state';

// Every read of an order is logged for the shop's staff (who looked it up, how, what they got),
// but never on the read's own time: entries wait in a bounded buffer and a timer writes them in
// batches. When the database falls behind, the buffer fills and further entries are dropped and
// counted; a read is never slowed or failed by its log.
//
// Identical reads (same account, order, tracking, channel, lookup, proof, outcome and client) that
// wait at the same time become one row with a count: a page polling an order or one client
// flooding costs one index insert a second, and takes one place in the buffer, not all of them.

export type AccessEntry = {
  accountId: number;
  orderId: number | null;
  trackingId: number | null;
  at: Date;
  channel: AccessChannel;
  lookupType: string;
  proof: AccessProof;
  outcome: AccessOutcome;
  clientIp: string;
};

const FLUSH_INTERVAL_MS = 1_000;
// Rows are made in chunks with the event loop free between them, so a second's worth of a busy
// server's reads never holds the requests behind it; then written in one insert (on SQLite one
// transaction in the writer's thread): every commit empties the readers' remembered lookups
// (lib/db/client.ts), so once a second, not once a chunk.
const CHUNK = 100;
const PURGE_INTERVAL_MS = 60 * 60_000;
const SALT_SETTING = 'access_log_salt';

// The entry's fields, copied: the request's entry object (and its Date) dies young instead of
// waiting a second beside the row, and comparing a read with a row reads one object, not two.
type WaitingRow = Omit<AccessEntry, 'at'> & {
  /** The first read's time, in ms. */
  at: number;
  count: number;
  /** The next waiting row of the same client and order (or tracking), which differs in another way. */
  next: WaitingRow | null;
};

type Writer = {
  /** Distinct rows waiting, in the order they first came. */
  waiting: WaitingRow[];
  /** The first waiting row of each client and order (or tracking), to find a read's identical row. */
  byClient: Map<string, Map<number, WaitingRow>>;
  /** Reads (not rows) dropped: the buffer was full or their batch failed. */
  dropped: number;
  /** Reads (not rows) written. */
  written: number;
  lastPurge: number;
  flushing: Promise<void> | null;
  salt: Promise<string> | null;
  timer: NodeJS.Timeout | null;
};

const writer = () =>
  perProcess<Writer>('access-log', () => ({
    waiting: [],
    byClient: new Map(),
    dropped: 0,
    written: 0,
    lastPurge: 0,
    flushing: null,
    salt: null,
    timer: null,
  }));

// By client, then by a number for the order: building and hashing a string of every field on every
// read cost more than the rest of recording it. Order ids are positive; a read of a tracking
// without an order is keyed by its tracking id made negative. Rows under one client and subject
// (differing only in channel, lookup, proof or outcome: a few) are compared field by field.
const subjectOf = (e: AccessEntry) => e.orderId ?? -(e.trackingId ?? 0);

const sameRow = (a: WaitingRow, b: AccessEntry) =>
  a.orderId === b.orderId &&
  a.trackingId === b.trackingId &&
  a.accountId === b.accountId &&
  a.channel === b.channel &&
  a.lookupType === b.lookupType &&
  a.proof === b.proof &&
  a.outcome === b.outcome &&
  a.clientIp === b.clientIp;

/**
 * Queues an entry, or counts it on the waiting row it is identical to; drops it (counted) when it
 * would need a new row and the buffer already holds ACCESS_LOG_BUFFER rows. Never waits.
 */
export function recordAccess(entry: AccessEntry): void {
  const config = getConfig();
  if (config.ACCESS_LOG_RETENTION_DAYS === 0) return;
  const w = writer();
  const subject = subjectOf(entry);
  let client = w.byClient.get(entry.clientIp);
  const first = client?.get(subject) ?? null;
  for (let row = first; row; row = row.next) {
    if (sameRow(row, entry)) {
      // `at` stays the first read's: a repeat then only counts (nothing else to keep on the hot
      // path), and a row spans just the time it waited, about a second, so a later time tells
      // staff nothing.
      row.count++;
      return;
    }
  }
  if (w.waiting.length >= config.ACCESS_LOG_BUFFER) {
    w.dropped++;
    return;
  }
  const row: WaitingRow = {
    accountId: entry.accountId,
    orderId: entry.orderId,
    trackingId: entry.trackingId,
    at: entry.at.getTime(),
    channel: entry.channel,
    lookupType: entry.lookupType,
    proof: entry.proof,
    outcome: entry.outcome,
    clientIp: entry.clientIp,
    count: 1,
    next: first,
  };
  if (!client) w.byClient.set(entry.clientIp, (client = new Map()));
  client.set(subject, row);
  w.waiting.push(row);
}

/**
 * This process's reads, for the logs and tests: written, dropped and waiting all count reads (a
 * row of count 3 is three), so together they are every read recorded since the start.
 */
export function accessLogCounters(): { written: number; dropped: number; waiting: number } {
  const w = writer();
  let waiting = 0;
  for (const row of w.waiting) waiting += row.count;
  return { written: w.written, dropped: w.dropped, waiting };
}

/**
 * The installation's salt, made once and kept in the database so every instance hashes an address
 * the same way (one client's attempts line up across instances; the address itself is not kept).
 */
async function loadSalt(db: Db): Promise<string> {
  await db
    .insertInto('portal_secrets')
    .values({
      name: SALT_SETTING,
      value: randomBytes(32).toString('base64url'),
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('portal_secrets')
    .select('value')
    .where('name', '=', SALT_SETTING)
    .executeTakeFirstOrThrow();
  return row.value;
}

export const hashIp = (salt: string, ip: string) =>
  createHmac('sha256', salt).update(ip).digest('base64url').slice(0, 22);

const insertAccessLog = insertMany('access_log');

// A busy client reads many times a minute: its hash is made once. Keyed by salt too, for tests
// that write with more than one.
const hashes = () => processCache<string, string>('access-log-hashes', () => ({ max: 10_000 }));
function hashOf(salt: string, ip: string): string {
  const key = `${salt}|${ip}`;
  let hash = hashes().get(key);
  if (hash === undefined) {
    hash = hashIp(salt, ip);
    hashes().set(key, hash);
  }
  return hash;
}

/**
 * Writes what is waiting; rows that fail are dropped and counted, not retried. One write at a
 * time: a caller during one waits for it, then writes what is waiting by then.
 */
export function flushAccessLog(db: Db, now = new Date()): Promise<void> {
  const w = writer();
  const run = (w.flushing ?? Promise.resolve()).then(() => writeWaiting(db, w, now));
  w.flushing = run;
  void run.finally(() => {
    if (w.flushing === run) w.flushing = null;
  });
  return run;
}

/**
 * Writes the rows waiting when it starts, and only those: reads arriving meanwhile wait for the
 * next flush, so repeats of them go on coalescing. (Draining until empty kept the writer busy
 * without pause under load and wrote a row for nearly every read.)
 */
async function writeWaiting(db: Db, w: Writer, now: Date): Promise<void> {
  try {
    w.salt ??= loadSalt(db);
    const salt = await w.salt.catch((error) => {
      w.salt = null;
      throw error;
    });
    // Reads arriving from here on start new rows.
    const batch = w.waiting;
    w.waiting = [];
    w.byClient.clear();
    const rows = [];
    for (let start = 0; start < batch.length; start += CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const e of batch.slice(start, start + CHUNK)) {
        rows.push({
          account_id: e.accountId,
          order_id: e.orderId,
          tracking_id: e.trackingId,
          at: new Date(e.at).toISOString(),
          channel: e.channel,
          lookup_type: e.lookupType,
          proof: e.proof,
          outcome: e.outcome,
          ip_hash: hashOf(salt, e.clientIp),
          count: e.count,
        });
      }
    }
    const reads = batch.reduce((sum, row) => sum + row.count, 0);
    try {
      await insertAccessLog(db, rows);
      w.written += reads;
    } catch (error) {
      w.dropped += reads;
      log.warn({ err: error, entries: batch.length, reads }, 'access log rows not written');
    }
    if (now.getTime() - w.lastPurge >= PURGE_INTERVAL_MS) {
      w.lastPurge = now.getTime();
      await purgeAccessLog(db, now);
    }
  } catch (error) {
    log.warn({ err: error }, 'access log not written');
  }
}

/** Deletes entries older than ACCESS_LOG_RETENTION_DAYS. */
export async function purgeAccessLog(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - getConfig().ACCESS_LOG_RETENTION_DAYS * 86_400_000);
  const result = await db.deleteFrom('access_log').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Starts this process's writer (once); entries are written within about a second. */
export function startAccessLogWriter(db: Db): void {
  const w = writer();
  if (w.timer) return;
  let reported = 0;
  w.timer = setInterval(() => {
    // A write still running (a slow database) is not queued behind: what waits goes with the next.
    if (w.flushing) return;
    void flushAccessLog(db).then(() => {
      if (w.dropped > reported) {
        log.warn({ dropped: w.dropped - reported }, 'access log reads dropped: the buffer was full');
        reported = w.dropped;
      }
    });
  }, FLUSH_INTERVAL_MS);
  w.timer.unref();
}

/** Stops the writer and writes what is waiting (a graceful shutdown). */
export async function closeAccessLog(db: Db): Promise<void> {
  const w = writer();
  if (w.timer) clearInterval(w.timer);
  w.timer = null;
  // Reads still finishing may record while the last rows are written; stop when a write gets
  // nowhere (the database is gone), the rows then stay counted as waiting.
  for (let before = Infinity; w.waiting.length > 0 && w.waiting.length < before;) {
    before = w.waiting.length;
    await flushAccessLog(db);
  }
  await w.flushing;
}

export type AccessLogCursor = LogCursor;
export type AccessLogPage = LogPage<AccessLogRow>;

/**
 * An order's access log (or a tracking's, for one without an order), newest first, within the
 * account: `limit` entries after `cursor`.
 */
export function accessLogOf(
  db: Db,
  accountId: number,
  subject: { orderId: number } | { trackingId: number },
  options: { limit?: number; cursor?: AccessLogCursor } = {},
): Promise<AccessLogPage> {
  const query = db.selectFrom('access_log').selectAll().where('account_id', '=', accountId);
  return newestFirst(
    'orderId' in subject
      ? query.where('order_id', '=', subject.orderId)
      : query.where('tracking_id', '=', subject.trackingId).where('order_id', 'is', null),
    options,
  );
}
