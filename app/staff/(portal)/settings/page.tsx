import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/staff/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staff');
  return { title: `${t('settingsHeading')} – ${t('portalName')}` };
}

export default async function StaffSettingsPage() {
  const staff = await requireStaff({ role: 'admin' });
  const t = await getTranslations('staff');
  return (
    <section aria-labelledby="settings-heading" className="space-y-4">
      <h1 id="settings-heading" className="text-2xl font-semibold">
        {t('settingsHeading')}
      </h1>
      <p className="text-neutral-700">{t('settingsComing')}</p>
      <h2 className="text-lg font-semibold">{t('twoFactorSettingsHeading')}</h2>
      <p>{staff.twoFactorEnabled ? t('twoFactorOn') : t('twoFactorOff')}</p>
      {!staff.twoFactorEnabled && (
        <Link href="/staff/settings/two-factor" className="font-medium underline underline-offset-4">
          {t('twoFactorEnable')}
        </Link>
      )}
    </section>
  );
}
