import { headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { resolveLocale } from './locales';
import { MESSAGES } from './messages';

/** The `lang` query parameter arrives as a header set by proxy.ts (there is no [locale] segment). */
export const LANG_HEADER = 'x-portal-lang';

export default getRequestConfig(async () => {
  const locale = resolveLocale((await headers()).get(LANG_HEADER));
  return { locale, messages: MESSAGES[locale] };
});
