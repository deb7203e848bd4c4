import type { CheckpointRow } from '@/lib/db/schema';
import {
  LIFECYCLE_BY_STATUS,
  type LifecycleStatus,
  PRE_CARRIER_STATUS_CODES,
  progressStepOf,
  type StatusCode,
  type Step,
  TERMINAL_STATUS_CODES,
} from '@/lib/status/vocabulary';

const DAY_MS = 86_400_000;
export const EXPIRED_AFTER_MS = 30 * DAY_MS;

/** Checkpoints in event order (UTC instant, then arrival), whatever order they were stored in. */
export function sortCheckpoints<T extends Pick<CheckpointRow, 'event_time' | 'id'>>(
  checkpoints: readonly T[],
) {
  return [...checkpoints].sort((a, b) =>
    a.event_time === b.event_time ? a.id - b.id : a.event_time < b.event_time ? -1 : 1,
  );
}

type TimelineInput = Pick<
  CheckpointRow,
  'id' | 'status_code' | 'event_time' | 'event_timestamp' | 'is_hidden' | 'delivery_location_type'
>;

/**
 * The facts of one tracking's timeline that both the projection and the stored tracking summary
 * need. Hidden checkpoints are kept for staff but never decide the status.
 */
export function timelineFacts<T extends TimelineInput>(
  checkpoints: readonly T[],
  createdAt: string,
  now: Date,
) {
  const visible = sortCheckpoints(checkpoints).filter((c) => !c.is_hidden);
  const last = visible.at(-1) ?? null;
  const statusCode: StatusCode = last?.status_code ?? 'Pending';
  const isTerminal = TERMINAL_STATUS_CODES.has(statusCode);
  const lastActivity = last?.event_time ?? createdAt;
  const expired = !isTerminal && now.getTime() - Date.parse(lastActivity) > EXPIRED_AFTER_MS;
  const lifecycle: LifecycleStatus = expired ? 'Expired' : LIFECYCLE_BY_STATUS[statusCode];

  // Exceptions, returns and expiry keep the step the parcel had reached.
  let step: Step = 1;
  for (let i = visible.length - 1; i >= 0; i--) {
    const s = progressStepOf(visible[i]!.status_code);
    if (s !== null) {
      step = s;
      break;
    }
  }

  const first = (predicate: (c: T) => boolean) => visible.find(predicate) ?? null;
  const lifecycleOf = (c: T) => LIFECYCLE_BY_STATUS[c.status_code];
  const firstScan = first(
    (c) =>
      !PRE_CARRIER_STATUS_CODES.has(c.status_code) && !['Exception', 'Returned'].includes(lifecycleOf(c)),
  );
  const delivered = first((c) => c.status_code === 'Delivered');
  return {
    visible,
    last,
    statusCode,
    lifecycle,
    step,
    isTerminal,
    firstScan,
    delivered,
    inTransit: first((c) => lifecycleOf(c) === 'InTransit' && c.status_code !== 'InboundScan'),
    pickupReady: first((c) => c.status_code === 'PickupReady'),
    returned: first((c) => c.status_code === 'Return' || c.status_code === 'ReturnProcessed'),
    hasFailedAttempt: visible.some((c) => lifecycleOf(c) === 'FailedAttempt'),
  };
}
export type TimelineFacts<T extends TimelineInput = CheckpointRow> = ReturnType<typeof timelineFacts<T>>;
