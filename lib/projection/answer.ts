import type { DeliveryLocationType, NextAction } from '@/lib/status/vocabulary';
import { wallClock } from '@/lib/time/wall-clock';
import { orderPageParts } from './order-page';
import { type ReturnJourney, returnJourney } from './parcel-state';
import type { OrderInfo, OrderPageExtras, TrackingInfo } from './types';

// The answer a shopper opens the page for, "when and where", as facts: the page puts it in words
// above the parcels. Worked out from the projected order, so it shows only what the access level
// lets through (at `limited` a pickup point is its name and city, the directions too).

/** A delivery window: calendar days in the parcel's time zone, times of day where known. */
export type Window = { start: string; end: string; from: string | null; to: string | null };

export type Answer =
  | ({ kind: 'arriving'; day: 'today' | 'tomorrow' | 'later' } & Window)
  | { kind: 'underway' }
  | { kind: 'delayed' }
  | { kind: 'pickup'; place: string | null; until: string | null; directionsUrl: string | null }
  | { kind: 'held'; place: string | null; until: string }
  | { kind: 'action'; action: NextAction }
  | { kind: 'delivered'; at: string; to: DeliveryLocationType | null; detail: string | null }
  | { kind: 'preparing'; expected: Window | null }
  | ({ kind: 'return' } & ReturnJourney);

export type OrderAnswer = Answer & { timeZone: string };

/** A maps search for an address: a link only, so the page fetches no map tiles. */
export function directionsUrl(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where the newest delivery left the parcel, as the courier reported it. */
export function deliveredTo(tracking: TrackingInfo): DeliveryLocationType | null {
  const delivered = tracking.checkpoints
    .filter((c) => c.status_code === 'Delivered')
    .sort((a, b) => Date.parse(b.event_timestamp) - Date.parse(a.event_timestamp))[0];
  return delivered?.delivery_location_type ?? null;
}

/** Before shipping: the courier's first estimate, else the date the shop announced; none once past. */
function expectedWindow(tracking: TrackingInfo, today: string): Window | null {
  const estimate = [...tracking.checkpoints]
    .sort((a, b) => Date.parse(b.event_timestamp) - Date.parse(a.event_timestamp))
    .find((c) => c.estimated_delivery_date?.start_date)?.estimated_delivery_date;
  const window: Window | null = estimate?.start_date
    ? {
        start: estimate.start_date,
        end: estimate.end_date ?? estimate.start_date,
        from: estimate.start_time,
        to: estimate.end_time,
      }
    : tracking.announced_delivery_date
      ? {
          start: tracking.announced_delivery_date_min ?? tracking.announced_delivery_date,
          end: tracking.announced_delivery_date,
          from: null,
          to: null,
        }
      : null;
  return window && window.end >= today ? window : null;
}

function parcelAnswer(
  tracking: TrackingInfo,
  hold: OrderPageExtras['trackings'][number] | undefined,
  now: Date,
): Answer {
  const journey = returnJourney(tracking);
  if (journey) return { kind: 'return', ...journey };
  const status = tracking.last_delivery_status;
  const today = wallClock(now, tracking.timezone ?? 'UTC').date;
  const box = tracking.action_box;
  switch (status.lifecycle_status) {
    case 'Pending':
    case 'InfoReceived':
      return { kind: 'preparing', expected: expectedWindow(tracking, today) };
    case 'InTransit':
    case 'OutForDelivery': {
      const raw = box?.type === 'prediction' ? box.raw : null;
      const start = raw?.earliest_date ?? raw?.latest_date;
      const end = raw?.latest_date ?? start;
      if (!raw || !start || !end || end < today)
        return { kind: tracking.is_delayed ? 'delayed' : 'underway' };
      const day =
        start === end && start === today
          ? 'today'
          : start === end && start === addDays(today, 1)
            ? 'tomorrow'
            : 'later';
      return {
        kind: 'arriving',
        day,
        start: start < today ? today : start,
        end,
        from: raw.has_time ? raw.earliest_time : null,
        to: raw.has_time ? raw.latest_time : null,
      };
    }
    case 'AvailableForPickup':
      return {
        kind: 'pickup',
        place: hold?.held_at ?? null,
        until: hold?.held_until ?? null,
        directionsUrl: box?.type === 'pickup-location' && box.address ? directionsUrl(box.address) : null,
      };
    case 'FailedAttempt':
      return hold?.held_until
        ? { kind: 'held', place: hold.held_at, until: hold.held_until }
        : { kind: 'action', action: status.next_action };
    case 'Delivered':
      return {
        kind: 'delivered',
        at: tracking.reporting_info.delivery_date ?? status.event_timestamp ?? now.toISOString(),
        to: deliveredTo(tracking),
        detail: status.delivery_extra_info,
      };
    case 'Expired':
      return { kind: 'action', action: 'contact_merchant' };
    default:
      return { kind: 'action', action: status.next_action };
  }
}

/**
 * The order's answer: that of its most urgent parcel. Once that one is delivered, a return is the
 * newer news.
 */
export function orderAnswer(info: OrderInfo, extras: OrderPageExtras, now: Date): OrderAnswer {
  const { parcels } = orderPageParts(info);
  const first = parcels[0];
  if (!first) return { kind: 'preparing', expected: null, timeZone: 'UTC' };
  const aReturn = parcels.find(({ tracking }) => returnJourney(tracking) !== null);
  const chosen =
    first.tracking.last_delivery_status.lifecycle_status === 'Delivered' && aReturn ? aReturn : first;
  const hold = extras.trackings[info.trackings.indexOf(chosen.tracking)];
  return { ...parcelAnswer(chosen.tracking, hold, now), timeZone: chosen.tracking.timezone ?? 'UTC' };
}
