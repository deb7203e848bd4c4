import 'server-only';
import { type AccessLogCursor, type AccessLogPage, accessLogOf } from '@/lib/access/access-log';
import type { Db } from '@/lib/db/client';
import { findOrderStampById } from '@/lib/db/order-queries';
import { DomainError } from '@/lib/errors';
import type { FoundOrder } from '@/lib/orders/load-order';
import { loadRows, orderRow } from '@/lib/orders/load-order';
import { mintLink, type SignedLink } from '@/lib/orders/links';
import { type LiveRefreshStatus, liveRefresh } from '@/lib/orders/live-refresh';
import { type ProjectedOrder, presentOrder } from '@/lib/orders/present-order';
import { linkQuerySchema } from '@/lib/schemas/info-query';
import { parseWith } from '@/lib/schemas/parse';

/** Where a stored event came from, as staff read it. */
export type EventSource = 'api' | 'carrier' | 'demo' | 'other';

export type RawCheckpoint = {
  id: number;
  /** When it happened, as the source sent it (with its UTC offset). */
  eventTimestamp: string;
  statusCode: string;
  rawCode: string | null;
  rawText: string | null;
  source: EventSource;
  /** The source exactly as stored: `api`, `carrier:dhl`, `demo`. */
  sourceDetail: string;
  storedAt: string;
  hidden: boolean;
};

export type RawTracking = {
  trackingId: number;
  publicId: string;
  courier: string;
  trackingNumber: string;
  lastRefreshedAt: string | null;
  /** Newest first, every stored event, those hidden from shoppers too. */
  checkpoints: RawCheckpoint[];
};

export type StaffOrderDetail = {
  projected: ProjectedOrder;
  raw: RawTracking[];
  accessLog: AccessLogPage;
};

export function eventSource(stored: string): EventSource {
  if (stored === 'api' || stored === 'demo') return stored;
  return stored.startsWith('carrier:') ? 'carrier' : 'other';
}

async function ownFound(db: Db, accountId: number, orderId: number): Promise<FoundOrder> {
  const order = await findOrderStampById(db, orderId);
  // Another account's order answers as a missing one: ids are not secrets, but orders are.
  if (!order || order.account_id !== accountId) throw new DomainError('not_found', 'notFound');
  return { accountId, order, matchedTracking: null };
}

/**
 * Everything the portal knows about one of the account's orders, for its staff: the shopper's full
 * view, every stored event with the carrier's own code and text and where it came from, and who
 * looked the order up. Another account's order is not found, whatever id is asked for.
 */
export async function staffOrderDetail(
  db: Db,
  accountId: number,
  orderId: number,
  options: { lang?: string; now?: Date; checkpointsOffset?: number; accessLogCursor?: AccessLogCursor } = {},
): Promise<StaffOrderDetail> {
  const found = await ownFound(db, accountId, orderId);
  // The raw events need every row anyway: the projection reuses them when it is not cached.
  const [rows, accessLog] = await Promise.all([
    loadRows(db, found),
    accessLogOf(db, accountId, { orderId }, { cursor: options.accessLogCursor }),
  ]);
  const projected = await presentOrder(db, found, {
    level: 'full',
    lang: options.lang,
    now: options.now ?? new Date(),
    checkpointsOffset: options.checkpointsOffset,
    rows,
  });
  const raw = rows.trackings.map(({ tracking, checkpoints }) => ({
    trackingId: tracking.id,
    publicId: tracking.public_id,
    courier: tracking.courier,
    trackingNumber: tracking.tracking_number,
    lastRefreshedAt: tracking.last_refreshed_at,
    checkpoints: checkpoints
      .map((c) => ({
        id: c.id,
        eventTimestamp: c.event_timestamp,
        statusCode: c.status_code,
        rawCode: c.raw_code,
        rawText: c.raw_text,
        source: eventSource(c.source),
        sourceDetail: c.source,
        storedAt: c.created_at,
        hidden: c.is_hidden !== 0,
      }))
      .reverse(),
  }));
  return { projected, raw, accessLog };
}

/** Asks the carriers for news on the order's parcels now (staff's refresh button). */
export async function refreshStaffOrder(
  db: Db,
  accountId: number,
  orderId: number,
  now = new Date(),
): Promise<LiveRefreshStatus> {
  const found = await ownFound(db, accountId, orderId);
  const { trackings } = await loadRows(db, found);
  return liveRefresh(
    db,
    trackings.map((t) => t.tracking),
    now,
  );
}

/**
 * A signed link to the order's page, its widget image and the email snippet, in `lang`, valid for
 * `expiresIn` (a duration as the link API takes it): what staff paste into a reply to a shopper.
 */
export async function staffOrderLink(
  db: Db,
  accountId: number,
  orderId: number,
  options: { lang?: string; expiresIn?: string; baseUrl: string; now?: Date },
): Promise<SignedLink> {
  const found = await ownFound(db, accountId, orderId);
  const { trackings } = await loadRows(db, found);
  const order = await orderRow(db, found);
  // By order number (the order's own brand), or by its first parcel for an order without one.
  const lookup = order?.order_number
    ? { order_number: order.order_number, ...(order.client_key ? { client_key: order.client_key } : {}) }
    : { tracking_number: trackings[0]?.tracking.tracking_number, courier: trackings[0]?.tracking.courier };
  const query = parseWith(linkQuerySchema, {
    account: String(accountId),
    ...lookup,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.expiresIn ? { expires_in: options.expiresIn } : {}),
  });
  return mintLink(db, accountId, query, { baseUrl: options.baseUrl, now: options.now });
}
