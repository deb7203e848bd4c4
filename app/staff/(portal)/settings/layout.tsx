import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import type { ReactNode } from 'react';
import { StaffNav } from '@/components/staff/staff-nav';
import { requireStaff } from '@/lib/staff/session';
import { SETTINGS_SECTIONS } from './sections';

/** Every settings page under one navigation; each page still checks the admin for itself. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staffSettings');
  const links = [
    { href: '/staff/settings', label: t('overview') },
    ...SETTINGS_SECTIONS.map((s) => ({ href: s.href, label: t(`${s.key}Title`) })),
  ];
  return (
    <div className="space-y-6">
      <div className="border-b border-neutral-300 pb-3">
        <StaffNav label={t('navLabel')} links={links} root="/staff/settings" tone="page" />
      </div>
      {children}
    </div>
  );
}
