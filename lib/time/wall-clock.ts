// What a clock on the wall shows at an instant in a time zone, and that zone's UTC offset then.
// Pure and cached per zone: building an Intl formatter costs far more than using one.
import { isCalendarDate } from './format';

export type WallClock = {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS, 00–23 */
  time: string;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  /** +01:00 */
  offset: string;
  offsetMinutes: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClock(instant: Date | number | string, timeZone: string): WallClock {
  const date = instant instanceof Date ? instant : new Date(instant);
  const parts = formatterFor(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // 'longOffset' renders "GMT+01:00", and plain "GMT" when the offset is zero.
  const gmt = part('timeZoneName');
  const offset = gmt === 'GMT' ? '+00:00' : gmt.slice(3);
  const [, sign, hours, minutes] = /^([+-])(\d\d):(\d\d)$/.exec(offset) ?? ['', '+', '00', '00'];
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
    weekday: part('weekday').toLowerCase() as WallClock['weekday'],
    offset,
    offsetMinutes: (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)),
  };
}

const LOCAL_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?$/;
const DAY_MS = 86_400_000;

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The UTC offset that a wall-clock time without one (`2026-11-30T14:05:00`) has in a time zone,
 * as `+01:00`; null when the text is no such time or the zone is unknown. Around a DST switch
 * it reads as iCalendar (RFC 5545) and Temporal's "compatible" do: a time the switch repeats is
 * the earlier one; a time it skips keeps the offset from before the switch, so Berlin's
 * `2026-03-29T02:30` is `+01:00`, the instant the clocks there call 03:30 summer time.
 */
export function offsetAtWallClock(local: string, timeZone: string): string | null {
  const m = LOCAL_TIME.exec(local);
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  const wall = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6));
  // Date.UTC rolls 31 February over into March and 24:00 into tomorrow: such a text is no time.
  const exact = new Date(wall).toISOString().slice(0, 19);
  if (exact !== `${local.slice(0, 16)}:${String(n(6)).padStart(2, '0')}`) return null;
  const offsetAt = (instant: number) => wallClock(instant, timeZone).offsetMinutes;
  let before: number;
  let after: number;
  try {
    // No zone switches twice within two days: the offsets a day either side are the candidates.
    before = offsetAt(wall - DAY_MS);
    after = offsetAt(wall + DAY_MS);
  } catch {
    return null; // Intl's RangeError for a zone it does not know
  }
  const fits = (offset: number) => offsetAt(wall - offset * 60_000) === offset;
  if (fits(before)) return formatOffset(before);
  if (fits(after)) return formatOffset(after);
  return formatOffset(before);
}

/**
 * The calendar day a carrier's date stands for: a date (YYYY-MM-DD) as it is, an instant as the day
 * it is in `timeZone`, where the parcel is.
 */
export function calendarDay(value: string, timeZone: string): string {
  return isCalendarDate(value) ? value : wallClock(value, timeZone).date;
}
