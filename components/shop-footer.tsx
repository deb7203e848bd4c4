import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { type ShopContact, usableShopUrl } from '@/lib/branding/branding';
import { shopContactLinks } from '@/lib/projection/next-steps';
import { ShopContactLinks } from './shop-contact-links';

/** The foot of every shopper page: how to reach the shop, and the way back to it. Nothing when the shop gave neither. */
export async function ShopFooter({ shopName, contact }: { shopName: string; contact: ShopContact }) {
  const links = shopContactLinks(contact);
  const website = usableShopUrl(contact.websiteUrl);
  if (links.length === 0 && !website) return null;
  const t = translationsFor(await getLocale(), 'forward');
  return (
    <footer className="border-t border-neutral-300 bg-white">
      <div className="mx-auto max-w-2xl space-y-2 px-4 py-4 text-sm">
        {links.length > 0 && (
          <div>
            <p>{t('footerHeading', { shop: shopName })}</p>
            <ShopContactLinks links={links} label={t('footerLabel', { shop: shopName })} />
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
