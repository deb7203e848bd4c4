'use client';

import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import { accessibleAccent, contrastRatio, foregroundOn, normalizeBrandColor } from '@/lib/branding/colors';
import { MAX_LOGO_BYTES } from '@/lib/branding/limits';
import { WIDGET_CSS_HEIGHT, WIDGET_CSS_WIDTH } from '@/lib/widget/size';
import { buttonClass, fieldClass } from './staff-form-styles';

export type BrandingEditorLabels = Record<
  | 'brandSection'
  | 'name'
  | 'color'
  | 'colorPicker'
  | 'colorHint'
  | 'colorInvalid'
  | 'contrastHeading'
  | 'contrastWhite'
  | 'contrastPass'
  | 'contrastFail'
  | 'contrastAdjusted'
  | 'contrastAsIs'
  | 'contrastText'
  | 'textWhite'
  | 'textBlack'
  | 'sample'
  | 'logoSection'
  | 'logoCurrent'
  | 'logoNone'
  | 'logo'
  | 'logoHint'
  | 'logoChosen'
  | 'logoTooLargeNow'
  | 'removeLogo'
  | 'contactSection'
  | 'contactIntro'
  | 'supportEmail'
  | 'supportPhone'
  | 'supportPhoneHint'
  | 'helpUrl'
  | 'helpUrlHint'
  | 'websiteUrl'
  | 'websiteUrlHint'
  | 'save'
  | 'previewHeading'
  | 'previewIntro'
  | 'previewPage'
  | 'previewWidget',
  string
>;

export type BrandingEditorValues = {
  name: string;
  primary_color: string;
  support_email: string;
  support_phone: string;
  help_url: string;
  website_url: string;
};

/** `{name}` placeholders of a message the server handed over raw, filled in here as values change. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const HEX = /^#?[0-9a-f]{6}$/i;
const withHash = (v: string) => (v.startsWith('#') ? v : `#${v}`).toLowerCase();

/**
 * The branding form's interactive part: the contrast of the typed colour before saving, and the
 * previews (order page and widget) redrawn with the unsaved name and colour after a short pause.
 */
