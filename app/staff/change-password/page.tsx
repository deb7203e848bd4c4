import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { buttonClass, fieldClass, FormMessage, StaffFrame } from '@/components/staff/staff-frame';
import { getDb } from '@/lib/db/client';
import { getBranding } from '@/lib/orders/branding';
import { MIN_PASSWORD_LENGTH } from '@/lib/schemas/staff';
import { requireStaff } from '@/lib/staff/session';
import { changePasswordAction } from '../actions';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: t('changePasswordHeading'), robots: { index: false } };
}

/** Outside the portal's shell: a user with a one-time password sees nothing else until it is changed. */
export default async function ChangePasswordPage({ searchParams }: Props) {
  const staff = await requireStaff({ allowPasswordChange: true });
  const search = await searchParams;
  const t = translationsFor(await getLocale(), 'staff');
  const min = MIN_PASSWORD_LENGTH;
  const error = {
    current: t('changePasswordWrongCurrent'),
    mismatch: t('changePasswordMismatch'),
    too_short: t('changePasswordTooShort', { min }),
  }[String(search.error)];
  return (
    <StaffFrame branding={await getBranding(getDb(), staff.accountId)}>
      <section
        aria-labelledby="change-password-heading"
        className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm"
      >
        <h1 id="change-password-heading" className="mb-2 text-xl font-semibold">
          {t('changePasswordHeading')}
        </h1>
        <p className="mb-4 text-neutral-700">{t('changePasswordRequired')}</p>
        {error && <FormMessage kind="error">{error}</FormMessage>}
        <form action={changePasswordAction} className="space-y-4">
          {/* Lets password managers file the new password under the right user. */}
          <input type="hidden" name="username" autoComplete="username" value={staff.email} />
          <label className="block">
            <span className="font-medium">{t('currentPassword')}</span>
            <input
              name="current_password"
              type="password"
              required
              autoComplete="current-password"
              className={fieldClass}
            />
          </label>
          <div>
            <label className="block">
              <span className="font-medium">{t('newPassword')}</span>
              <input
                name="new_password"
                type="password"
                required
                minLength={min}
                autoComplete="new-password"
                aria-describedby="new-password-hint"
                className={fieldClass}
              />
            </label>
            <p id="new-password-hint" className="mt-1 text-sm text-neutral-700">
              {t('newPasswordHint', { min })}
            </p>
          </div>
          <label className="block">
            <span className="font-medium">{t('confirmPassword')}</span>
            <input
              name="confirm_password"
              type="password"
              required
              minLength={min}
              autoComplete="new-password"
              className={fieldClass}
            />
          </label>
          <button type="submit" className={`w-full ${buttonClass}`}>
            {t('changePassword')}
          </button>
        </form>
      </section>
    </StaffFrame>
  );
}
