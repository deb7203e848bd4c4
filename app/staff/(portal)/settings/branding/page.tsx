import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { z } from 'zod';
import { BrandingEditor, type BrandingEditorLabels } from '@/components/staff/branding-editor';
import { buttonClass, fieldClass } from '@/components/staff/staff-form-styles';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { BRANDING_ERROR_KEYS, brandingSettingsOf } from '@/lib/staff/branding-settings';
import { requireStaff } from '@/lib/staff/session';
import { saveBrandingAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const [t, staff] = [
    translationsFor(await getLocale(), 'staffBranding'),
    translationsFor(await getLocale(), 'staff'),
  ];
  return { title: t('title', { portal: staff('portalName') }) };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const paramsSchema = z.object({
  client_key: z.string().max(100).catch(''),
  saved: z.enum(['0', '1']).optional().catch(undefined),
  error: z.enum(BRANDING_ERROR_KEYS).optional().catch(undefined),
});

const LABELS = [
  'brandSection',
  'name',
  'color',
  'colorPicker',
  'colorHint',
  'colorInvalid',
  'contrastHeading',
  'contrastWhite',
  'contrastPass',
  'contrastFail',
  'contrastAdjusted',
  'contrastAsIs',
  'contrastText',
  'textWhite',
  'textBlack',
  'sample',
  'logoSection',
  'logoCurrent',
  'logoNone',
  'logo',
  'logoHint',
  'logoChosen',
  'logoTooLargeNow',
  'removeLogo',
  'contactSection',
  'contactIntro',
  'supportEmail',
  'supportPhone',
  'supportPhoneHint',
  'helpUrl',
  'helpUrlHint',
  'websiteUrl',
  'websiteUrlHint',
  'save',
  'previewHeading',
  'previewIntro',
  'previewPage',
  'previewWidget',
] as const satisfies ReadonlyArray<keyof BrandingEditorLabels>;

/** The branding editor (admins): brand, logo and shoppers' contact, per client key, with previews. */
export default async function BrandingSettingsPage({ searchParams }: Props) {
  const staff = await requireStaff({ role: 'admin' });
  const raw = await searchParams;
  const params = paramsSchema.parse({
    client_key: typeof raw.client_key === 'string' ? raw.client_key : '',
    saved: raw.saved,
    error: raw.error,
  });
  const settings = await brandingSettingsOf(getDb(), staff, params.client_key).catch((error: unknown) => {
    // Another account's client key looks like one that does not exist.
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  const t = translationsFor(await getLocale(), 'staffBranding');
  // Messages with placeholders the editor fills in as values change go over raw.
  const labels = Object.fromEntries(LABELS.map((key) => [key, t.raw(key) as string])) as BrandingEditorLabels;
  const { saved } = settings;
  const brandLabel = settings.clientKey
    ? t('clientKeyShop', { key: settings.clientKey })
    : t('clientKeyAccount');
  return (
    <section aria-labelledby="branding-heading" className="space-y-6">
      <div className="space-y-2">
        <h1 id="branding-heading" className="text-2xl font-semibold">
          {t('heading')}
        </h1>
        <p className="max-w-prose text-neutral-700">{t('intro')}</p>
      </div>
      {params.saved && (
        <p role="status" className="rounded-md bg-green-100 p-3 text-green-950">
          {params.saved === '1' ? t('saved') : t('unchanged')}
        </p>
      )}
      {params.error && (
        <p role="alert" className="rounded-md bg-red-100 p-3 text-red-950">
          {t(`errors.${params.error}`)}
        </p>
      )}
      {settings.clientKeys.length > 0 && (
        <form method="get" className="flex flex-wrap items-end gap-3">
          <label className="block">
            <span className="font-medium">{t('clientKeyLabel')}</span>
            <select name="client_key" defaultValue={settings.clientKey} className={fieldClass}>
              <option value="">{t('clientKeyAccount')}</option>
              {settings.clientKeys.map((key) => (
                <option key={key} value={key}>
                  {t('clientKeyShop', { key })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass}>
            {t('clientKeySwitch')}
          </button>
        </form>
      )}
      <div className="space-y-1">
        <h2 className="text-xl font-semibold">{t('editing', { brand: brandLabel })}</h2>
        <p className="text-sm text-neutral-700">
          {settings.clientKey ? t('fallbackAccount') : t('fallbackDefault')}
        </p>
      </div>
      <BrandingEditor
        // A new client key starts the editor afresh with that brand's values.
        key={settings.clientKey}
        action={saveBrandingAction}
        labels={labels}
        lang={await getLocale()}
        clientKey={settings.clientKey}
        initial={{
          name: saved.name ?? '',
          primary_color: saved.primary_color ?? '',
          support_email: saved.support_email ?? '',
          support_phone: saved.support_phone ?? '',
          help_url: saved.help_url ?? '',
          website_url: saved.website_url ?? '',
        }}
        fallback={{ name: settings.fallback.name, color: settings.fallback.color }}
        logoUrl={settings.effective.logoUrl}
        hasOwnLogo={saved.logo_url !== null}
      />
    </section>
  );
}
