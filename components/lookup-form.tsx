import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';

/**
 * Order number + postal code, as a plain form: works without JavaScript. It POSTs to /track/lookup,
 * which answers with a redirect to /track, so the postal code never shows in the address bar or
 * the history. With `hidden` lookup parameters it asks only for the postal code (to unlock a
 * limited view).
 */
export async function LookupForm({
  account,
  lang,
  hidden,
  orderNumber,
  heading,
  intro,
  headingLevel = 2,
}: {
  account?: number;
  lang?: string;
  hidden?: Record<string, string>;
  orderNumber?: string;
  heading: string;
  intro: string;
  headingLevel?: 1 | 2;
}) {
  const t = translationsFor(await getLocale(), 'page');
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const field = 'mt-1 block w-full rounded-md border border-neutral-400 bg-white px-3 py-2 text-base';
  return (
    <section aria-labelledby="lookup-heading" className="rounded-lg bg-white p-4 shadow-sm">
      <Heading id="lookup-heading" className="text-xl font-semibold">
        {heading}
      </Heading>
      <p className="mt-1 text-neutral-700">{intro}</p>
      <form action="/track/lookup" method="post" className="mt-4 space-y-4">
        {account !== undefined && <input type="hidden" name="account" value={account} />}
        {lang && <input type="hidden" name="lang" value={lang} />}
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {!hidden && (
          <label className="block">
            <span className="font-medium">{t('orderNumber')}</span>
            <input
              name="order_number"
              required
              defaultValue={orderNumber}
              autoComplete="off"
              className={field}
            />
          </label>
        )}
        <label className="block">
          <span className="font-medium">{t('postalCode')}</span>
          <input name="postal_code" required autoComplete="postal-code" className={field} />
        </label>
        <button
          type="submit"
          className="w-full rounded-md bg-[var(--brand)] px-4 py-2 font-semibold text-[var(--on-brand)] focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
        >
          {hidden ? t('unlock') : t('submit')}
        </button>
      </form>
    </section>
  );
}
