import { createFormatter } from 'use-intl/core';
import { perProcess } from '@/lib/process-state';

type Formatter = ReturnType<typeof createFormatter>;

/** The server's own zone, next-intl's default (which it would otherwise look up per request). */
export const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

// next-intl's getFormatter builds its Intl formatters anew for every request, and building an
// Intl.DateTimeFormat costs far more than using one. A formatter keeps the Intl formatters it
// built, and they depend only on the locale and the options: one per locale serves the process.
const formatters = () => perProcess('i18n.formatters', () => new Map<string, Formatter>());

/** next-intl's formatter (`format.dateTime`, `format.number`, `format.list`) for `locale`. */
export function formatterFor(locale: string): Formatter {
  let format = formatters().get(locale);
  if (!format) {
    format = createFormatter({ locale, timeZone: SERVER_TIME_ZONE });
    formatters().set(locale, format);
  }
  return format;
}
