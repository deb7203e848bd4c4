import type { StatusCode } from '@/lib/status/vocabulary';
import { wallClock } from '@/lib/time/wall-clock';
import { refundProcessedAt } from './refund';
import type { ActionBox, TrackingInfo } from './types';

// What the shopper page makes of one projected parcel: which journey it is on, how urgent it is,
// and the one notice its state gets. Worked out from the projected (already redacted) parcel only.

/**
 * The steps of a return: registered → handed in → on its way back → received by the shop →
 * refund processed. The last one only where the shop reports refunds (see returnSteps).
 */
export const RETURN_STEPS = [1, 2, 3, 4, 5] as const;
export type ReturnStep = (typeof RETURN_STEPS)[number];

/** Codes that only a parcel on its way to the shopper gets: a return label never sees them. */
const OUTBOUND_ONLY: ReadonlySet<StatusCode> = new Set([
  'OutForDelivery',
  'FailedAttemptFirst',
  'FailedAttemptSecond',
  'FailedAttemptFinal',
  'PickupReady',
  'ReturnWarning',
]);
const PRE_CARRIER: ReadonlySet<StatusCode> = new Set([
  'Pending',
  'OrderProcessed',
  'WarehousePrepared',
  'PickUpScheduled',
]);

export type ReturnJourney = {
  step: ReturnStep;
  /** The shopper's own return (a return label), not a parcel the courier sent back. */
  ownReturn: boolean;
  /** When the shop processed the refund (ISO 8601 date or date-time), where it said so. */
  refundedAt: string | null;
};

/** The steps a return shows: a refund step only once the shop reports one, so none is promised. */
export function returnSteps(journey: ReturnJourney): readonly ReturnStep[] {
  return journey.refundedAt ? RETURN_STEPS : RETURN_STEPS.slice(0, 4);
}

/**
 * Where a parcel on its way back to the shop is, or null for a parcel on its way to the shopper.
 * A parcel that the courier is about to send back (ReturnWarning) is still on its way out: the
 * shopper can collect it.
 */
export function returnJourney(tracking: TrackingInfo): ReturnJourney | null {
  if (!tracking.is_return) return null;
  const codes = [...tracking.checkpoints]
    .sort((a, b) => Date.parse(a.event_timestamp) - Date.parse(b.event_timestamp))
    .map((c) => c.status_code);
  const last = tracking.last_delivery_status.status_code;
  const ownReturn = !codes.some((code) => OUTBOUND_ONLY.has(code));
  let step: ReturnStep;
  if (ownReturn) {
    const scans = codes.filter((code) => !PRE_CARRIER.has(code)).length;
    step = last === 'ReturnProcessed' || last === 'Delivered' ? 4 : scans >= 2 ? 3 : scans === 1 ? 2 : 1;
  } else if (last === 'ReturnProcessed') step = 4;
  else if (last === 'Return') step = 3;
  else return null;
  const refundedAt = refundProcessedAt(tracking.additional_attributes);
  return { step: refundedAt ? 5 : step, ownReturn, refundedAt };
}

/** Before the courier has the parcel: the shop is still preparing it. */
function isNotShipped(tracking: TrackingInfo): boolean {
  const lifecycle = tracking.last_delivery_status.lifecycle_status;
  return (lifecycle === 'Pending' || lifecycle === 'InfoReceived') && returnJourney(tracking) === null;
}

/**
 * The order parcels are listed in, most urgent first: action needed → out for delivery → in
 * transit → not shipped → delivered → returns → replaced labels.
 */
export function urgencyRank(tracking: TrackingInfo, replaced: boolean): number {
  if (replaced) return 6;
  if (returnJourney(tracking)) return 5;
  switch (tracking.last_delivery_status.lifecycle_status) {
    case 'OutForDelivery':
      return 1;
    case 'InTransit':
      return 2;
    case 'Pending':
    case 'InfoReceived':
      return 3;
    case 'Delivered':
      return 4;
    default:
      // Waiting at a pickup point, a failed attempt, a problem, no news for weeks, about to go back.
      return 0;
  }
}

export type ParcelNotice = 'delayed' | 'exception' | 'replaced';

/** What a parcel's card shows of its state: one heading, at most one notice and one box. */
export type ParcelView = {
  /** Before the courier has the parcel: one line that the shop is preparing it, no box, no links. */
  notShipped: boolean;
  journey: ReturnJourney | null;
  /**
   * The action box, unless it would say nothing true: a replaced label has nothing to do, and a
   * delivery estimate that has passed is no estimate (the delay notice says so).
   */
  box: ActionBox | null;
  notice: ParcelNotice | null;
  /** The status's own explanation, unless the box says the same in its own words. */
  showsDetails: boolean;
};

export function parcelView(tracking: TrackingInfo, replaced: boolean, now: Date): ParcelView {
  const notShipped = isNotShipped(tracking);
  const journey = returnJourney(tracking);
  const today = wallClock(now, tracking.timezone ?? 'UTC').date;
  const action = tracking.action_box;
  const stale = action?.type === 'prediction' && (action.raw?.latest_date ?? today) < today;
  // A return label the courier has not scanned yet is not an order the shop is preparing.
  const outboundOnly = journey !== null && action?.type === 'order-processed';
  const box = replaced || notShipped || stale || outboundOnly ? null : action;
  return {
    notShipped,
    journey,
    box,
    notice: parcelNotice(tracking, replaced, box),
    // Before a carrier scan the status only says what notShipped or the return's step says better.
    showsDetails:
      box === null && !['Pending', 'InfoReceived'].includes(tracking.last_delivery_status.lifecycle_status),
  };
}

/**
 * The one notice a parcel's state gets, if any. Where the action box already says what happened
 * and what to do (a problem, a failed attempt, a pickup point that has the parcel, a return), a
 * notice beside it would only repeat it, or contradict it once the shop has a return back; a
 * pickup point that has the parcel is no longer late.
 */
function parcelNotice(tracking: TrackingInfo, replaced: boolean, box: ActionBox | null): ParcelNotice | null {
  if (replaced) return 'replaced';
  const lifecycle = tracking.last_delivery_status.lifecycle_status;
  if (box && box.type !== 'prediction') return null;
  if (lifecycle === 'Exception') return 'exception';
  if (tracking.is_delayed && ['InTransit', 'OutForDelivery', 'Pending', 'InfoReceived'].includes(lifecycle))
    return 'delayed';
  return null;
}