export function BrandingEditor({
  action,
  labels,
  lang,
  clientKey,
  initial,
  fallback,
  logoUrl,
  hasOwnLogo,
}: {
  action: (form: FormData) => Promise<void>;
  labels: BrandingEditorLabels;
  lang: string;
  clientKey: string;
  initial: BrandingEditorValues;
  /** What an empty name or colour shows: the account's brand, or its name and the default colour. */
  fallback: { name: string; color: string };
  logoUrl: string | null;
  hasOwnLogo: boolean;
}) {
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.primary_color);
  const [chosenLogo, setChosenLogo] = useState<{ url: string | null; tooLarge: boolean } | null>(null);
  const colorValid = color === '' || HEX.test(color.trim());
  const effectiveInput = color !== '' && colorValid ? withHash(color.trim()) : fallback.color;

  const contrast = useMemo(() => {
    const input = normalizeBrandColor(effectiveInput);
    const shown = accessibleAccent(input);
    const text = foregroundOn(shown);
    return {
      input,
      shown,
      text,
      ratio: contrastRatio(input, '#ffffff'),
      textRatio: contrastRatio(shown, text),
    };
  }, [effectiveInput]);

  const query = useMemo(() => {
    const params = new URLSearchParams({
      lang,
      name: name.trim(),
      primary_color: colorValid ? color.trim() : '',
    });
    if (clientKey) params.set('client_key', clientKey);
    return params.toString();
  }, [lang, name, color, colorValid, clientKey]);
  // The previews follow the typing after a pause, not at every key.
  const [previewQuery, setPreviewQuery] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => setPreviewQuery(query), 400);
    return () => clearTimeout(timer);
  }, [query]);

  function chooseLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return setChosenLogo(null);
    if (file.size > MAX_LOGO_BYTES) {
      event.currentTarget.setCustomValidity(labels.logoTooLargeNow);
      return setChosenLogo({ url: null, tooLarge: true });
    }
    event.currentTarget.setCustomValidity('');
    // Shown as an image only (a data URL in <img> runs no script); the server checks it on saving.
    const reader = new FileReader();
    reader.onload = () => setChosenLogo({ url: String(reader.result), tooLarge: false });
    reader.readAsDataURL(file);
  }

  const pass = contrast.ratio >= 4.5;
  const shownName = name.trim() || fallback.name;
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form action={action} className="space-y-6" encType="multipart/form-data">
        <input type="hidden" name="client_key" value={clientKey} />
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{labels.brandSection}</legend>
          <label className="block">
            <span className="font-medium">{labels.name}</span>
            <input
              name="name"
              value={name}
              maxLength={80}
              placeholder={fallback.name}
              onChange={(e) => setName(e.currentTarget.value)}
              className={fieldClass}
            />
          </label>
          <div>
            <label htmlFor="brand-color" className="font-medium">
              {labels.color}
            </label>
            <div className="mt-1 flex items-center gap-2">
              <input
                type="color"
                aria-label={labels.colorPicker}
                value={contrast.input}
                onChange={(e) => setColor(e.currentTarget.value)}
                className="h-10 w-12 shrink-0 cursor-pointer rounded-md border border-neutral-500 bg-white"
              />
              <input
                id="brand-color"
                name="primary_color"
                value={color}
                placeholder={fallback.color}
                maxLength={7}
                aria-describedby="brand-color-hint"
                aria-invalid={!colorValid}
                pattern="#?[0-9a-fA-F]{6}"
                onChange={(e) => setColor(e.currentTarget.value)}
                className={`${fieldClass} font-mono`}
              />
            </div>
            <p id="brand-color-hint" className="mt-1 text-sm text-neutral-700">
              {colorValid ? labels.colorHint : labels.colorInvalid}
            </p>
          </div>
          <section
            aria-labelledby="contrast-heading"
            className="rounded-md border border-neutral-300 bg-white p-3"
          >
            <h3 id="contrast-heading" className="font-semibold">
              {labels.contrastHeading}
            </h3>
            <div aria-live="polite" data-testid="contrast" className="mt-2 space-y-1 text-sm">
              <p>
                {fill(labels.contrastWhite, { ratio: contrast.ratio.toFixed(2) })} –{' '}
                <strong className={pass ? 'text-green-800' : 'text-red-800'}>
                  {pass ? labels.contrastPass : labels.contrastFail}
                </strong>
              </p>
              <p>
                {contrast.shown === contrast.input
                  ? labels.contrastAsIs
                  : fill(labels.contrastAdjusted, { color: contrast.shown })}
              </p>
              <p>
                {fill(labels.contrastText, {
                  text: contrast.text === '#ffffff' ? labels.textWhite : labels.textBlack,
                  ratio: contrast.textRatio.toFixed(2),
                })}
              </p>
            </div>
            <p
              className="mt-2 rounded-md px-3 py-2 font-semibold"
              style={{ backgroundColor: contrast.shown, color: contrast.text }}
            >
              {shownName} · {labels.sample}
            </p>
          </section>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="text-lg font-semibold">{labels.logoSection}</legend>
          <div>
            <p className="text-sm font-medium">{labels.logoCurrent}</p>
            {logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a stored or https logo, shown as is
              <img src={logoUrl} alt={shownName} className="mt-1 h-10 w-auto rounded bg-neutral-200 p-1" />
            ) : (
              <p className="text-sm text-neutral-700">{labels.logoNone}</p>
            )}
          </div>
          <label className="block">
            <span className="font-medium">{labels.logo}</span>
            <input
              type="file"
              name="logo"
              accept="image/png,image/jpeg,image/svg+xml,.png,.jpg,.jpeg,.svg"
              aria-describedby="logo-hint"
              onChange={chooseLogo}
              className={fieldClass}
            />
          </label>
          <p id="logo-hint" className="text-sm text-neutral-700">
            {labels.logoHint}
          </p>
          {chosenLogo?.tooLarge && (
            <p role="alert" className="rounded-md bg-red-100 p-2 text-sm text-red-950">
              {labels.logoTooLargeNow}
            </p>
          )}
          {chosenLogo?.url && (
            <div>
              <p className="text-sm font-medium">{labels.logoChosen}</p>
              {/* eslint-disable-next-line @next/next/no-img-element -- a local file, not yet uploaded */}
              <img
                src={chosenLogo.url}
                alt={labels.logoChosen}
                className="mt-1 h-10 w-auto rounded bg-neutral-200 p-1"
              />
            </div>
          )}
          {hasOwnLogo && (
            <label className="flex items-center gap-2">
              <input type="checkbox" name="remove_logo" value="true" className="h-4 w-4" />
              <span>{labels.removeLogo}</span>
            </label>
          )}
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{labels.contactSection}</legend>
          <p className="text-sm text-neutral-700">{labels.contactIntro}</p>
          <label className="block">
            <span className="font-medium">{labels.supportEmail}</span>
            <input
              type="email"
              name="support_email"
              defaultValue={initial.support_email}
              maxLength={255}
              autoComplete="off"
              className={fieldClass}
            />
          </label>
          <label className="block">
            <span className="font-medium">{labels.supportPhone}</span>
            <input
              type="tel"
              name="support_phone"
              defaultValue={initial.support_phone}
              maxLength={30}
              pattern="\+[1-9][\d ()\-]{5,28}"
              aria-describedby="phone-hint"
              autoComplete="off"
              className={fieldClass}
            />
            <span id="phone-hint" className="mt-1 block text-sm text-neutral-700">
              {labels.supportPhoneHint}
            </span>
          </label>
          <label className="block">
            <span className="font-medium">{labels.helpUrl}</span>
            <input
              type="url"
              name="help_url"
              defaultValue={initial.help_url}
              maxLength={500}
              pattern="https://.+"
              aria-describedby="help-url-hint"
              autoComplete="off"
              className={fieldClass}
            />
            <span id="help-url-hint" className="mt-1 block text-sm text-neutral-700">
              {labels.helpUrlHint}
            </span>
          </label>
          <label className="block">
            <span className="font-medium">{labels.websiteUrl}</span>
            <input
              type="url"
              name="website_url"
              defaultValue={initial.website_url}
              maxLength={500}
              pattern="https://.+"
              aria-describedby="website-url-hint"
              autoComplete="off"
              className={fieldClass}
            />
            <span id="website-url-hint" className="mt-1 block text-sm text-neutral-700">
              {labels.websiteUrlHint}
            </span>
          </label>
        </fieldset>

        <button type="submit" className={buttonClass}>
          {labels.save}
        </button>
      </form>

      <section aria-labelledby="preview-heading" className="space-y-3">
        <h2 id="preview-heading" className="text-lg font-semibold">
          {labels.previewHeading}
        </h2>
        <p className="text-sm text-neutral-700">{labels.previewIntro}</p>
        <iframe
          title={labels.previewPage}
          src={`/staff/branding-preview?${previewQuery}`}
          data-testid="page-preview"
          className="h-[28rem] w-full rounded-md border border-neutral-400 bg-white"
        />
        {/* eslint-disable-next-line @next/next/no-img-element -- a PNG drawn per request, not an asset */}
        <img
          src={`/staff/branding-preview/widget?${previewQuery}`}
          alt={fill(labels.previewWidget, { shop: shownName })}
          data-testid="widget-preview"
          width={WIDGET_CSS_WIDTH}
          height={WIDGET_CSS_HEIGHT}
          className="h-auto w-full max-w-[600px] rounded-md border border-neutral-400"
        />
      </section>
    </div>
  );
}
