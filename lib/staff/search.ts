import 'server-only';
import { type Compilable, sql } from 'kysely';
import { z } from 'zod';
import { type Db, isPostgres } from '@/lib/db/client';
import { isRowId } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';
import { parseWith } from '@/lib/schemas/parse';
import type { LifecycleStatus, StatusCode } from '@/lib/status/vocabulary';

// Staff search (SPEC §6): one box for any identifier of an order or a parcel, within one account.
// Order and tracking numbers match by prefix, ignoring case; the other identifiers match exactly
// (email ignoring case, as the lookups compare it). Each kind of identifier is one query that reads
// its index in order and stops after the rows a page needs, so a one-character prefix of a million
// order numbers costs as little as a whole number.

/** Deep pages cost a query per kind over all rows before them; nobody pages a search that far. */
const MAX_PAGE = 50;

const searchSchema = z.object({
  // PostgreSQL refuses NUL in text; no identifier holds a control character.
  q: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((q) => !/\p{Cc}/u.test(q), 'Enter an identifier without control characters.'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchInput = z.input<typeof searchSchema>;

export const SEARCH_MATCHES = [
  'external_order_id',
  'order_number',
  'tracking_number',
  'recipient_email',
  'customer_number',
  'external_reference',
] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export type SearchTracking = {
  /** The tracking's public id (what lookup 7 and the order view take). */
  trackingId: string;
  courier: string;
  trackingNumber: string;
  statusCode: StatusCode | null;
  lifecycleStatus: LifecycleStatus;
  lastEventAt: string | null;
};

export type SearchResult = {
  /** Which identifier matched first: the kinds are listed in this order. */
  matchedBy: SearchMatch;
  /** Null for a tracking without an order; its one tracking is in `trackings`. */
  orderId: number | null;
  orderNumber: string | null;
  clientKey: string | null;
  recipientName: string | null;
  orderDate: string | null;
  /** The newest event of any of its parcels. */
  lastEventAt: string | null;
  trackings: SearchTracking[];
};

export type SearchPage = { page: number; pageSize: number; hasMore: boolean; results: SearchResult[] };

type Hit = { orderId: number | null; trackingId: number | null };
type Branch = {
  matchedBy: SearchMatch;
  query: (
    limit: number,
    offset: number,
  ) => Compilable<{ id: number; order_id: number | null }> & {
    execute(): Promise<Array<{ id: number; order_id: number | null }>>;
  };
  hit: (row: { id: number; order_id: number | null }) => Hit;
};

const UUID = z.uuid();

/**
 * The queries behind one search, in the order their results are listed. Exported for the test
 * that checks every one of them reads an index (EXPLAIN), not for callers.
 */
export function searchBranches(db: Db, accountId: number, q: string): Branch[] {
  const postgres = isPostgres(db);
  // Both sides lower-cased by the same database, so a case the database folds matches either way.
  // The upper bound is the prefix followed by the largest code point: byte order in both ("C").
  const folded = (column: 'order_number' | 'tracking_number') =>
    postgres ? sql`lower(${sql.ref(column)}) collate "C"` : sql`lower(${sql.ref(column)})`;
  const low = sql`lower(cast(${q} as text))`;
  const high = postgres
    ? sql`lower(cast(${q} as text)) || chr(1114111)`
    : sql`lower(cast(${q} as text)) || char(1114111)`;
  const orders = () =>
    db
      .selectFrom('orders')
      .select(['id', sql<number | null>`null`.as('order_id')])
      .where('account_id', '=', accountId);
  const asOrder = (row: { id: number }): Hit => ({ orderId: row.id, trackingId: null });
  const newestFirst = <T extends ReturnType<typeof orders>>(query: T) =>
    query.orderBy('order_date', 'desc').orderBy('id', 'desc');

  const branches: Branch[] = [];
  if (UUID.safeParse(q).success) {
    branches.push({
      matchedBy: 'external_order_id',
      query: (limit, offset) =>
        orders().where('external_order_id', '=', q.toLowerCase()).limit(limit).offset(offset),
      hit: asOrder,
    });
  }
  branches.push(
    {
      matchedBy: 'order_number',
      query: (limit, offset) =>
        orders()
          .where(sql<boolean>`${folded('order_number')} >= ${low}`)
          .where(sql<boolean>`${folded('order_number')} <= ${high}`)
          .orderBy(folded('order_number'))
          .orderBy('id')
          .limit(limit)
          .offset(offset),
      hit: asOrder,
    },
    {
      matchedBy: 'tracking_number',
      query: (limit, offset) =>
        db
          .selectFrom('trackings')
          .select(['id', 'order_id'])
          .where('account_id', '=', accountId)
          .where(sql<boolean>`${folded('tracking_number')} >= ${low}`)
          .where(sql<boolean>`${folded('tracking_number')} <= ${high}`)
          .orderBy(folded('tracking_number'))
          .orderBy('id')
          .limit(limit)
          .offset(offset),
      // A parcel of an order finds the order; a parcel without one is a result of its own.
      hit: (row) =>
        row.order_id === null
          ? { orderId: null, trackingId: row.id }
          : { orderId: row.order_id, trackingId: null },
    },
  );
  if (q.includes('@')) {
    branches.push({
      matchedBy: 'recipient_email',
      query: (limit, offset) =>
        newestFirst(orders().where('recipient_email_norm', '=', q.toLowerCase()))
          .limit(limit)
          .offset(offset),
      hit: asOrder,
    });
  }
  branches.push(
    {
      matchedBy: 'customer_number',
      query: (limit, offset) =>
        newestFirst(orders().where('customer_number', '=', q))
          .limit(limit)
          .offset(offset),
      hit: asOrder,
    },
    {
      matchedBy: 'external_reference',
      query: (limit, offset) =>
        newestFirst(orders().where('external_reference', '=', q))
          .limit(limit)
          .offset(offset),
      hit: asOrder,
    },
  );
  return branches;
}

/**
 * Orders (and trackings without an order) of the account that match `q` by any identifier:
 * matches by external order id first, then order numbers and tracking numbers in their order,
 * then email, customer number and external reference, newest order first. Each order is listed
 * once, under the first kind that found it.
 */
export async function searchOrders(db: Db, accountId: number, input: SearchInput): Promise<SearchPage> {
  if (!isRowId(accountId)) throw new DomainError('invalid', 'Not an account id.', { attr: 'account' });
  const { q, page, pageSize } = parseWith(searchSchema, input);
  const wanted = page * pageSize + 1;
  const hits: Array<Hit & { matchedBy: SearchMatch }> = [];
  const seen = new Set<string>();
  for (const branch of searchBranches(db, accountId, q)) {
    // A kind can repeat an order (two of its parcels share a prefix) or name one an earlier kind
    // found: read on until the page is full or the kind has no more.
    for (let offset = 0; hits.length < wanted;) {
      const rows = await branch.query(wanted, offset).execute();
      for (const row of rows) {
        const hit = branch.hit(row);
        const key = hit.orderId !== null ? `o${hit.orderId}` : `t${hit.trackingId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ ...hit, matchedBy: branch.matchedBy });
        if (hits.length >= wanted) break;
      }
      if (rows.length < wanted) break;
      offset += rows.length;
    }
    if (hits.length >= wanted) break;
  }
  const pageHits = hits.slice((page - 1) * pageSize, page * pageSize);
  return {
    page,
    pageSize,
    hasMore: hits.length > page * pageSize,
    results: await describeHits(db, accountId, pageHits),
  };
}

async function describeHits(
  db: Db,
  accountId: number,
  hits: ReadonlyArray<Hit & { matchedBy: SearchMatch }>,
): Promise<SearchResult[]> {
  const orderIds = hits.flatMap((h) => (h.orderId !== null ? [h.orderId] : []));
  const trackingIds = hits.flatMap((h) => (h.trackingId !== null ? [h.trackingId] : []));
  const trackingColumns = [
    'id',
    'order_id',
    'public_id',
    'courier',
    'tracking_number',
    'status_code',
    'lifecycle_status',
    'last_event_at',
  ] as const;
  const [orders, orderTrackings, loneTrackings] = await Promise.all([
    orderIds.length
      ? db
          .selectFrom('orders')
          .select(['id', 'order_number', 'client_key', 'recipient_name', 'order_date'])
          .where('account_id', '=', accountId)
          .where('id', 'in', orderIds)
          .execute()
      : [],
    orderIds.length
      ? db
          .selectFrom('trackings')
          .select(trackingColumns)
          .where('account_id', '=', accountId)
          .where('order_id', 'in', orderIds)
          .orderBy('position')
          .orderBy('id')
          .execute()
      : [],
    trackingIds.length
      ? db
          .selectFrom('trackings')
          .select(trackingColumns)
          .where('account_id', '=', accountId)
          .where('id', 'in', trackingIds)
          .execute()
      : [],
  ]);
  const toTracking = (t: (typeof loneTrackings)[number]): SearchTracking => ({
    trackingId: t.public_id,
    courier: t.courier,
    trackingNumber: t.tracking_number,
    statusCode: t.status_code,
    lifecycleStatus: t.lifecycle_status,
    lastEventAt: t.last_event_at,
  });
  const newest = (trackings: SearchTracking[]) =>
    trackings.reduce<string | null>(
      (max, t) => (t.lastEventAt && (!max || t.lastEventAt > max) ? t.lastEventAt : max),
      null,
    );
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const lone = new Map(loneTrackings.map((t) => [t.id, t]));
  return hits.flatMap((hit): SearchResult[] => {
    if (hit.orderId !== null) {
      const order = orderById.get(hit.orderId);
      if (!order) return [];
      const trackings = orderTrackings.filter((t) => t.order_id === order.id).map(toTracking);
      return [
        {
          matchedBy: hit.matchedBy,
          orderId: order.id,
          orderNumber: order.order_number,
          clientKey: order.client_key,
          recipientName: order.recipient_name,
          orderDate: order.order_date,
          lastEventAt: newest(trackings),
          trackings,
        },
      ];
    }
    const tracking = lone.get(hit.trackingId!);
    if (!tracking) return [];
    const trackings = [toTracking(tracking)];
    return [
      {
        matchedBy: hit.matchedBy,
        orderId: null,
        orderNumber: null,
        clientKey: null,
        recipientName: null,
        orderDate: null,
        lastEventAt: tracking.last_event_at,
        trackings,
      },
    ];
  });
}
