import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { findTrackingByPublicId } from '@/lib/db/order-queries';
import {
  ensureTracking,
  insertCheckpoint,
  loadCheckpointsForSummary,
  touchOrders,
  type Trx,
  updateTracking,
} from '@/lib/db/order-writes';
import { DomainError, formatPath, type WarningEntry } from '@/lib/errors';
import { type EventInput, isTooFarAhead } from '@/lib/schemas/event';
import { log } from '@/lib/log';
import { timelineFacts } from '@/lib/projection/timeline';
import { unknownCourierWarnings } from './warnings';
import { updateWatchState } from './watch-state';

export type IngestResult = {
  accepted: number;
  stored: number;
  duplicates: number;
  tracking_ids: string[];
  warnings: WarningEntry[];
};

/**
 * The identity of an event: the same status at the same instant, place and wording is the same
 * event, whichever UTC offset it was written with and however often it is sent.
 */
export function eventDedupeKey(e: EventInput, eventTime: string): string {
  const identity = [
    e.event_status,
    eventTime,
    samePlace(e.location),
    e.event_details ?? null,
    e.raw_code ?? null,
    e.exception_type ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
}

/** A place by its known fields only, in one order: a field sent as null is a field not sent. */
function samePlace(location: EventInput['location']): Array<[string, string]> | null {
  if (!location) return null;
  const known = Object.entries(location)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return known.length ? known : null;
}

/** Recomputes the stored summary of a tracking from all of its checkpoints. */
export async function refreshTrackingSummary(trx: Trx, trackingId: number, now: Date) {
  const tracking = await trx
    .selectFrom('trackings')
    .select(['created_at'])
    .where('id', '=', trackingId)
    .executeTakeFirstOrThrow();
  const facts = timelineFacts(await loadCheckpointsForSummary(trx, trackingId), tracking.created_at, now);
  await updateTracking(trx, trackingId, {
    status_code: facts.last?.status_code ?? null,
    lifecycle_status: facts.lifecycle,
    last_event_at: facts.last?.event_time ?? null,
    first_scan_at: facts.firstScan?.event_time ?? null,
    delivered_at: facts.delivered?.event_time ?? null,
    updated_at: now.toISOString(),
  });
}

/**
 * POST /v4/track/events/: stores carrier events in one transaction. Unknown trackings (by courier
 * and number) are created without an order; duplicates are stored once; order does not matter.
 * An event dated more than 7 days after `now` is dropped with a warning (the API refuses such a
 * body before it gets here; a carrier's clock or parser is not trusted that far).
 */
export async function ingestEvents(
  db: Db,
  accountId: number,
  events: readonly EventInput[],
  options: {
    source: string;
    now?: Date;
    /** Where event `index` sits in the request body, for the `attr` of errors and warnings. */
    eventPath?: (index: number) => Array<string | number>;
  },
): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const eventPath = options.eventPath ?? ((index: number) => [index]);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const touched = new Map<number, { orderId: number | null }>();
    const referenced = new Set<string>();
    let stored = 0;
    let dropped = 0;
    for (const [index, event] of events.entries()) {
      if (isTooFarAhead(event.event_timestamp, now)) {
        dropped++;
        log.warn(
          {
            source: options.source,
            courier: event.courier,
            tracking_number: event.tracking_number,
            tracking_id: event.tracking_id,
            event_status: event.event_status,
            event_timestamp: event.event_timestamp,
          },
          'event dated more than 7 days ahead dropped',
        );
        continue;
      }
      let tracking: { id: number; orderId: number | null; publicId: string };
      if (event.tracking_id !== undefined) {
        const row = await findTrackingByPublicId(trx, event.tracking_id, accountId);
        if (!row) {
          throw new DomainError('invalid', 'No tracking of this account has this tracking_id.', {
            attr: formatPath([...eventPath(index), 'tracking_id']),
          });
        }
        tracking = { id: row.id, orderId: row.order_id, publicId: row.public_id };
      } else {
        tracking = await ensureTracking(trx, accountId, event.courier!, event.tracking_number!, at);
      }
      referenced.add(tracking.publicId);
      const eventTime = new Date(event.event_timestamp).toISOString();
      const inserted = await insertCheckpoint(trx, {
        tracking_id: tracking.id,
        status_code: event.event_status,
        event_timestamp: event.event_timestamp,
        event_time: eventTime,
        raw_code: event.raw_code ?? event.event_status,
        raw_text: event.raw_text ?? event.event_details ?? null,
        source: options.source,
        location: event.location ? JSON.stringify(event.location) : null,
        event_details: event.event_details ?? null,
        event_details_language: event.event_details ? (event.event_details_language ?? null) : null,
        delivery_location_type: event.delivery_location_type ?? null,
        delivery_extra_info: event.delivery_extra_info ?? null,
        exception_type: event.exception_type ?? null,
        estimated_delivery: event.estimated_delivery_date
          ? JSON.stringify(event.estimated_delivery_date)
          : null,
        pickup_location: event.pickup_location ? JSON.stringify(event.pickup_location) : null,
        next_action: event.next_action ?? null,
        is_hidden: event.is_hidden ? 1 : 0,
        dedupe_key: eventDedupeKey(event, eventTime),
        created_at: at,
      });
      if (inserted) {
        stored++;
        touched.set(tracking.id, { orderId: tracking.orderId });
      }
    }
    for (const trackingId of touched.keys()) await refreshTrackingSummary(trx, trackingId, now);
    await updateWatchState(trx, touched.keys(), now);
    const orderIds = [
      ...new Set([...touched.values()].map((t) => t.orderId).filter((id): id is number => id !== null)),
    ];
    await touchOrders(trx, orderIds, at);
    return {
      accepted: events.length - dropped,
      stored,
      duplicates: events.length - dropped - stored,
      tracking_ids: [...referenced],
      warnings: unknownCourierWarnings(
        events.flatMap((e, index) =>
          e.courier === undefined ? [] : [{ code: e.courier, path: [...eventPath(index), 'courier'] }],
        ),
      ),
    };
  });
}
