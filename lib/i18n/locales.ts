// Languages with complete messages. Add a language by adding messages/<code>.json and its code here.
export const LOCALES = ['en', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Right-to-left scripts, for `<html dir>` and the widget. */
export const RTL_LOCALES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

/** `de`, `de-DE`, `de_DE`, `DE` → `de` when supported, else null. */
export function supportedLocale(lang: string | null | undefined): Locale | null {
  if (!lang) return null;
  const base = lang.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : null;
}

/** SPEC §2 fallback chain: requested language → the order's or tracking's language → English. */
export function resolveLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const locale = supportedLocale(candidate);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** Each language's name in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', ar: 'العربية' };

/** The `lang` query parameter reaches next-intl as this header, set by proxy.ts (no [locale] segment). */
export const LANG_HEADER = 'x-portal-lang';
