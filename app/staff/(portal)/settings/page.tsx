import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { requireStaff } from '@/lib/staff/session';
import { SETTINGS_SECTIONS } from './sections';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: `${t('settingsHeading')} – ${t('portalName')}` };
}

export default async function StaffSettingsPage() {
  const staff = await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staffSettings');
  const tStaff = translationsFor(await getLocale(), 'staff');
  return (
    <section aria-labelledby="settings-heading" className="space-y-4">
      <h1 id="settings-heading" className="text-2xl font-semibold">
        {tStaff('settingsHeading')}
      </h1>
      <p className="text-neutral-700">{t('overviewIntro')}</p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s.href} className="rounded-lg bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link href={s.href} className="underline underline-offset-4">
                {t(`${s.key}Title`)}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-neutral-700">
              {s.key === 'twoFactor'
                ? staff.twoFactorEnabled
                  ? tStaff('twoFactorOn')
                  : tStaff('twoFactorOff')
                : t(`${s.key}Text`)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
