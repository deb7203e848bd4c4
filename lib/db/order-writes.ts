import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, NewCheckpoint, OrdersTable, TrackingUpdate } from './schema';

export type Trx = Transaction<Database>;

/** True for a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function newTrackingPublicId(): string {
  return `trk_${randomBytes(12).toString('base64url')}`;
}

type OrderFields = Omit<OrdersTable, 'id' | 'account_id' | 'created_at' | 'updated_at' | 'version'>;

/**
 * Inserts the order or, when another request created it first, tells the caller to update it.
 * `ON CONFLICT DO NOTHING` makes concurrent creates of one order safe on both databases.
 */
export async function insertOrderIfAbsent(trx: Trx, accountId: number, fields: OrderFields, now: string) {
  const row = await trx
    .insertInto('orders')
    .values({ ...fields, account_id: accountId, created_at: now, updated_at: now, version: 1 })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateOrder(trx: Trx, id: number, fields: OrderFields, now: string) {
  await trx
    .updateTable('orders')
    .set((eb) => ({ ...fields, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function touchOrders(trx: Trx, orderIds: number[], now: string) {
  if (orderIds.length === 0) return;
  await trx
    .updateTable('orders')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', orderIds)
    .execute();
}

/**
 * Replaces the order's own articles (no `trackingId`) or one tracking's. A tracking's articles also
 * carry the order, so reading an order takes one articles query.
 */
export async function replaceArticles(
  trx: Trx,
  owner: { orderId: number; trackingId?: number },
  articles: ReadonlyArray<Record<string, unknown>>,
) {
  const trackingId = owner.trackingId ?? null;
  let remove = trx.deleteFrom('articles');
  remove =
    trackingId === null
      ? remove.where('order_id', '=', owner.orderId).where('tracking_id', 'is', null)
      : remove.where('tracking_id', '=', trackingId);
  await remove.execute();
  if (articles.length === 0) return;
  await trx
    .insertInto('articles')
    .values(
      articles.map((data, position) => ({
        order_id: owner.orderId,
        tracking_id: trackingId,
        position,
        data: JSON.stringify(data),
      })),
    )
    .execute();
}

type TrackingFields = Omit<
  TrackingUpdate,
  'id' | 'public_id' | 'account_id' | 'courier' | 'tracking_number' | 'created_at'
>;

/** The tracking's id, creating it (without an order) when the account does not know it yet. */
export async function ensureTracking(
  trx: Trx,
  accountId: number,
  courier: string,
  trackingNumber: string,
  now: string,
): Promise<{ id: number; publicId: string; orderId: number | null; created: boolean }> {
  const inserted = await trx
    .insertInto('trackings')
    .values({
      public_id: newTrackingPublicId(),
      account_id: accountId,
      courier,
      tracking_number: trackingNumber,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['account_id', 'courier', 'tracking_number']).doNothing())
    .returning(['id', 'public_id', 'order_id'])
    .executeTakeFirst();
  if (inserted)
    return { id: inserted.id, publicId: inserted.public_id, orderId: inserted.order_id, created: true };
  const row = await trx
    .selectFrom('trackings')
    .select(['id', 'public_id', 'order_id'])
    .where('account_id', '=', accountId)
    .where('courier', '=', courier)
    .where('tracking_number', '=', trackingNumber)
    .executeTakeFirstOrThrow();
  return { id: row.id, publicId: row.public_id, orderId: row.order_id, created: false };
}

export async function updateTracking(trx: Trx, id: number, fields: TrackingFields) {
  await trx.updateTable('trackings').set(fields).where('id', '=', id).execute();
}

/** Trackings the order no longer lists stay stored (with their events) but leave the order. */
export async function detachOtherTrackings(trx: Trx, orderId: number, keepIds: number[], now: string) {
  let query = trx
    .updateTable('trackings')
    .set({ order_id: null, updated_at: now })
    .where('order_id', '=', orderId);
  if (keepIds.length > 0) query = query.where('id', 'not in', keepIds);
  await query.execute();
}

/** Stores the checkpoint unless the same event is already stored; true when it was new. */
export async function insertCheckpoint(trx: Trx, checkpoint: NewCheckpoint): Promise<boolean> {
  const row = await trx
    .insertInto('checkpoints')
    .values(checkpoint)
    .onConflict((oc) => oc.columns(['tracking_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function loadCheckpointsForSummary(trx: Trx, trackingId: number) {
  return trx
    .selectFrom('checkpoints')
    .select(['id', 'status_code', 'event_time', 'event_timestamp', 'is_hidden', 'delivery_location_type'])
    .where('tracking_id', '=', trackingId)
    .execute();
}
