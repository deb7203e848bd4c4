import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';

/** Plain links that keep the rest of the query, so switching works without JavaScript. */
export function LanguageSwitcher({
  search,
  label,
  current,
}: {
  search: Record<string, string>;
  label: string;
  /** The page's language. */
  current: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex gap-3 text-sm">
        {LOCALES.map((locale) => {
          const params = new URLSearchParams({ ...search, lang: locale });
          return (
            <li key={locale}>
              <a
                href={`?${params}`}
                hrefLang={locale}
                lang={locale}
                aria-current={locale === current ? 'true' : undefined}
                className="underline-offset-4 hover:underline aria-[current]:font-semibold aria-[current]:underline"
              >
                {LOCALE_NAMES[locale]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
