import { wallClock } from '@/lib/time/wall-clock';
import type { OpeningHoursEntry } from './types';

/** Whether a pickup point is open at `now`, in its own time zone; null when the hours are unknown. */
export function isOpenAt(hours: readonly OpeningHoursEntry[], now: Date, timeZone: string): boolean | null {
  if (hours.length === 0) return null;
  const { weekday, time } = wallClock(now, timeZone);
  const minute = time.slice(0, 5);
  return hours.some((h) => h.day === weekday && h.open.slice(0, 5) <= minute && minute < h.close.slice(0, 5));
}
