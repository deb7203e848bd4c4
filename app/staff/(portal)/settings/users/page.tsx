import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { SecretForm } from '@/components/staff/secret-form';
import {
  ConfirmDetails,
  dangerButtonClass,
  OutcomeMessage,
  SettingsTable,
} from '@/components/staff/settings-parts';
import { fieldClass } from '@/components/staff/staff-form-styles';
import { getDb } from '@/lib/db/client';
import { STAFF_ROLES } from '@/lib/db/schema';
import { accountStaff } from '@/lib/staff/settings';
import { requireStaff } from '@/lib/staff/session';
import { changeRoleAction, inviteStaffAction, removeStaffAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staffSettings');
  const tStaff = translationsFor(await getLocale(), 'staff');
  return { title: `${t('usersHeading')} – ${tStaff('portalName')}` };
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff({ role: 'admin' });
  const members = await accountStaff(getDb(), staff);
  const t = translationsFor(await getLocale(), 'staffSettings');
  const format = formatterFor(await getLocale());
  const roleLabel = { admin: t('role_admin'), agent: t('role_agent') };

  return (
    <div className="space-y-8">
      <section aria-labelledby="users-heading" className="max-w-2xl space-y-3">
        <h1 id="users-heading" className="text-2xl font-semibold">
          {t('usersHeading')}
        </h1>
        <p className="text-neutral-700">{t('usersIntro')}</p>
        <OutcomeMessage
          search={await searchParams}
          notices={{ role_changed: t('roleChanged'), removed: t('removed') }}
          errors={{ conflict: t('lastAdmin'), not_found: t('notFound'), invalid: t('notFound') }}
        />
      </section>

      <section aria-labelledby="invite-heading" className="max-w-2xl space-y-3">
        <h2 id="invite-heading" className="text-xl font-semibold">
          {t('inviteHeading')}
        </h2>
        <SecretForm
          action={inviteStaffAction}
          submitLabel={t('invite')}
          secretLabel={t('oneTimePassword')}
          copy={t('copy')}
          copied={t('copied')}
        >
          <div>
            <label htmlFor="invite-email" className="block font-medium">
              {t('inviteEmail')}
            </label>
            <input
              id="invite-email"
              name="email"
              type="email"
              required
              maxLength={255}
              autoComplete="off"
              className={fieldClass}
            />
          </div>
          <div>
            <label htmlFor="invite-name" className="block font-medium">
              {t('inviteName')}
            </label>
            <input id="invite-name" name="name" maxLength={255} autoComplete="off" className={fieldClass} />
          </div>
          <div>
            <label htmlFor="invite-role" className="block font-medium">
              {t('inviteRole')}
            </label>
            <select id="invite-role" name="role" defaultValue="agent" className={fieldClass}>
              {STAFF_ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleLabel[role]}
                </option>
              ))}
            </select>
          </div>
        </SecretForm>
      </section>

      <section aria-labelledby="staff-list-heading" className="space-y-3">
        <h2 id="staff-list-heading" className="text-xl font-semibold">
          {t('usersListHeading')}
        </h2>
        <SettingsTable label={t('usersTable')}>
          <thead>
            <tr>
              <th scope="col">{t('colUser')}</th>
              <th scope="col">{t('colRole')}</th>
              <th scope="col">{t('colTwoFactor')}</th>
              <th scope="col">{t('colSince')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} className="border-t border-neutral-200">
                <td>
                  <p className="font-medium">
                    {m.name} {m.userId === staff.userId && t('you')}
                  </p>
                  <p className="text-neutral-700">{m.email}</p>
                  {m.mustChangePassword && <p className="text-neutral-700">{t('pendingPassword')}</p>}
                </td>
                <td>{roleLabel[m.role]}</td>
                <td>{m.twoFactorEnabled ? t('on') : t('off')}</td>
                <td>
                  <time dateTime={m.createdAt}>
                    {format.dateTime(new Date(m.createdAt), { dateStyle: 'medium', timeZone: 'UTC' })}
                  </time>
                </td>
                <td className="space-y-2">
                  <form action={changeRoleAction} className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="user_id" value={m.userId} />
                    <select
                      name="role"
                      defaultValue={m.role}
                      aria-label={t('roleFor', { email: m.email })}
                      className={`${fieldClass} !mt-0 !w-auto`}
                    >
                      {STAFF_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {roleLabel[role]}
                        </option>
                      ))}
                    </select>
                    <button
                      type="submit"
                      className="rounded-md border border-neutral-700 px-3 py-2 text-sm font-semibold focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
                    >
                      {t('saveRole')}
                    </button>
                  </form>
                  <ConfirmDetails summary={t('remove')}>
                    <p>{t('removeConfirm', { email: m.email })}</p>
                    <form action={removeStaffAction}>
                      <input type="hidden" name="user_id" value={m.userId} />
                      <button type="submit" className={dangerButtonClass}>
                        {t('removeYes', { email: m.email })}
                      </button>
                    </form>
                  </ConfirmDetails>
                </td>
              </tr>
            ))}
          </tbody>
        </SettingsTable>
      </section>
    </div>
  );
}
