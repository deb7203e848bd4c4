import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { SecretForm } from '@/components/staff/secret-form';
import { ConfirmDetails, OutcomeMessage, SettingsTable } from '@/components/staff/settings-parts';
import { buttonClass, fieldClass } from '@/components/staff/staff-form-styles';
import { getDb } from '@/lib/db/client';
import { accountAccessPolicy, linkSecretState } from '@/lib/staff/settings';
import { requireStaff } from '@/lib/staff/session';
import { LOOKUP_TYPES } from '@/lib/status/vocabulary';
import { rotateLinkSecretAction, updateAccessPolicyAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staffSettings');
  const tStaff = translationsFor(await getLocale(), 'staff');
  return { title: `${t('accessHeading')} – ${tStaff('portalName')}` };
}

/** The link secret and the access policy (SPEC §2): what a shopper's lookup earns. */
export default async function AccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff({ role: 'admin' });
  const db = getDb();
  const [secret, { policy, defaults, isDefault }] = await Promise.all([
    linkSecretState(db, staff),
    accountAccessPolicy(db, staff),
  ]);
  const t = translationsFor(await getLocale(), 'staffSettings');
  const noProofLabel = { limited: t('optLimited'), verify: t('optVerify') };
  const withProofLabel = { full: t('optFull'), verify: t('optNotEnough') };

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t('accessHeading')}</h1>

      <section aria-labelledby="secret-heading" className="max-w-2xl space-y-3">
        <h2 id="secret-heading" className="text-xl font-semibold">
          {t('secretHeading')}
        </h2>
        <p>{t('secretIntro')}</p>
        <p>{t('secretRotateExplain')}</p>
        <p className="text-neutral-700">
          {secret.hasPrevious ? t('secretHasPrevious') : t('secretNoPrevious')}
        </p>
        <ConfirmDetails summary={t('rotate')}>
          <SecretForm
            action={rotateLinkSecretAction}
            submitLabel={t('rotateYes')}
            secretLabel={t('newSecret')}
            copy={t('copy')}
            copied={t('copied')}
          />
        </ConfirmDetails>
      </section>

      <section aria-labelledby="policy-heading" className="space-y-3">
        <h2 id="policy-heading" className="text-xl font-semibold">
          {t('policyHeading')}
        </h2>
        <p className="max-w-2xl">{t('policyIntro')}</p>
        <OutcomeMessage
          search={await searchParams}
          notices={{ policy_saved: t('policySaved'), unchanged: t('policyUnchanged') }}
          errors={{ invalid: t('policyInvalid') }}
        />
        <p className="text-neutral-700">{isDefault ? t('policyIsDefault') : t('policyCustom')}</p>
        <form action={updateAccessPolicyAction} className="space-y-4">
          <SettingsTable label={t('policyTable')}>
            <thead>
              <tr>
                <th scope="col">{t('colLookupType')}</th>
                <th scope="col">{t('colNoProof')}</th>
                <th scope="col">{t('colWithProof')}</th>
              </tr>
            </thead>
            <tbody>
              {LOOKUP_TYPES.map((type) => {
                const lookup = t(`lookup_${type}`);
                return (
                  <tr key={type} className="border-t border-neutral-200">
                    <th scope="row" className="py-2 font-medium">
                      {lookup}
                    </th>
                    <td>
                      <select
                        name={`${type}.no_proof`}
                        defaultValue={policy[type].no_proof}
                        aria-label={t('noProofFor', { lookup })}
                        className={`${fieldClass} min-w-40`}
                      >
                        {(['limited', 'verify'] as const).map((v) => (
                          <option key={v} value={v}>
                            {noProofLabel[v]}
                          </option>
                        ))}
                      </select>
                      <p className="mt-1 text-xs text-neutral-700">
                        {t('defaultIs', { value: noProofLabel[defaults[type].no_proof] })}
                      </p>
                    </td>
                    <td>
                      <select
                        name={`${type}.with_proof`}
                        defaultValue={policy[type].with_proof}
                        aria-label={t('withProofFor', { lookup })}
                        className={`${fieldClass} min-w-40`}
                      >
                        {(['full', 'verify'] as const).map((v) => (
                          <option key={v} value={v}>
                            {withProofLabel[v]}
                          </option>
                        ))}
                      </select>
                      <p className="mt-1 text-xs text-neutral-700">
                        {t('defaultIs', { value: withProofLabel[defaults[type].with_proof] })}
                      </p>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </SettingsTable>
          <button type="submit" className={buttonClass}>
            {t('savePolicy')}
          </button>
        </form>
        <h3 className="text-lg font-semibold">{t('choicesHeading')}</h3>
        <dl className="max-w-2xl space-y-2">
          {(
            [
              ['optLimited', 'explainLimited'],
              ['optVerify', 'explainVerify'],
              ['optFull', 'explainFull'],
              ['optNotEnough', 'explainNotEnough'],
            ] as const
          ).map(([term, text]) => (
            <div key={term}>
              <dt className="font-medium">{t(term)}</dt>
              <dd className="text-neutral-700">{t(text)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
