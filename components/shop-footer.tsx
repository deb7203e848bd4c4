import { translationsFor } from '@/lib/i18n/translations';
import { type ShopContact, usableShopUrl } from '@/lib/branding/branding';
import { shopContactLinks } from '@/lib/projection/next-steps';
import { ShopContactLinks } from './shop-contact-links';

/** The foot of every shopper page: how to reach the shop, and the way back to it. Nothing when the shop gave neither. */
export function ShopFooter({
  shopName,
  contact,
  locale,
}: {
  shopName: string;
  contact: ShopContact;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  const links = shopContactLinks(contact);
  const website = usableShopUrl(contact.websiteUrl);
  if (links.length === 0 && !website) return null;
  const t = translationsFor(locale, 'forward');
  return (
    <footer className="border-t border-neutral-300 bg-white">
      <div className="mx-auto max-w-2xl space-y-2 px-4 py-4 text-sm">
        {links.length > 0 && (
          <div>
            <p>{t('footerHeading', { shop: shopName })}</p>
            <ShopContactLinks locale={locale} links={links} label={t('footerLabel', { shop: shopName })} />
          </div>
        )}
        {website && (
          <p>
            <a href={website} className="font-medium text-[var(--brand)] underline underline-offset-4">
              {t('backToShop', { shop: shopName })}
            </a>
          </p>
        )}
      </div>
    </footer>
  );
}
