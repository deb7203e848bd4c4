import 'server-only';
import type { StatusCode } from '@/lib/status/vocabulary';
import type { CarrierAdapter, CarrierEvent, CarrierTracking, EstimatedDelivery, KnownState } from './types';

// What every adapter does around its carrier's own format.

/** The carrier does not know the number (yet): normal right after a label is created. */
export function notFound(trackingNumber: string): CarrierTracking {
  return { trackingNumber, found: false, events: [] };
}

/**
 * A tracking the carrier knows. Its failed attempts are numbered and the shipment's estimate goes
 * on its newest event (null there when the carrier no longer gives one).
 */
export function found(
  trackingNumber: string,
  events: CarrierEvent[],
  estimate: EstimatedDelivery | null,
): CarrierTracking {
  numberFailedAttempts(events);
  const newest = newestEvent(events);
  if (newest) newest.estimated_delivery = estimate;
  return { trackingNumber, found: true, events };
}

/** For carriers that take one number per call: every number asked in parallel. */
export function onePerCall(
  fetchOne: (trackingNumber: string, signal: AbortSignal, known?: KnownState) => Promise<CarrierTracking>,
): CarrierAdapter['fetchTrackings'] {
  return (trackingNumbers, signal, known) =>
    Promise.all(trackingNumbers.map((tn) => fetchOne(tn, signal, known?.get(tn))));
}

// Which attempt a mapped status claims to be. FailedAttemptFirst also stands for "an attempt" from
// carriers that do not number theirs.
const STATED_ATTEMPT: Partial<Record<StatusCode, number>> = {
  FailedAttemptFirst: 1,
  FailedAttemptSecond: 2,
  FailedAttemptFinal: 3,
};

/**
 * One rule for every carrier. Failed attempts are counted in time order; attempt events in a row
 * (a notice, then a rescheduling, with no new delivery round between) are one attempt. The first
 * attempt is FailedAttemptFirst and every later one FailedAttemptSecond, or the carrier's own
 * number where it states a higher one. FailedAttemptFinal stays only where the carrier says it
 * will not try again: it tells the shopper to stop waiting, which a count cannot know.
 */
function numberFailedAttempts(events: CarrierEvent[]): void {
  let attempt = 0;
  let inAttempt = false;
  for (const event of [...events].sort(byTime)) {
    const stated = STATED_ATTEMPT[event.status_code];
    if (stated === undefined) {
      inAttempt = false;
      continue;
    }
    attempt = Math.max(inAttempt ? attempt : attempt + 1, stated);
    inAttempt = true;
    if (event.status_code !== 'FailedAttemptFinal')
      event.status_code = attempt === 1 ? 'FailedAttemptFirst' : 'FailedAttemptSecond';
  }
}

const byTime = (a: CarrierEvent, b: CarrierEvent) =>
  Date.parse(a.event_timestamp) - Date.parse(b.event_timestamp);

/** The latest event by its instant, whatever order the carrier listed them in. */
function newestEvent(events: readonly CarrierEvent[]): CarrierEvent | null {
  return events.reduce<CarrierEvent | null>(
    (a, e) => (!a || Date.parse(e.event_timestamp) > Date.parse(a.event_timestamp) ? e : a),
    null,
  );
}
