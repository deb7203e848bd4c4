import 'server-only';
import { sql } from 'kysely';
import { transitHistoryKey } from '@/lib/projection/trending-late';
import { type Db, isPostgres, preparedRead } from './client';
import type { ArticleRow, CheckpointRow, OrderRow, TrackingRow } from './schema';

export type OrderField =
  'external_order_id' | 'external_reference' | 'customer_number' | 'recipient_email_norm';

// Several orders can share these identifiers: the newest order wins (by order date, then creation),
// compared as instants, since an order date keeps the merchant's UTC offset and its text does not sort.
const newestFirst = (db: Db) =>
  isPostgres(db)
    ? sql`coalesce(order_date::timestamptz, created_at::timestamptz) desc`
    : sql`coalesce(julianday(order_date), julianday(created_at)) desc`;

/** What identifies an order and its data version: all a cached answer needs to be found. */
export type OrderStamp = Pick<OrderRow, 'id' | 'account_id' | 'version'>;

// The lookups answer the stamp, not the row: most reads are answered from the projection cache,
// and turning a whole row into an object costs more than finding it.
const STAMP = ['id', 'account_id', 'version'] as const;

// An order number repeats only across client keys, so its few rows are sorted here: on the
// hottest read, SQLite's sorter for the one row it almost always finds costs a quarter of the query.
const stampsByNumber = preparedRead(
  (db, a: { accountId: number; orderNumber: string }) =>
    db
      .selectFrom('orders')
      .select([...STAMP, 'order_date', 'created_at'])
      .where('account_id', '=', a.accountId)
      .where('order_number', '=', a.orderNumber),
  { remembered: true },
);

/** The instant `newestFirst` sorts by, as milliseconds. */
const newestKey = (row: Pick<OrderRow, 'order_date' | 'created_at'>) => {
  const ordered = row.order_date === null ? Number.NaN : Date.parse(row.order_date);
  return Number.isNaN(ordered) ? Date.parse(row.created_at) : ordered;
};

function newestStamp(rows: ReadonlyArray<OrderStamp & Pick<OrderRow, 'order_date' | 'created_at'>>) {
  const newest = rows.reduce<(typeof rows)[number] | undefined>((best, row) => {
    if (!best) return row;
    const [a, b] = [newestKey(row), newestKey(best)];
    return a > b || (a === b && row.id > best.id) ? row : best;
  }, undefined);
  return newest && { id: newest.id, account_id: newest.account_id, version: newest.version };
}

const stampByNumberAndKey = preparedRead(
  (db, a: { accountId: number; orderNumber: string; clientKey: string }) =>
    db
      .selectFrom('orders')
      .select(STAMP)
      .where('account_id', '=', a.accountId)
      .where('order_number', '=', a.orderNumber)
      .where('client_key', '=', a.clientKey),
  { remembered: true },
);

export async function findOrderByNumber(
  db: Db,
  accountId: number,
  orderNumber: string,
  clientKey?: string,
): Promise<OrderStamp | undefined> {
  // With the client key the number is unique (orders_number), so nothing needs sorting.
  return clientKey === undefined
    ? newestStamp(await stampsByNumber(db, { accountId, orderNumber }))
    : (await stampByNumberAndKey(db, { accountId, orderNumber, clientKey }))[0];
}

export async function findOrderByField(
  db: Db,
  accountId: number,
  field: OrderField,
  value: string,
): Promise<OrderStamp | undefined> {
  return db
    .selectFrom('orders')
    .select(STAMP)
    .where('account_id', '=', accountId)
    .where(field, '=', value)
    .orderBy(newestFirst(db))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findOrderStampById(db: Db, id: number): Promise<OrderStamp | undefined> {
  return db.selectFrom('orders').select(STAMP).where('id', '=', id).executeTakeFirst();
}

const orderById = preparedRead((db, a: { id: number }) =>
  db.selectFrom('orders').selectAll().where('id', '=', a.id),
);

export async function findOrderById(db: Db, id: number): Promise<OrderRow | undefined> {
  return (await orderById(db, { id }))[0];
}

/**
 * The newest tracking with this number, within `accountId` when given. Without an account, any
 * merchant may have written the same number: when trackings of more than one account match, none
 * is returned (SPEC §2), so one account's tracking is never answered with another's data.
 */
export async function findTrackingByNumber(
  db: Db,
  courier: string,
  trackingNumber: string,
  accountId?: number,
): Promise<TrackingRow | undefined> {
  const byNumber = () =>
    db.selectFrom('trackings').where('courier', '=', courier).where('tracking_number', '=', trackingNumber);
  let query = byNumber().selectAll();
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const newest = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!newest || accountId !== undefined) return newest;
  const other = await byNumber()
    .select('id')
    .where('account_id', '<>', newest.account_id)
    .limit(1)
    .executeTakeFirst();
  return other ? undefined : newest;
}

