import 'server-only';
import type { Db } from '@/lib/db/client';
import { findOrderByField, findOrderById, findOrderByNumber } from '@/lib/db/order-queries';
import {
  detachOtherTrackings,
  ensureTracking,
  insertOrderIfAbsent,
  isUniqueViolation,
  replaceArticles,
  touchOrders,
  type Trx,
  updateOrder,
  updateTracking,
} from '@/lib/db/order-writes';
import { DomainError, type WarningEntry } from '@/lib/errors';
import type { OrderInput } from '@/lib/schemas/order';
import { foundOrderById } from './load-order';
import { type ProjectedOrder, presentOrder } from './present-order';
import { unknownCourierWarnings } from './warnings';
import { updateWatchState } from './watch-state';

function orderFields(input: OrderInput) {
  return {
    order_number: input.order_number ?? null,
    client_key: input.client_key ?? '',
    external_order_id: input.external_order_id?.toLowerCase() ?? null,
    external_reference: input.external_reference ?? null,
    customer_number: input.customer_number ?? null,
    order_date: input.order_date ?? null,
    recipient_name: input.recipient_name ?? null,
    recipient_email: input.recipient_email ?? null,
    recipient_email_norm: input.recipient_email?.toLowerCase() ?? null,
    destination_country_iso3: input.destination_country_iso3 ?? null,
    language_iso2: input.language_iso2 ?? null,
    timezone: input.timezone ?? null,
    shipping_address: input.shipping_address ? JSON.stringify(input.shipping_address) : null,
  };
}

async function findExisting(trx: Trx, accountId: number, input: OrderInput) {
  if (input.order_number !== undefined) {
    const byNumber = await findOrderByNumber(trx, accountId, input.order_number, input.client_key ?? '');
    if (byNumber) return byNumber;
  }
  if (input.external_order_id === undefined) return undefined;
  const stamp = await findOrderByField(
    trx,
    accountId,
    'external_order_id',
    input.external_order_id.toLowerCase(),
  );
  const byExternalId = stamp && (await findOrderById(trx, stamp.id));
  // The id belongs to an order with another number: two identities, not one order.
  const sameIdentity =
    byExternalId?.order_number === input.order_number &&
    byExternalId?.client_key === (input.client_key ?? '');
  if (
    byExternalId &&
    input.order_number !== undefined &&
    byExternalId.order_number !== null &&
    !sameIdentity
  ) {
    throw new DomainError('conflict', 'conflict', { attr: 'external_order_id' });
  }
  return byExternalId;
}

/**
 * PUT /v4/track/orders/: creates or replaces one order with its trackings and articles in one
 * transaction. Trackings the order no longer lists are detached, not deleted, so their events stay.
 */
export async function putOrder(
  db: Db,
  accountId: number,
  input: OrderInput,
  now = new Date(),
): Promise<ProjectedOrder & { created: boolean; warnings: WarningEntry[] }> {
  const at = now.toISOString();
  const fields = orderFields(input);
  let result: { id: number; created: boolean };
  try {
    result = await db.transaction().execute(async (trx) => {
      const existing = await findExisting(trx, accountId, input);
      if (existing) {
        await updateOrder(trx, existing.id, fields, at);
        return writeChildren(trx, accountId, existing.id, input, at, false);
      }
      const id = await insertOrderIfAbsent(trx, accountId, fields, at);
      if (id !== null) return writeChildren(trx, accountId, id, input, at, true);
      // A concurrent request created the same order first: this one updates it.
      const winner = await findExisting(trx, accountId, input);
      if (!winner) throw new DomainError('conflict', 'conflict', { attr: 'external_order_id' });
      await updateOrder(trx, winner.id, fields, at);
      return writeChildren(trx, accountId, winner.id, input, at, false);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('conflict', 'conflict', { attr: 'external_order_id' });
    throw error;
  }
  const found = await foundOrderById(db, result.id);
  const projected = await presentOrder(db, found!, {
    level: 'full',
    lang: input.language_iso2 ?? undefined,
    now,
  });
  const warnings = unknownCourierWarnings(
    input.trackings.flatMap((t, i) => [
      { code: t.courier, path: ['trackings', i, 'courier'] },
      ...(t.last_mile_courier
        ? [{ code: t.last_mile_courier, path: ['trackings', i, 'last_mile_courier'] }]
        : []),
    ]),
  );
  return { ...projected, created: result.created, warnings };
}

async function writeChildren(
  trx: Trx,
  accountId: number,
  orderId: number,
  input: OrderInput,
  at: string,
  created: boolean,
) {
  // The trackings it had before: one the order drops leaves its client key and order date behind.
  const before = await trx.selectFrom('trackings').select('id').where('order_id', '=', orderId).execute();
  await replaceArticles(trx, { orderId }, input.articles ?? []);
  const keep: number[] = [];
  const moved = new Set<number>();
  for (const [position, t] of input.trackings.entries()) {
    const tracking = await ensureTracking(trx, accountId, t.courier, t.tracking_number, at);
    await updateTracking(trx, tracking.id, {
      order_id: orderId,
      position,
      recipient_postal_code: t.recipient_postal_code ?? null,
      destination_country_iso3: t.destination_country_iso3 ?? input.destination_country_iso3 ?? null,
      language_iso2: t.language_iso2 ?? input.language_iso2 ?? null,
      timezone: t.timezone ?? input.timezone ?? null,
      announced_delivery_date: t.announced_delivery_date ?? null,
      announced_delivery_date_min: t.announced_delivery_date_min ?? null,
      is_return: t.is_return ? 1 : 0,
      additional_attributes: t.additional_attributes ? JSON.stringify(t.additional_attributes) : null,
      identifiers_consignment: t.identifiers_consignment ?? null,
      last_mile_courier: t.last_mile_courier ?? null,
      pod_identifier: t.pod_identifier ?? null,
      pod_signature: t.pod_signature ?? null,
      pod_date: t.pod_date ?? null,
      updated_at: at,
    });
    await replaceArticles(trx, { orderId, trackingId: tracking.id }, t.articles ?? []);
    keep.push(tracking.id);
    if (tracking.orderId !== null && tracking.orderId !== orderId) moved.add(tracking.orderId);
  }
  await detachOtherTrackings(trx, orderId, keep, at);
  // The orders that lost a tracking to this one changed too.
  await touchOrders(trx, [...moved], at);
  await updateWatchState(trx, [...before.map((t) => t.id), ...keep], new Date(at));
  return { id: orderId, created };
}
