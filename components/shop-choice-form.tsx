import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';

/**
 * Several shops use the tracking number the shopper gave: ask which one, as a plain GET form that
 * repeats the lookup with the chosen `account`.
 */
export async function ShopChoiceForm({
  shops,
  lookup,
}: {
  shops: Array<{ account: number; name: string }>;
  /** The lookup's query parameters, kept as they came. */
  lookup: Record<string, string>;
}) {
  const t = translationsFor(await getLocale(), 'page');
  return (
    <section aria-labelledby="shop-heading" className="rounded-lg bg-white p-4 shadow-sm">
      <h1 id="shop-heading" className="text-xl font-semibold">
        {t('chooseShopHeading')}
      </h1>
      <p className="mt-1 text-neutral-700">{t('chooseShopIntro')}</p>
      <form action="/track" method="get" className="mt-4 space-y-4">
        {Object.entries(lookup).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset>
          <legend className="font-medium">{t('shop')}</legend>
          {shops.map((shop, i) => (
            <label key={shop.account} className="mt-2 flex items-center gap-2">
              <input type="radio" name="account" value={shop.account} required defaultChecked={i === 0} />
              <span>{shop.name}</span>
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="w-full rounded-md bg-[var(--brand)] px-4 py-2 font-semibold text-[var(--on-brand)] focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
        >
          {t('chooseShopSubmit')}
        </button>
      </form>
    </section>
  );
}
