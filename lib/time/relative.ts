const MINUTE_MS = 60_000;

/**
 * "4 minutes ago", "5 hours ago", "yesterday", "2 days ago": in hours only within a day, since
 * "46 hours ago" makes the shopper do the arithmetic.
 */
export function relativeTime(iso: string, now: number, locale: string): string {
  const minutes = Math.round((Date.parse(iso) - now) / MINUTE_MS);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  if (Math.abs(minutes) < 24 * 60) return rtf.format(Math.round(minutes / 60), 'hour');
  return rtf.format(Math.round(minutes / 1440), 'day');
}
