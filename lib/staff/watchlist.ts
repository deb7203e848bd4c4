import 'server-only';
import { every } from '@/lib/background';
import { z } from 'zod';
import { type Db, isPostgres } from '@/lib/db/client';
import { isRowId } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';
import { log } from '@/lib/log';
import { updateWatchState } from '@/lib/orders/watch-state';
import { parseWith } from '@/lib/schemas/parse';
import {
  type LifecycleStatus,
  type StatusCode,
  WATCH_REASONS,
  type WatchReason,
} from '@/lib/status/vocabulary';

// The staff watchlist (SPEC §6): parcels that need attention before the customer calls. A read is
// a query over the `watchlist` table and its indexes, which the writes keep current (events, orders,
// live refresh: lib/orders/watch-state.ts) and the sweep below for what time alone changes.

const DAY_MS = 86_400_000;

const filtersSchema = z.object({
  courier: z.string().trim().min(1).max(64).optional(),
  /** '' names the parcels without a client key (single-brand shops, trackings without an order). */
  clientKey: z.string().trim().max(255).optional(),
  /** Only parcels on the list for at least this many days. */
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type WatchlistFilters = z.input<typeof filtersSchema>;

const pageSchema = filtersSchema.extend({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  /** By how long a parcel has been on the list: longest first, or latest first. */
  sort: z.enum(['oldest', 'newest']).default('oldest'),
});
export type WatchlistPageOptions = z.input<typeof pageSchema>;

const reasonSchema = z.enum(WATCH_REASONS);

export type WatchlistEntry = {
  reason: WatchReason;
  since: string;
  trackingId: string;
  trackingNumber: string;
  courier: string;
  statusCode: StatusCode | null;
  lifecycleStatus: LifecycleStatus;
  lastEventAt: string | null;
  announcedDeliveryDate: string | null;
  /** Null for a tracking without an order. */
  orderId: number | null;
  orderNumber: string | null;
  clientKey: string;
  recipientName: string | null;
};

export type WatchlistPage = {
  reason: WatchReason;
  page: number;
  pageSize: number;
  hasMore: boolean;
  rows: WatchlistEntry[];
};

function checkAccount(accountId: number) {
  // A staff session always names an account; anything else is a caller's bug, not an empty list.
  if (!isRowId(accountId)) throw new DomainError('invalid', 'Not an account id.', { attr: 'account' });
}

function filtered(db: Db, accountId: number, filters: z.output<typeof filtersSchema>, now: Date) {
  let query = db.selectFrom('watchlist').where('account_id', '=', accountId);
  if (filters.courier !== undefined) query = query.where('courier', '=', filters.courier);
  if (filters.clientKey !== undefined) query = query.where('client_key', '=', filters.clientKey);
  if (filters.minAgeDays !== undefined && filters.minAgeDays > 0)
    query = query.where('since', '<=', new Date(now.getTime() - filters.minAgeDays * DAY_MS).toISOString());
  return query;
}

/** How many parcels of the account are on the list, per reason (every reason, zeros too). */
export async function watchlistCounts(
  db: Db,
  accountId: number,
  filters: WatchlistFilters = {},
  now = new Date(),
): Promise<Record<WatchReason, number>> {
  checkAccount(accountId);
  const parsed = parseWith(filtersSchema, filters);
  // Naming every reason lets the planner seek (account, reason, filters…) once per reason; with
  // `reason` free it reads every row of the account that the first index column allows.
  const rows = await filtered(db, accountId, parsed, now)
    .where('reason', 'in', WATCH_REASONS)
    .select((eb) => ['reason', eb.fn.countAll<number | string>().as('n')])
    .groupBy('reason')
    .execute();
  const counts = Object.fromEntries(WATCH_REASONS.map((reason) => [reason, 0])) as Record<
    WatchReason,
    number
  >;
  // PostgreSQL answers count(*) as a bigint, which pg hands over as text.
  for (const row of rows) counts[row.reason] = Number(row.n);
  return counts;
}

/** One page of the parcels on the list for `reason`, filtered and sorted by the database. */
export async function watchlistPage(
  db: Db,
  accountId: number,
  reason: WatchReason,
  options: WatchlistPageOptions = {},
  now = new Date(),
): Promise<WatchlistPage> {
  checkAccount(accountId);
  const which = parseWith(reasonSchema, reason, ['reason']);
  const { page, pageSize, sort, ...filters } = parseWith(pageSchema, options);
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  // The page's ids from the index alone, then their details by primary key: the join cannot
  // tempt either planner away from reading the index in order.
  const ids = await filtered(db, accountId, filters, now)
    .where('reason', '=', which)
    .select(['tracking_id', 'since'])
    .orderBy('since', direction)
    .orderBy('tracking_id', direction)
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  const hasMore = ids.length > pageSize;
  const pageIds = ids.slice(0, pageSize);
  if (pageIds.length === 0) return { reason: which, page, pageSize, hasMore, rows: [] };
  const details = await db
    .selectFrom('watchlist as w')
    .innerJoin('trackings as t', 't.id', 'w.tracking_id')
    .leftJoin('orders as o', 'o.id', 'w.order_id')
    .select([
      'w.tracking_id',
      'w.since',
      'w.client_key',
      't.public_id',
      't.tracking_number',
      't.courier',
      't.status_code',
      't.lifecycle_status',
      't.last_event_at',
      't.announced_delivery_date',
      'w.order_id',
      'o.order_number',
      'o.recipient_name',
    ])
    .where('w.account_id', '=', accountId)
    .where('t.account_id', '=', accountId)
    .where('w.reason', '=', which)
    .where(
      'w.tracking_id',
      'in',
      pageIds.map((r) => r.tracking_id),
    )
    .execute();
  const byId = new Map(details.map((d) => [d.tracking_id, d]));
  const rows = pageIds.flatMap(({ tracking_id }) => {
    const d = byId.get(tracking_id);
    if (!d) return [];
    return [
      {
        reason: which,
        since: d.since,
        trackingId: d.public_id,
        trackingNumber: d.tracking_number,
        courier: d.courier,
        statusCode: d.status_code,
        lifecycleStatus: d.lifecycle_status,
        lastEventAt: d.last_event_at,
        announcedDeliveryDate: d.announced_delivery_date,
        orderId: d.order_id,
        orderNumber: d.order_number,
        clientKey: d.client_key,
        recipientName: d.recipient_name,
      },
    ];
  });
  return { reason: which, page, pageSize, hasMore, rows };
}

export type SweepOptions = {
  /** At most this many trackings per call, so a run never takes long whatever is due. */
  limit?: number;
  /** Trackings per transaction, so writers (events, orders) never wait long on SQLite. */
  chunk?: number;
};

/**
 * Re-evaluates the trackings whose reasons may have changed with time alone (`watch_due_at` has
 * come): a parcel becomes forgotten, delayed or trending late without any event. Also the backfill
 * after the migration, which marks every unfinished tracking due. Several instances on PostgreSQL
 * share the work: a tracking being swept is locked and skipped by the others.
 */
export async function sweepWatchlist(
  db: Db,
  now = new Date(),
  options: SweepOptions = {},
): Promise<{ processed: number; more: boolean }> {
  const limit = options.limit ?? 2_000;
  const chunk = Math.min(options.chunk ?? 200, limit);
  const at = now.toISOString();
  let processed = 0;
  while (processed < limit) {
    const size = Math.min(chunk, limit - processed);
    const taken = await db.transaction().execute(async (trx) => {
      const due = trx
        .selectFrom('trackings')
        .select('id')
        .where('watch_due_at', 'is not', null)
        .where('watch_due_at', '<=', at)
        .orderBy('watch_due_at')
        .limit(size);
      const rows = await (isPostgres(db) ? due.forUpdate().skipLocked() : due).execute();
      await updateWatchState(
        trx,
        rows.map((r) => r.id),
        now,
      );
      return rows.length;
    });
    processed += taken;
    if (taken < size) return { processed, more: false };
  }
  return { processed, more: true };
}

/** Sweeps in the background until stopped; sweeps never overlap within the process. */
export function startWatchlistSweeper(db: Db, intervalMs = 60_000): () => void {
  return every(intervalMs, 'watchlist sweep', async () => {
    const sweep = await sweepWatchlist(db);
    if (sweep.processed > 0) log.info(sweep, 'watchlist sweep');
  });
}
