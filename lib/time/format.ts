// Dates and times as a language writes them, for lib/ texts (the projection, the widget). Components
// format with next-intl's formatter, which reads the request's locale.

const CALENDAR_DATE = /^\d{4}-\d\d-\d\d$/;
export const isCalendarDate = (value: string) => CALENDAR_DATE.test(value);
const TIME_OF_DAY = /^\d\d:\d\d$/;

// Building an Intl formatter costs far more than using one; keep them per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

const STYLES = {
  day: { weekday: 'long', day: 'numeric', month: 'long' },
  time: { timeStyle: 'short' },
  dayTime: { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

function formatter(locale: string, timeZone: string, style: keyof typeof STYLES) {
  const key = `${style}:${locale}:${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone });
    formatters.set(key, f);
  }
  return f;
}

// "10:00 ص", "AM 10:00", "10 ديسمبر": a number stays with the word beside it when a line wraps.
const unbroken = (text: string) => text.replace(/(?<=\d) (?=\p{L})|(?<=\p{L}) (?=\d)/gu, '\u00a0');

/** A calendar date and a wall-clock time as the instant that shows them in UTC. */
const wallInstant = (date: string, time = '12:00') => new Date(`${date}T${time.slice(0, 5)}:00Z`);

/**
 * "Sunday, November 29": the day of an instant in `timeZone`, or a calendar date (YYYY-MM-DD) as
 * it is — formatted at noon UTC, so no time zone moves it to another day.
 */
export function formatDay(value: string, locale: string, timeZone: string): string {
  if (isCalendarDate(value)) return formatter(locale, 'UTC', 'day').format(wallInstant(value));
  return formatter(locale, timeZone, 'day').format(new Date(value));
}

/** A wall-clock time ("13:30", "13:30:00") as the language writes times ("1:30 PM"). */
export function formatTimeOfDay(time: string, locale: string): string {
  const hhmm = time.slice(0, 5);
  if (!TIME_OF_DAY.test(hhmm)) return hhmm;
  return unbroken(formatter(locale, 'UTC', 'time').format(wallInstant('2026-01-01', hhmm)));
}

/**
 * Opening hours, a delivery window: "10:00 AM – 2:00 PM", "10:00–14:00 Uhr", "10時00分～14時00分",
 * with the language's own dash and spacing.
 */
export function formatTimeRange(from: string, to: string | null | undefined, locale: string): string {
  const [start, end] = [from.slice(0, 5), to?.slice(0, 5)];
  if (!end || !TIME_OF_DAY.test(start) || !TIME_OF_DAY.test(end) || end === start)
    return formatTimeOfDay(from, locale);
  // Hours past midnight (22:00–02:00): a range across two days would name both dates.
  if (end < start) return `${formatTimeOfDay(start, locale)} – ${formatTimeOfDay(end, locale)}`;
  return unbroken(
    formatter(locale, 'UTC', 'time').formatRange(
      wallInstant('2026-01-01', start),
      wallInstant('2026-01-01', end),
    ),
  );
}

/**
 * A delivery window of calendar days (YYYY-MM-DD) and wall-clock times, as the language writes a
 * range: "Thursday, December 10, 10:00 AM – 2:00 PM", "الخميس، 10 ديسمبر، 10:00 ص – 2:00 م".
 */
export function formatDayWindow(
  window: { startDay: string; endDay: string; from?: string | null; to?: string | null },
  locale: string,
): string {
  const { startDay, endDay, from, to } = window;
  if (!from || !TIME_OF_DAY.test(from.slice(0, 5))) {
    if (endDay === startDay) return unbroken(formatDay(startDay, locale, 'UTC'));
    return unbroken(formatter(locale, 'UTC', 'day').formatRange(wallInstant(startDay), wallInstant(endDay)));
  }
  const end = to && TIME_OF_DAY.test(to.slice(0, 5)) ? wallInstant(endDay, to) : null;
  const start = wallInstant(startDay, from);
  const f = formatter(locale, 'UTC', 'dayTime');
  return unbroken(end && end > start ? f.formatRange(start, end) : f.format(start));
}
