import { type Locale, LOCALES_BY_NAME, localeName } from '@/lib/i18n/locales';

/**
 * The languages behind a disclosure (34 of them fit a phone that way), as plain links that keep
 * the rest of the query, so switching works without JavaScript. With `path`, a link goes through
 * /language, which remembers the choice for the shopper's next visit.
 */
export function LanguageSwitcher({
  search,
  label,
  current,
  path,
}: {
  search: Record<string, string>;
  label: string;
  /** The page's language. */
  current: Locale;
  /** The page's own path; without it (a preview) the choice is not remembered. */
  path?: string;
}) {
  const { lang: _lang, ...rest } = search;
  const back = path && `${path}?${new URLSearchParams(rest)}`;
  const href = (locale: Locale) =>
    back
      ? `/language?${new URLSearchParams({ lang: locale, back })}`
      : `?${new URLSearchParams({ ...rest, lang: locale })}`;
  return (
    <nav aria-label={label} className="relative">
      <details className="group">
        <summary className="flex min-h-6 cursor-pointer list-none items-center gap-1 rounded px-2 py-1 text-sm hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 [&::-webkit-details-marker]:hidden">
          <span className="sr-only">{label}: </span>
          <span lang={current}>{localeName(current)}</span>
          <span aria-hidden="true" className="text-xs group-open:rotate-180">
            ▾
          </span>
        </summary>
        <ul className="absolute end-0 z-10 mt-2 grid w-[min(20rem,calc(100vw-2rem))] grid-cols-2 gap-1 rounded-md bg-white p-2 text-sm text-neutral-900 shadow-lg ring-1 ring-neutral-300">
          {LOCALES_BY_NAME.map((locale) => (
            <li key={locale}>
              <a
                href={href(locale)}
                hrefLang={locale}
                lang={locale}
                aria-current={locale === current ? 'true' : undefined}
                className="block min-h-6 rounded px-2 py-1.5 hover:bg-neutral-100 aria-[current]:font-semibold aria-[current]:underline"
              >
                {localeName(locale)}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
