import 'server-only';
import type { Db } from '@/lib/db/client';
import {
  findOrderByField,
  findOrderById,
  findOrderByNumber,
  findOrderStampById,
  findTrackingByNumber,
  findTrackingByPublicId,
  loadOrderRows,
  loadTrackingRows,
  type OrderRows,
  type OrderStamp,
} from '@/lib/db/order-queries';
import type { OrderRow, TrackingRow } from '@/lib/db/schema';
import type { Lookup } from './lookup';

/**
 * What a lookup found: one indexed read of the order's identity and data version. Its row
 * (orderRow), trackings and events (loadRows) are read only when the answer is not cached.
 */
export type FoundOrder = {
  accountId: number;
  order: OrderStamp | null;
  /** The tracking the lookup named, for lookups by tracking. */
  matchedTracking: TrackingRow | null;
};

/** Finds what the lookup names, within `accountId` when given; undefined when nothing matches. */
export async function findByLookup(
  db: Db,
  lookup: Lookup,
  accountId?: number,
): Promise<FoundOrder | undefined> {
  const account = accountId ?? lookup.account;
  if (lookup.type === 'tracking_id' || lookup.type === 'tracking_number') {
    const tracking =
      lookup.type === 'tracking_id'
        ? await findTrackingByPublicId(db, lookup.value, account)
        : await findTrackingByNumber(db, lookup.courier, lookup.value, account);
    if (!tracking) return undefined;
    const order =
      tracking.order_id === null ? null : ((await findOrderStampById(db, tracking.order_id)) ?? null);
    return { accountId: tracking.account_id, order, matchedTracking: tracking };
  }
  if (account === undefined) return undefined;
  const order =
    lookup.type === 'order_number'
      ? await findOrderByNumber(db, account, lookup.value, lookup.clientKey)
      : await findOrderByField(
          db,
          account,
          lookup.type === 'recipient_email' ? 'recipient_email_norm' : lookup.type,
          // Stored lower-cased, as UUIDs compare; the signature still covers the value as sent.
          lookup.type === 'recipient_email' || lookup.type === 'external_order_id'
            ? lookup.value.toLowerCase()
            : lookup.value,
        );
  return order ? { accountId: order.account_id, order, matchedTracking: null } : undefined;
}

/** An order by its row id, in the shape a lookup returns, for presenting what was just written. */
export async function foundOrderById(db: Db, id: number): Promise<FoundOrder | undefined> {
  const order = await findOrderStampById(db, id);
  return order ? { accountId: order.account_id, order, matchedTracking: null } : undefined;
}

const rows = new WeakMap<FoundOrder, Promise<OrderRow | null>>();

/** The found order's whole row, read once for however many callers need it. */
export function orderRow(db: Db, found: FoundOrder): Promise<OrderRow | null> {
  const { order } = found;
  if (!order) return Promise.resolve(null);
  let row = rows.get(found);
  if (!row) {
    row = findOrderById(db, order.id).then((r) => r ?? null);
    rows.set(found, row);
  }
  return row;
}

export async function loadRows(db: Db, found: FoundOrder): Promise<OrderRows> {
  if (found.order) return loadOrderRows(db, found.order);
  return {
    trackings: await loadTrackingRows(db, found.matchedTracking ? [found.matchedTracking] : []),
    orderArticles: [],
  };
}

/**
 * Changes whenever anything shown for this order is written: every write to an order or to one of
 * its trackings bumps the order's version; a tracking without an order has its own update time.
 */
export function dataVersion(found: FoundOrder): string {
  if (found.order) return `o${found.order.id}.${found.order.version}`;
  return `t${found.matchedTracking?.id}.${found.matchedTracking?.updated_at}`;
}
