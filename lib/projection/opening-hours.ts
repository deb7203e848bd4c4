import { WEEKDAYS, type Weekday } from '@/lib/status/vocabulary';
import { wallClock } from '@/lib/time/wall-clock';
import type { OpeningHoursEntry } from './types';

/** Whether a pickup point is open at `now`, in its own time zone; null when the hours are unknown. */
export function isOpenAt(hours: readonly OpeningHoursEntry[], now: Date, timeZone: string): boolean | null {
  if (hours.length === 0) return null;
  const { weekday, time } = wallClock(now, timeZone);
  const minute = time.slice(0, 5);
  return hours.some((h) => h.day === weekday && h.open.slice(0, 5) <= minute && minute < h.close.slice(0, 5));
}

export type DaySchedule = { day: Weekday; hours: { open: string; close: string }[] };

/**
 * All seven days from Monday, each with its opening times in order; a day without any is closed.
 * A shopper reading a list without Sunday cannot tell "closed" from "unknown".
 */
export function weekSchedule(hours: readonly OpeningHoursEntry[]): DaySchedule[] {
  return WEEKDAYS.map((day) => ({
    day,
    hours: hours
      .filter((h) => h.day === day)
      .map(({ open, close }) => ({ open, close }))
      .sort((a, b) => a.open.localeCompare(b.open)),
  }));
}
