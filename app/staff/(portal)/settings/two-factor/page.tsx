import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { TwoFactorEnrol } from '@/components/staff/two-factor-enrol';
import { requireStaff } from '@/lib/staff/session';
import { twoFactorEnrolAction } from '../../../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: `${t('twoFactorSettingsHeading')} – ${t('portalName')}` };
}

/** Admins turn on TOTP here (better-auth's two-factor plugin); agents have no use for it yet. */
export default async function TwoFactorSettingsPage() {
  const staff = await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staff');
  return (
    <section aria-labelledby="two-factor-heading" className="max-w-xl space-y-4">
      <h1 id="two-factor-heading" className="text-2xl font-semibold">
        {t('twoFactorSettingsHeading')}
      </h1>
      {staff.twoFactorEnabled ? (
        <p>{t('twoFactorOn')}</p>
      ) : (
        <TwoFactorEnrol
          action={twoFactorEnrolAction}
          labels={{
            password: t('password'),
            enable: t('twoFactorEnable'),
            enrolIntro: t('twoFactorEnrolIntro'),
            key: t('twoFactorKey'),
            uri: t('twoFactorUri'),
            backupCodes: t('twoFactorBackupCodes'),
            code: t('twoFactorCode'),
            confirm: t('twoFactorConfirm'),
            wrongPassword: t('twoFactorWrongPassword'),
            wrongCode: t('twoFactorFailed'),
          }}
        />
      )}
    </section>
  );
}
