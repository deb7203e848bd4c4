import type { OrderInfo } from './types';

/** What the page compares to notice a new status: each tracking's newest event. */
export function statusFingerprint(info: Pick<OrderInfo, 'trackings'>): string {
  return info.trackings
    .map(
      (t) =>
        `${t.tracking_id}:${t.last_delivery_status.status_code}:${t.last_delivery_status.event_timestamp}`,
    )
    .join('|');
}
