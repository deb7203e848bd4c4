import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import type { ContactLink, Money } from '@/lib/projection/next-steps';
import { offerNotReceived, type WayForward } from '@/lib/projection/next-steps';
import type { TrackingInfo } from '@/lib/projection/types';
import { NotReceived } from './not-received';
import { ShopContactLinks } from './shop-contact-links';

/** What the order page knows about the shop for every parcel's way forward. */
export type ForwardContext = {
  /** The shop's contact as links, the order named in an email. */
  shop: ContactLink[];
  shopName: string;
  /** NOT_RECEIVED_AFTER_HOURS */
  notReceivedAfterHours: number;
};

/** A parcel's way forward: its problem's buttons, or "Didn't receive it?" once delivered a while. */
export function ParcelForward({
  tracking,
  now,
  way,
  forward,
  locale,
}: {
  tracking: TrackingInfo;
  now: Date;
  /** wayForward of this parcel, worked out by the card (which also needs it). */
  way: WayForward | null;
  forward: ForwardContext;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  if (offerNotReceived(tracking, now, forward.notReceivedAfterHours))
    return (
      <NotReceived locale={locale} tracking={tracking} shop={forward.shop} shopName={forward.shopName} />
    );
  return way && <NextStepLinks locale={locale} tracking={tracking} way={way} shopName={forward.shopName} />;
}

const BUTTON =
  'inline-block rounded-md bg-[var(--brand)] px-4 py-2 font-semibold text-[var(--on-brand)] underline-offset-4 hover:underline';

/** The buttons under a parcel's problem: do what the box asks (pay, reroute, call the courier), or ask the shop. */
export function NextStepLinks({
  tracking,
  way,
  shopName,
  locale,
}: {
  tracking: TrackingInfo;
  way: WayForward;
  shopName: string;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  const t = translationsFor(locale, 'forward');
  const format = formatterFor(locale);
  const courier = tracking.courier_info.courier_name;
  const money = (m: Money) => format.number(m.value, { style: 'currency', currency: m.currency });
  const { primary } = way;
  let label: string | null = null;
  if (primary?.kind === 'payDuties')
    label = primary.amount
      ? t('payDutiesAmount', { amount: money(primary.amount), courier })
      : t('payDuties', { courier });
  if (primary?.kind === 'reroute') label = t('reroute', { courier });
  if (primary?.kind === 'contactCourier') label = t('contactCourier', { courier });
  return (
    <div className="mt-3 space-y-3">
      {primary?.href && label && (
        <a href={primary.href} rel="noopener noreferrer" target="_blank" className={BUTTON}>
          {label}
        </a>
      )}
      {primary?.kind === 'payDuties' && !primary.href && primary.amount && (
        <p className="font-medium">{t('amountDue', { amount: money(primary.amount) })}</p>
      )}
      {way.shop.length > 0 && (
        <div>
          <p>{t('shopHelp', { shop: shopName })}</p>
          <ShopContactLinks locale={locale} links={way.shop} />
        </div>
      )}
    </div>
  );
}
