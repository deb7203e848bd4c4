// Dates and times as a language writes them, for lib/ texts (the projection, the widget). Components
// format with next-intl's formatter, which reads the request's locale.

const CALENDAR_DATE = /^\d{4}-\d\d-\d\d$/;
const TIME_OF_DAY = /^\d\d:\d\d$/;

// Building an Intl formatter costs far more than using one; keep them per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, style: 'day' | 'time') {
  const key = `${style}:${locale}:${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      style === 'day'
        ? { weekday: 'long', day: 'numeric', month: 'long', timeZone }
        : { timeStyle: 'short', timeZone },
    );
    formatters.set(key, f);
  }
  return f;
}

/**
 * "Sunday, November 29": the day of an instant in `timeZone`, or a calendar date (YYYY-MM-DD) as
 * it is — formatted at noon UTC, so no time zone moves it to another day.
 */
export function formatDay(value: string, locale: string, timeZone: string): string {
  if (CALENDAR_DATE.test(value))
    return formatter(locale, 'UTC', 'day').format(new Date(`${value}T12:00:00Z`));
  return formatter(locale, timeZone, 'day').format(new Date(value));
}

/** A wall-clock time ("13:30", "13:30:00") as the language writes times ("1:30 PM"). */
export function formatTimeOfDay(time: string, locale: string): string {
  const hhmm = time.slice(0, 5);
  if (!TIME_OF_DAY.test(hhmm)) return hhmm;
  return formatter(locale, 'UTC', 'time').format(new Date(`2026-01-01T${hhmm}:00Z`));
}
