import { returnJourney } from './parcel-state';
import type { OrderInfo, TrackingInfo } from './types';

/**
 * A cancelled label in an order that still has another parcel: the shop voided it and shipped
 * a replacement, so for the shopper it is history, not a problem with the order.
 */
export function isReplacedLabel(tracking: TrackingInfo, info: OrderInfo): boolean {
  return (
    tracking.last_delivery_status.status_code === 'Cancelled' &&
    info.trackings.some((other) => other.last_delivery_status.status_code !== 'Cancelled')
  );
}

/** The parcels a shopper waits for: all but replaced labels (all of them if every one was cancelled). */
export function liveTrackings(info: OrderInfo): TrackingInfo[] {
  return info.trackings.filter((tracking) => !isReplacedLabel(tracking, info));
}

/**
 * "N of M parcels delivered", counted over the parcels a shopper waits for: a parcel on its way
 * back to the shop is not one of them.
 */
export function deliveredCount(info: OrderInfo): { delivered: number; total: number } {
  const live = liveTrackings(info).filter((tracking) => returnJourney(tracking) === null);
  return {
    delivered: live.filter((tr) => tr.last_delivery_status.lifecycle_status === 'Delivered').length,
    total: live.length,
  };
}
