import type { CSSProperties, ReactNode } from 'react';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import type { Branding } from '@/lib/branding/branding';

/** The branded frame of every staff page: the shop's header, then what the page puts in it. */
export async function StaffFrame({
  branding,
  header,
  children,
}: {
  branding: Branding;
  /** Navigation and the signed-in user, beside the shop's name. */
  header?: ReactNode;
  children: ReactNode;
}) {
  const t = translationsFor(await getLocale(), 'staff');
  const tPage = translationsFor(await getLocale(), 'page');
  const style = { '--brand': branding.color, '--on-brand': branding.onColor } as CSSProperties;
  return (
    <div style={style} className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        {tPage('skipToContent')}
      </a>
      <header className="bg-[var(--brand)] text-[var(--on-brand)]">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
          <div className="flex items-center gap-3">
            {branding.logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- merchant logos live on their own hosts
              <img src={branding.logoUrl} alt={branding.name} className="h-8 w-auto" />
            ) : (
              <p className="text-lg font-semibold">{branding.name}</p>
            )}
            <p className="text-sm">{t('portalName')}</p>
          </div>
          {header}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}

export { buttonClass, fieldClass } from './staff-form-styles';
export { FormMessage } from './form-message';
