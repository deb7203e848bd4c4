import { headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LANG_HEADER, resolveLocale } from './locales';
import { MESSAGES } from './messages';

export default getRequestConfig(async () => {
  const locale = resolveLocale((await headers()).get(LANG_HEADER));
  return { locale, messages: MESSAGES[locale] };
});
