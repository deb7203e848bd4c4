import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import type { ReactNode } from 'react';
import { StaffFrame } from '@/components/staff/staff-frame';
import { StaffNav } from '@/components/staff/staff-nav';
import { getDb } from '@/lib/db/client';
import { getBranding } from '@/lib/orders/branding';
import { requireStaff } from '@/lib/staff/session';
import { signOutAction } from '../actions';

export const metadata: Metadata = { robots: { index: false } };

/**
 * The signed-in portal, in the brand of the staff member's account. Each page checks again for
 * itself (a layout does not run for every navigation, and admin pages need more).
 */
export default async function StaffPortalLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  const t = translationsFor(await getLocale(), 'staff');
  const links = [
    { href: '/staff', label: t('navSearch') },
    { href: '/staff/watchlist', label: t('navWatchlist') },
    ...(staff.role === 'admin' ? [{ href: '/staff/settings', label: t('navSettings') }] : []),
  ];
  return (
    <StaffFrame
      branding={await getBranding(getDb(), staff.accountId)}
      header={
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <StaffNav label={t('navLabel')} links={links} />
          <form action={signOutAction} className="flex items-center gap-3">
            <span className="text-sm">
              {t('signedInAs', { name: staff.name })} ·{' '}
              {staff.role === 'admin' ? t('roleAdmin') : t('roleAgent')}
            </span>
            <button
              type="submit"
              className="rounded-md border border-current px-3 py-1 text-sm font-semibold focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
            >
              {t('signOut')}
            </button>
          </form>
        </div>
      }
    >
      {children}
    </StaffFrame>
  );
}
