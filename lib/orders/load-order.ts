import 'server-only';
import type { Db } from '@/lib/db/client';
import {
  findOrderByField,
  findOrderById,
  findOrderByNumber,
  findTrackingByNumber,
  findTrackingByPublicId,
  loadOrderRows,
  loadTrackingRows,
} from '@/lib/db/order-queries';
import type { OrderRow, TrackingRow } from '@/lib/db/schema';
import type { Lookup } from './lookup';

export type LoadedOrder = {
  accountId: number;
  order: OrderRow | null;
  /** The tracking the lookup named, for lookups by tracking. */
  matchedTracking: TrackingRow | null;
  rows: Awaited<ReturnType<typeof loadOrderRows>>;
};

/** Finds what the lookup names, within `accountId` when given; undefined when nothing matches. */
export async function loadByLookup(
  db: Db,
  lookup: Lookup,
  accountId?: number,
): Promise<LoadedOrder | undefined> {
  const account = accountId ?? lookup.account;
  if (lookup.type === 'tracking_id' || lookup.type === 'tracking_number') {
    const tracking =
      lookup.type === 'tracking_id'
        ? await findTrackingByPublicId(db, lookup.value, account)
        : await findTrackingByNumber(db, lookup.courier, lookup.value, account);
    if (!tracking) return undefined;
    const order = tracking.order_id === null ? undefined : await findOrderById(db, tracking.order_id);
    if (order)
      return {
        accountId: tracking.account_id,
        order,
        matchedTracking: tracking,
        rows: await loadOrderRows(db, order),
      };
    return {
      accountId: tracking.account_id,
      order: null,
      matchedTracking: tracking,
      rows: { trackings: await loadTrackingRows(db, [tracking]), orderArticles: [] },
    };
  }
  if (account === undefined) return undefined;
  const order =
    lookup.type === 'order_number'
      ? await findOrderByNumber(db, account, lookup.value, lookup.clientKey)
      : await findOrderByField(
          db,
          account,
          lookup.type === 'recipient_email' ? 'recipient_email_norm' : lookup.type,
          lookup.type === 'recipient_email' ? lookup.value.toLowerCase() : lookup.value,
        );
  if (!order) return undefined;
  return { accountId: order.account_id, order, matchedTracking: null, rows: await loadOrderRows(db, order) };
}

export async function loadOrderById(db: Db, id: number): Promise<LoadedOrder | undefined> {
  const order = await findOrderById(db, id);
  if (!order) return undefined;
  return { accountId: order.account_id, order, matchedTracking: null, rows: await loadOrderRows(db, order) };
}
