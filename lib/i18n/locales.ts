import { weightedList } from '@/lib/weighted-list';

// Languages with complete messages. Add a language by adding messages/<code>.json, its code here
// and its own name in LANGUAGE_NAMES.
export const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'da',
  'sv',
  'nb',
  'fi',
  'pt',
  'pl',
  'ro',
  'cs',
  'sl',
  'hr',
  'bg',
  'sk',
  'hu',
  'el',
  'et',
  'lt',
  'lv',
  'ru',
  'tr',
  'ca',
  'eu',
  'gl',
  'zh',
  'zh-TW',
  'ja',
  'ko',
  'ar',
  'he',
] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Right-to-left scripts, for `<html dir>` and the widget. */
export const RTL_LOCALES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

/** Each language's name in itself, for the language switcher. */
const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  ar: 'العربية',
  bg: 'Български',
  ca: 'Català',
  cs: 'Čeština',
  da: 'Dansk',
  de: 'Deutsch',
  el: 'Ελληνικά',
  en: 'English',
  es: 'Español',
  et: 'Eesti',
  eu: 'Euskara',
  fi: 'Suomi',
  fr: 'Français',
  gl: 'Galego',
  he: 'עברית',
  hr: 'Hrvatski',
  hu: 'Magyar',
  it: 'Italiano',
  ja: '日本語',
  ko: '한국어',
  lt: 'Lietuvių',
  lv: 'Latviešu',
  nb: 'Norsk bokmål',
  nl: 'Nederlands',
  pl: 'Polski',
  pt: 'Português',
  ro: 'Română',
  ru: 'Русский',
  sk: 'Slovenčina',
  sl: 'Slovenščina',
  sv: 'Svenska',
  tr: 'Türkçe',
  zh: '简体中文',
  'zh-TW': '繁體中文',
};

export const localeName = (locale: Locale): string => LANGUAGE_NAMES[locale];

/** The languages as the switcher lists them: by their own names, Latin script first. */
const byName = new Intl.Collator('en');
export const LOCALES_BY_NAME: readonly Locale[] = [...LOCALES].sort((a, b) =>
  byName.compare(localeName(a), localeName(b)),
);

const SUPPORTED: ReadonlySet<string> = new Set(LOCALES);

/**
 * The supported language a tag asks for, else null: `de`, `de-AT`, `de_DE`, `DE` → `de`;
 * Chinese by script (`zh-Hant`, `zh-TW`, `zh-HK` → `zh-TW`; `zh`, `zh-CN`, `zh-SG` → `zh`);
 * Norwegian `no`, `nn` → `nb`; the old code `iw` → `he`.
 */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  if (SUPPORTED.has(tag)) return tag as Locale;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.trim().replaceAll('_', '-'));
  } catch {
    return null;
  }
  const language = locale.language === 'no' || locale.language === 'nn' ? 'nb' : locale.language;
  const code = language === 'zh' && locale.maximize().script === 'Hant' ? 'zh-TW' : language;
  return SUPPORTED.has(code) ? (code as Locale) : null;
}

/** SPEC §2 fallback chain: requested language → the order's or tracking's language → English. */
export function resolveLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const locale = supportedLocale(candidate);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

// A browser sends a handful; a longer header is a client's, not a shopper's.
const MAX_ACCEPTED = 20;

/**
 * The supported language a browser's Accept-Language prefers (`fr-CH, de;q=0.8, *;q=0.1`), by
 * weight and then by order, else null.
 */
export function preferredLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  for (const tag of weightedList(acceptLanguage, MAX_ACCEPTED)) {
    const locale = tag === '*' ? null : supportedLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/** The `lang` query parameter reaches next-intl as this header, set by proxy.ts (no [locale] segment). */
export const LANG_HEADER = 'x-portal-lang';
/** What the browser's Accept-Language asks for, set by proxy.ts: below the order's own language. */
export const ACCEPT_LANG_HEADER = 'x-portal-accept-lang';
/** The language a shopper chose in the switcher, remembered for later visits. */
export const LANG_COOKIE = 'lang';
