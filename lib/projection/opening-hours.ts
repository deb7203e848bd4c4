import type { OpeningHoursEntry } from './types';

const WEEKDAY_INDEX: Record<string, OpeningHoursEntry['day']> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** Whether a pickup point is open at `now`, in its own time zone; null when the hours are unknown. */
export function isOpenAt(hours: readonly OpeningHoursEntry[], now: Date, timeZone: string): boolean | null {
  if (hours.length === 0) return null;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAY_INDEX[get('weekday')];
  const time = `${get('hour')}:${get('minute')}`;
  return hours.some((h) => h.day === day && h.open.slice(0, 5) <= time && time < h.close.slice(0, 5));
}
