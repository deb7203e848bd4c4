import { deliveredCount, liveTrackings } from './replaced-labels';
import { statusFingerprint } from './status-fingerprint';
import type { OrderInfo, TrackingInfo } from './types';

/** What the order page hands its parts (parcel cards, freshness), built from the projected order only. */
export type OrderPageParts = {
  /** The parcels the shopper waits for first; a cancelled and replaced label is only history. */
  parcels: { tracking: TrackingInfo; replaced: boolean }[];
  /** Of the parcels the shopper waits for: how many arrived, out of how many. */
  delivered: number;
  awaited: number;
  /** The newest event of any parcel. */
  lastEventAt: string | null;
  fingerprint: string;
};

export function orderPageParts(info: OrderInfo): OrderPageParts {
  const live = liveTrackings(info);
  const { delivered, total } = deliveredCount(info);
  const replaced = info.trackings.filter((tracking) => !live.includes(tracking));
  return {
    parcels: [
      ...live.map((tracking) => ({ tracking, replaced: false })),
      ...replaced.map((tracking) => ({ tracking, replaced: true })),
    ],
    delivered,
    awaited: total,
    lastEventAt:
      info.trackings
        .map((tr) => tr.last_delivery_status.event_timestamp)
        .filter((ts): ts is string => ts !== null)
        .sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null,
    fingerprint: statusFingerprint(info),
  };
}
