import type { TrendingLateStatus } from '@/lib/status/vocabulary';

/** Fewer past deliveries than this say nothing about a lane. */
export const MIN_HISTORY = 10;
const AT_RISK = 0.75;
const LATE = 0.95;

export function transitHistoryKey(courier: string, destinationCountry: string | null) {
  return `${courier}:${destinationCountry ?? ''}`;
}

/**
 * How likely a parcel still in transit is to be late, from the account's own history.
 *
 * Method: the parcel has been with the courier for `elapsedMs` (first carrier scan → now). The
 * account's past deliveries for the same courier and destination country form an empirical
 * distribution of transit times. The probability is the share of those past parcels that had
 * already been delivered after the same elapsed time, i.e. the empirical CDF at `elapsedMs`.
 * If 95 % of comparable parcels would have arrived by now, this one is `late`; 75 % `at_risk`.
 * Without enough history there is nothing to compare against: `normal` with probability 0.
 */
export function trendingLate(
  elapsedMs: number | null,
  history: readonly number[] | undefined,
): { probability: number; status: TrendingLateStatus } {
  if (elapsedMs === null || !history || history.length < MIN_HISTORY) {
    return { probability: 0, status: 'normal' };
  }
  const arrived = history.filter((t) => t <= elapsedMs).length;
  const probability = Math.round((arrived / history.length) * 100) / 100;
  const status = probability >= LATE ? 'late' : probability >= AT_RISK ? 'at_risk' : 'normal';
  return { probability, status };
}
