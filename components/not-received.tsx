import { translationsFor } from '@/lib/i18n/translations';
import type { ContactLink } from '@/lib/projection/next-steps';
import type { TrackingInfo } from '@/lib/projection/types';
import { ShopContactLinks } from './shop-contact-links';

/** "Didn't receive it?" on a parcel delivered a while ago: where to look, then whom to ask. */
export function NotReceived({
  tracking,
  shop,
  shopName,
  locale,
}: {
  tracking: TrackingInfo;
  shop: ContactLink[];
  shopName: string;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  const t = translationsFor(locale, 'forward');
  const headingId = `not-received-${tracking.tracking_id}`;
  const { courier_name: courier, courier_tracking_url: courierPage } = tracking.courier_info;
  return (
    <section aria-labelledby={headingId} className="mt-3 rounded-md bg-neutral-100 p-3">
      <h3 id={headingId} className="font-semibold">
        {t('notReceivedHeading')}
      </h3>
      {shop.length > 0 ? (
        <>
          <p className="mt-1">{t('notReceivedText', { shop: shopName })}</p>
          <ShopContactLinks locale={locale} links={shop} />
        </>
      ) : (
        <>
          <p className="mt-1">{t('notReceivedCourier', { courier })}</p>
          {courierPage && (
            <a
              href={courierPage}
              rel="noopener noreferrer"
              target="_blank"
              className="mt-1 inline-block font-medium text-[var(--brand)] underline underline-offset-4"
            >
              {t('contactCourier', { courier })}
            </a>
          )}
        </>
      )}
    </section>
  );
}
