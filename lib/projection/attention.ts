import type { TrackingInfo } from './types';

/** Whether a parcel is drawn in the warning colour: an exception, a delay or a warning status. */
export function needsAttention(tracking: TrackingInfo): boolean {
  return (
    tracking.is_exception || tracking.is_delayed || tracking.last_delivery_status.icon_hint === 'warning'
  );
}
