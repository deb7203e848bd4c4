import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { buttonClass, fieldClass, FormMessage, StaffFrame } from '@/components/staff/staff-frame';
import { signInAction } from '../actions';
import { defaultStaffBranding } from '../staff-branding';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: t('signInTitle', { shop: (await defaultStaffBranding()).name }), robots: { index: false } };
}

export default async function StaffSignInPage({ searchParams }: Props) {
  const search = await searchParams;
  const t = translationsFor(await getLocale(), 'staff');
  const minutes = Math.max(1, Math.min(24 * 60, Number.parseInt(String(search.minutes ?? '1'), 10) || 1));
  const message =
    search.error === 'locked'
      ? t('signInLocked', { minutes })
      : search.error === 'invalid'
        ? t('signInFailed')
        : null;
  const notice =
    search.notice === 'signed_out'
      ? t('signedOut')
      : search.notice === 'password_changed'
        ? t('passwordChanged')
        : null;
  return (
    <StaffFrame branding={await defaultStaffBranding()}>
      <section
        aria-labelledby="sign-in-heading"
        className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm"
      >
        <h1 id="sign-in-heading" className="mb-4 text-xl font-semibold">
          {t('signInHeading')}
        </h1>
        {message && <FormMessage kind="error">{message}</FormMessage>}
        {notice && <FormMessage kind="notice">{notice}</FormMessage>}
        <form action={signInAction} className="space-y-4">
          <label className="block">
            <span className="font-medium">{t('email')}</span>
            <input
              name="email"
              type="email"
              required
              autoComplete="username"
              autoFocus
              className={fieldClass}
            />
          </label>
          <label className="block">
            <span className="font-medium">{t('password')}</span>
            <input
              name="password"
              type="password"
              required
              autoComplete="current-password"
              className={fieldClass}
            />
          </label>
          <button type="submit" className={`w-full ${buttonClass}`}>
            {t('signIn')}
          </button>
        </form>
      </section>
    </StaffFrame>
  );
}
