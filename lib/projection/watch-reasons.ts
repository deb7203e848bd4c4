import type { OrderRow } from '@/lib/db/schema';
import { LIFECYCLE_BY_STATUS, type WatchReason } from '@/lib/status/vocabulary';
import { offsetAtWallClock } from '@/lib/time/wall-clock';
import type { TrackingFacts } from './facts';
import { EXPIRED_AFTER_MS } from './timeline';
import { MIN_HISTORY, trendingLate } from './trending-late';

// Why a parcel is on the staff watchlist, taken from the facts the projection works out for the
// shopper and the API, so that a parcel is "delayed" on the watchlist exactly when the order
// page says so. The watchlist lists what still needs attention: flags that stay true after the
// parcel arrived (a late first scan, a failed attempt, a broken promise) leave it on delivery.

const DAY_MS = 86_400_000;
const FORGOTTEN_AFTER_MS = 3 * DAY_MS;
const DISPATCH_WITHIN_MS = 2 * DAY_MS;
/**
 * The transit history of a lane moves with every delivery, so a parcel under way is looked at
 * again at least this often, whether or not a threshold of its own comes up.
 */
const RECHECK_MS = DAY_MS;

export type WatchState = {
  reasons: Array<{ reason: WatchReason; since: string }>;
  /** The next instant at which time alone may change `reasons`; null if only an event can. */
  dueAt: string | null;
};

/** The instant the calendar day after `date` begins in `timeZone` (when `date < today` turns true). */
function dayAfterBegins(date: string, timeZone: string): number | null {
  const start = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(start)) return null;
  const next = new Date(start + DAY_MS).toISOString().slice(0, 10);
  const offset = offsetAtWallClock(`${next}T00:00`, timeZone) ?? '+00:00';
  return Date.parse(`${next}T00:00:00${offset}`);
}

const thresholds = new WeakMap<readonly number[], number | null>();

/**
 * The shortest time with the courier at which `trendingLate` stops calling a parcel `normal`.
 * The estimate grows with the elapsed time, so a binary search over the past transit times finds it.
 */
export function trendingLateAfterMs(history: readonly number[] | undefined): number | null {
  if (!history || history.length < MIN_HISTORY) return null;
  const cached = thresholds.get(history);
  if (cached !== undefined) return cached;
  const sorted = [...history].sort((a, b) => a - b);
  let lo = 0;
  let hi = sorted.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (trendingLate(sorted[mid]!, history).status !== 'normal') {
      found = sorted[mid]!;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  thresholds.set(history, found);
  return found;
}

/** The watchlist reasons of one tracking at `now`, and when to look again. */
export function watchState(
  facts: TrackingFacts,
  order: OrderRow | null,
  history: readonly number[] | undefined,
  now: Date,
): WatchState {
  const { tracking, timeline, reportingFlags: flags } = facts;
  const nowMs = now.getTime();
  const timeZone = facts.timeZone ?? 'UTC';
  const active = !timeline.isTerminal && !flags.is_returned;
  const createdMs = Date.parse(tracking.created_at);
  const orderDateMs = order?.order_date ? Date.parse(order.order_date) : null;
  const firstScanMs = timeline.firstScan ? Date.parse(timeline.firstScan.event_time) : null;
  const announced = tracking.announced_delivery_date;
  const estimateEnd = facts.prediction?.source === 'carrier' ? facts.prediction.raw.latest_date : null;
  const trendAfter = trendingLateAfterMs(history);

  const reasons: WatchState['reasons'] = [];
  const add = (reason: WatchReason, sinceMs: number | null) =>
    reasons.push({ reason, since: new Date(sinceMs ?? nowMs).toISOString() });

  if (flags.is_forgotten) add('forgotten', createdMs + FORGOTTEN_AFTER_MS);
  if (active && firstScanMs === null && flags.is_delayed_dispatch && orderDateMs !== null)
    add('delayed_dispatch', orderDateMs + DISPATCH_WITHIN_MS);
  if (active && flags.has_failed_attempt) {
    const attempt = timeline.visible.find((c) => LIFECYCLE_BY_STATUS[c.status_code] === 'FailedAttempt');
    add('failed_attempt', attempt ? Date.parse(attempt.event_time) : null);
  }
  if (facts.isException) add('exception', timeline.last ? Date.parse(timeline.last.event_time) : null);
  if (flags.is_delayed) {
    const passed = [announced, estimateEnd]
      .filter((date): date is string => date !== null)
      .map((date) => dayAfterBegins(date, timeZone))
      .filter((ms): ms is number => ms !== null && ms <= nowMs);
    add('delayed', passed.length ? Math.min(...passed) : null);
  }
  if (flags.trending_late_status !== 'normal')
    add('trending_late', firstScanMs !== null && trendAfter !== null ? firstScanMs + trendAfter : null);
  if (active && flags.is_customer_promise_exceeded)
    add('customer_promise_exceeded', announced ? dayAfterBegins(announced, timeZone) : null);

  // Every instant at which a condition above can turn by time alone; an early or extra one only
  // costs a recomputation, a missing one would leave a parcel off the list.
  const candidates: Array<number | null> = [];
  // The projection's thresholds are strict (more than three days): true a millisecond after.
  if (firstScanMs === null) {
    candidates.push(createdMs + FORGOTTEN_AFTER_MS + 1);
    if (orderDateMs !== null) candidates.push(orderDateMs + DISPATCH_WITHIN_MS + 1);
  }
  if (active) {
    if (announced) candidates.push(dayAfterBegins(announced, timeZone));
    if (estimateEnd) candidates.push(dayAfterBegins(estimateEnd, timeZone));
    if (firstScanMs !== null) {
      if (trendAfter !== null) candidates.push(firstScanMs + trendAfter);
      candidates.push(nowMs + RECHECK_MS);
    }
  }
  if (!timeline.isTerminal) {
    // An exception nobody follows up turns into Expired and leaves the exception list.
    const lastActivity = Date.parse(timeline.last?.event_time ?? tracking.created_at);
    candidates.push(lastActivity + EXPIRED_AFTER_MS + 1);
  }
  const future = candidates.filter((ms): ms is number => ms !== null && Number.isFinite(ms) && ms > nowMs);
  return {
    reasons,
    dueAt: future.length ? new Date(Math.min(...future)).toISOString() : null,
  };
}
