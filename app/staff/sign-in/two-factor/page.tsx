import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { buttonClass, fieldClass, FormMessage, StaffFrame } from '@/components/staff/staff-frame';
import { verifyTwoFactorAction } from '../../actions';
import { defaultStaffBranding } from '../../staff-branding';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: t('twoFactorHeading'), robots: { index: false } };
}

/** The second step of signing in, for users with two-factor sign-in on. */
export default async function StaffTwoFactorPage({ searchParams }: Props) {
  const search = await searchParams;
  const t = translationsFor(await getLocale(), 'staff');
  return (
    <StaffFrame branding={await defaultStaffBranding()}>
      <section
        aria-labelledby="two-factor-heading"
        className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm"
      >
        <h1 id="two-factor-heading" className="mb-2 text-xl font-semibold">
          {t('twoFactorHeading')}
        </h1>
        <p className="mb-4 text-neutral-700">{t('twoFactorIntro')}</p>
        {search.error && <FormMessage kind="error">{t('twoFactorFailed')}</FormMessage>}
        <form action={verifyTwoFactorAction} className="space-y-4">
          <label className="block">
            <span className="font-medium">{t('twoFactorCode')}</span>
            <input
              name="code"
              required
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              autoComplete="one-time-code"
              autoFocus
              className={fieldClass}
            />
          </label>
          <button type="submit" className={`w-full ${buttonClass}`}>
            {t('twoFactorVerify')}
          </button>
        </form>
      </section>
    </StaffFrame>
  );
}
