import { urgencyRank } from './parcel-state';
import { deliveredCount, liveTrackings } from './replaced-labels';
import { statusFingerprint } from './status-fingerprint';
import type { OrderInfo, TrackingInfo } from './types';

/** What the order page hands its parts (parcel cards, freshness), built from the projected order only. */
export type OrderPageParts = {
  /**
   * Most urgent first (see urgencyRank); a cancelled and replaced label is only history. Where
   * the order has several parcels, delivered ones and replaced labels start collapsed.
   */
  parcels: { tracking: TrackingInfo; replaced: boolean; collapsed: boolean }[];
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
  const several = info.trackings.length > 1;
  return {
    parcels: info.trackings
      .map((tracking, position) => {
        const replaced = !live.includes(tracking);
        const rank = urgencyRank(tracking, replaced);
        return { tracking, replaced, collapsed: several && (rank === 4 || rank === 6), rank, position };
      })
      .sort((a, b) => a.rank - b.rank || a.position - b.position)
      .map(({ tracking, replaced, collapsed }) => ({ tracking, replaced, collapsed })),
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
