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
import { SCOPES } from '@/lib/access/tokens';
import { getDb } from '@/lib/db/client';
import { accountTokens } from '@/lib/staff/settings';
import { requireStaff } from '@/lib/staff/session';
import { createTokenAction, revokeTokenAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staffSettings');
  const tStaff = translationsFor(await getLocale(), 'staff');
  return { title: `${t('tokensHeading')} – ${tStaff('portalName')}` };
}

export default async function TokensPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff({ role: 'admin' });
  const tokens = await accountTokens(getDb(), staff);
  const t = translationsFor(await getLocale(), 'staffSettings');
  const format = formatterFor(await getLocale());
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const scopeLabel = { read: t('scopeRead'), write: t('scopeWrite') };

  return (
    <div className="space-y-8">
      <section aria-labelledby="tokens-heading" className="max-w-2xl space-y-3">
        <h1 id="tokens-heading" className="text-2xl font-semibold">
          {t('tokensHeading')}
        </h1>
        <p className="text-neutral-700">{t('tokensIntro')}</p>
        <OutcomeMessage
          search={await searchParams}
          notices={{ revoked: t('tokenRevoked') }}
          errors={{ not_found: t('notFound'), invalid: t('notFound') }}
        />
      </section>

      <section aria-labelledby="create-token-heading" className="max-w-2xl space-y-3">
        <h2 id="create-token-heading" className="text-xl font-semibold">
          {t('createTokenHeading')}
        </h2>
        <SecretForm
          action={createTokenAction}
          submitLabel={t('createToken')}
          secretLabel={t('tokenSecret')}
          copy={t('copy')}
          copied={t('copied')}
        >
          <div>
            <label htmlFor="token-name" className="block font-medium">
              {t('tokenName')}
            </label>
            <input
              id="token-name"
              name="name"
              required
              maxLength={100}
              aria-describedby="token-name-hint"
              className={fieldClass}
            />
            <p id="token-name-hint" className="mt-1 text-sm text-neutral-700">
              {t('tokenNameHint')}
            </p>
          </div>
          <fieldset>
            <legend className="font-medium">{t('scopesLegend')}</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className="mt-1 flex items-center gap-2">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'read'} />
                {scopeLabel[scope]}
              </label>
            ))}
          </fieldset>
        </SecretForm>
      </section>

      <section aria-labelledby="token-list-heading" className="space-y-3">
        <h2 id="token-list-heading" className="text-xl font-semibold">
          {t('tokensListHeading')}
        </h2>
        {tokens.length === 0 ? (
          <p>{t('noTokens')}</p>
        ) : (
          <SettingsTable label={t('tokensTable')}>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colPrefix')}</th>
                <th scope="col">{t('colScopes')}</th>
                <th scope="col">{t('colCreated')}</th>
                <th scope="col">{t('colLastUsed')}</th>
                <th scope="col">{t('colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-t border-neutral-200">
                  <td>{token.name ?? '–'}</td>
                  <td className="font-mono">{token.prefix}…</td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>
                    <time dateTime={token.createdAt}>{when(token.createdAt)}</time>
                  </td>
                  <td>
                    {token.lastUsedAt ? (
                      <time dateTime={token.lastUsedAt}>{when(token.lastUsedAt)}</time>
                    ) : (
                      t('never')
                    )}
                  </td>
                  <td>
                    {token.revokedAt ? (
                      <>
                        {t('tokenRevokedAt')} <time dateTime={token.revokedAt}>{when(token.revokedAt)}</time>
                      </>
                    ) : (
                      <div className="space-y-1">
                        <p>{t('tokenActive')}</p>
                        <ConfirmDetails summary={t('revoke')}>
                          <p>{t('revokeConfirm', { prefix: token.prefix })}</p>
                          <form action={revokeTokenAction}>
                            <input type="hidden" name="id" value={token.id} />
                            <button type="submit" className={dangerButtonClass}>
                              {t('revokeYes', { prefix: token.prefix })}
                            </button>
                          </form>
                        </ConfirmDetails>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </SettingsTable>
        )}
      </section>
    </div>
  );
}
