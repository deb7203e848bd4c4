import { headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { SERVER_TIME_ZONE } from './formatter';
import { LANG_HEADER, resolveLocale } from './locales';
import { MESSAGES } from './messages';

// Pages read the request's locale from here (getLocale); they translate and format with the
// per-process translators and formatters of translations.ts and formatter.ts.
export default getRequestConfig(async () => {
  const locale = resolveLocale((await headers()).get(LANG_HEADER));
  return { locale, messages: MESSAGES[locale], timeZone: SERVER_TIME_ZONE };
});
