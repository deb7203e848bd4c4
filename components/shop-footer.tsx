import { getTranslations } from 'next-intl/server';
import type { ShopContact } from '@/lib/branding/branding';
import { shopContactLinks } from '@/lib/projection/next-steps';
import { ShopContactLinks } from './shop-contact-links';

/** The foot of every shopper page: how to reach the shop. Nothing when the shop gave no contact. */
export async function ShopFooter({ shopName, contact }: { shopName: string; contact: ShopContact }) {
  const links = shopContactLinks(contact);
  if (links.length === 0) return null;
  const t = await getTranslations('forward');
  return (
    <footer className="border-t border-neutral-300 bg-white">
      <div className="mx-auto max-w-2xl px-4 py-4 text-sm">
        <p>{t('footerHeading', { shop: shopName })}</p>
        <ShopContactLinks links={links} label={t('footerLabel', { shop: shopName })} />
      </div>
    </footer>
  );
}
