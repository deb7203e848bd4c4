const MINUTE_MS = 60_000;

// Building an Intl formatter costs far more than using one, and the page renders this on every
// request: keep one per locale.
const formatters = new Map<string, Intl.RelativeTimeFormat>();

function formatterFor(locale: string): Intl.RelativeTimeFormat {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formatters.set(locale, formatter);
  }
  return formatter;
}

/**
 * "4 minutes ago", "5 hours ago", "yesterday", "2 days ago": in hours only within a day, since
 * "46 hours ago" makes the shopper do the arithmetic.
 */
export function relativeTime(iso: string, now: number, locale: string): string {
  const minutes = Math.round((Date.parse(iso) - now) / MINUTE_MS);
  const rtf = formatterFor(locale);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  if (Math.abs(minutes) < 24 * 60) return rtf.format(Math.round(minutes / 60), 'hour');
  return rtf.format(Math.round(minutes / 1440), 'day');
}
