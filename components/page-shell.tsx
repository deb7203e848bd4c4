import type { CSSProperties, ReactNode } from 'react';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { type Branding, type ShopContact, usableShopUrl } from '@/lib/branding/branding';
import { resolveLocale } from '@/lib/i18n/locales';
import { LanguageSwitcher } from './language-switcher';
import { ShopFooter } from './shop-footer';

/** The branded frame of every shopper page: header with the shop, language switcher, content. */
export async function PageShell({
  branding,
  search,
  children,
  landmarkLabel,
  contact,
  path,
}: {
  branding: Branding;
  search: Record<string, string>;
  children: ReactNode;
  /** Names the header and main landmarks where the page is framed inside another (the staff preview). */
  landmarkLabel?: string;
  /** The shop's contact and website, for the footer and a link on the shop's mark. */
  contact?: ShopContact;
  /** The page's path, so a language chosen on it is remembered (not on the staff preview). */
  path?: string;
}) {
  const locale = await getLocale();
  const t = translationsFor(locale, 'page');
  // The shop's mark leads back to the shop where its website is known.
  const website = usableShopUrl(contact?.websiteUrl ?? null);
  const mark = branding.logoUrl ? (
    // eslint-disable-next-line @next/next/no-img-element -- merchant logos live on their own hosts
    <img src={branding.logoUrl} alt={branding.name} className="h-8 w-auto" />
  ) : (
    <span className="block text-lg font-semibold">{branding.name}</span>
  );
  const style = { '--brand': branding.color, '--on-brand': branding.onColor } as CSSProperties;
  return (
    <div style={style} className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        {t('skipToContent')}
      </a>
      <header aria-label={landmarkLabel} className="bg-[var(--brand)] text-[var(--on-brand)]">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-4 px-4 py-3">
          {website ? <a href={website}>{mark}</a> : mark}
          <LanguageSwitcher
            search={search}
            label={t('language')}
            current={resolveLocale(locale)}
            path={path}
          />
        </div>
      </header>
      <main id="main" aria-label={landmarkLabel} className="mx-auto w-full max-w-2xl flex-1 px-4 py-6">
        {children}
      </main>
      {contact && <ShopFooter locale={locale} shopName={branding.name} contact={contact} />}
    </div>
  );
}
