import { headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { SERVER_TIME_ZONE } from './formatter';
import { ACCEPT_LANG_HEADER, LANG_HEADER, resolveLocale } from './locales';
import { messagesOf } from './messages';

// Pages read the request's locale from here (getLocale): the language asked for (`lang`, else the
// shopper's earlier choice), else the browser's; the order page puts the order's own language
// between the two (app/track/page.tsx). They translate and format with the per-process translators
// and formatters of translations.ts and formatter.ts.
export default getRequestConfig(async () => {
  const requestHeaders = await headers();
  const locale = resolveLocale(requestHeaders.get(LANG_HEADER), requestHeaders.get(ACCEPT_LANG_HEADER));
  return { locale, messages: messagesOf(locale), timeZone: SERVER_TIME_ZONE };
});
