import { headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { _createCache } from 'use-intl/core';
import { perProcess } from '@/lib/process-state';
import { SERVER_TIME_ZONE } from './formatter';
import { LANG_HEADER, resolveLocale } from './locales';
import { MESSAGES } from './messages';

// next-intl starts every request with empty caches, so each page parsed every message it shows
// anew (ICU parsing and locale negotiation were a tenth of the order page's server time). The
// parsed messages depend only on the message, locale and formats, all fixed per process, so one
// cache serves every request; it holds at most each message once per locale.
const messageCache = () => perProcess('i18n.messageFormats', _createCache);

export default getRequestConfig(async () => {
  const locale = resolveLocale((await headers()).get(LANG_HEADER));
  return {
    locale,
    messages: MESSAGES[locale],
    timeZone: SERVER_TIME_ZONE,
    // Handed through to each translator (use-intl's createTranslator option).
    ...({ _cache: messageCache() } as object),
  };
});