/** The accounts that have a tracking with this number (at most `limit`), for asking which shop. */
export async function accountsWithTracking(
  db: Db,
  courier: string,
  trackingNumber: string,
  limit = 10,
): Promise<number[]> {
  const rows = await db
    .selectFrom('trackings')
    .select('account_id')
    .distinct()
    .where('courier', '=', courier)
    .where('tracking_number', '=', trackingNumber)
    .orderBy('account_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.account_id);
}

export async function findTrackingByPublicId(
  db: Db,
  publicId: string,
  accountId?: number,
): Promise<TrackingRow | undefined> {
  let query = db.selectFrom('trackings').selectAll().where('public_id', '=', publicId);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  return query.executeTakeFirst();
}

export type TrackingRows = { tracking: TrackingRow; checkpoints: CheckpointRow[]; articles: ArticleRow[] };

/** The trackings with their checkpoints and articles, in three queries whatever their number. */
export async function loadTrackingRows(db: Db, trackings: TrackingRow[]): Promise<TrackingRows[]> {
  if (trackings.length === 0) return [];
  const ids = trackings.map((t) => t.id);
  const [checkpoints, articles] = await Promise.all([
    db
      .selectFrom('checkpoints')
      .selectAll()
      .where('tracking_id', 'in', ids)
      .orderBy('event_time')
      .orderBy('id')
      .execute(),
    db.selectFrom('articles').selectAll().where('tracking_id', 'in', ids).orderBy('position').execute(),
  ]);
  return trackings.map((tracking) => ({
    tracking,
    checkpoints: checkpoints.filter((c) => c.tracking_id === tracking.id),
    articles: articles.filter((a) => a.tracking_id === tracking.id),
  }));
}

export type OrderRows = { trackings: TrackingRows[]; orderArticles: ArticleRow[] };

/** An order's trackings, checkpoints and articles (the order's own and its trackings'). */
// A cache miss reads these three for one order: prepared once, not built and compiled per read.
const trackingsOfOrder = preparedRead((db, a: { orderId: number }) =>
  db.selectFrom('trackings').selectAll().where('order_id', '=', a.orderId).orderBy('position').orderBy('id'),
);
// Grouped by tracking as the index holds them (no sorter): each group is split off below.
const articlesOfOrder = preparedRead((db, a: { orderId: number }) =>
  db
    .selectFrom('articles')
    .selectAll()
    .where('order_id', '=', a.orderId)
    .orderBy('tracking_id')
    .orderBy('position'),
);
// Through the order, so the statement does not vary with how many trackings it has; grouped by
// tracking as the index holds them (no sorter), each tracking's in time order.
const checkpointsOfOrder = preparedRead((db, a: { orderId: number }) =>
  db
    .selectFrom('checkpoints')
    .selectAll('checkpoints')
    .where(
      'checkpoints.tracking_id',
      'in',
      db.selectFrom('trackings').select('trackings.id').where('trackings.order_id', '=', a.orderId),
    )
    .orderBy('checkpoints.tracking_id')
    .orderBy('checkpoints.event_time')
    .orderBy('checkpoints.id'),
);

export async function loadOrderRows(db: Db, order: Pick<OrderRow, 'id'>): Promise<OrderRows> {
  const args = { orderId: order.id };
  const [trackings, articles, checkpoints] = await Promise.all([
    trackingsOfOrder(db, args),
    articlesOfOrder(db, args),
    checkpointsOfOrder(db, args),
  ]);
  return {
    orderArticles: articles.filter((a) => a.tracking_id === null),
    trackings: trackings.map((tracking) => ({
      tracking,
      checkpoints: checkpoints.filter((c) => c.tracking_id === tracking.id),
      articles: articles.filter((a) => a.tracking_id === tracking.id),
    })),
  };
}

const HISTORY_LIMIT = 500;

/**
 * Transit times (first carrier scan → delivery, in ms) of the account's latest deliveries per
 * courier and destination country, for the trending-late estimate.
 */
export async function loadTransitHistory(
  db: Db,
  accountId: number,
  lanes: ReadonlyArray<{ courier: string; country: string | null }>,
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  for (const lane of lanes) {
    const key = transitHistoryKey(lane.courier, lane.country);
    if (result.has(key)) continue;
    let query = db
      .selectFrom('trackings')
      .select(['first_scan_at', 'delivered_at'])
      .where('account_id', '=', accountId)
      .where('courier', '=', lane.courier)
      .where('delivered_at', 'is not', null)
      .where('first_scan_at', 'is not', null);
    query =
      lane.country === null
        ? query.where('destination_country_iso3', 'is', null)
        : query.where('destination_country_iso3', '=', lane.country);
    const rows = await query.orderBy('delivered_at', 'desc').limit(HISTORY_LIMIT).execute();
    result.set(
      key,
      rows
        .map((r) => Date.parse(r.delivered_at!) - Date.parse(r.first_scan_at!))
        .filter((ms) => Number.isFinite(ms) && ms >= 0),
    );
  }
  return result;
}
