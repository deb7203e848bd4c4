import { type Branding, STORED_LOGO_PATH } from '@/lib/branding/branding';
import { RTL_LOCALES } from '@/lib/i18n/locales';
import type { Translate } from '@/lib/i18n/messages';
import { needsAttention } from '@/lib/projection/attention';
import { PROGRESS_STEPS, stepLabelKey } from '@/lib/projection/progress';
import { deliveredCount, liveTrackings } from '@/lib/projection/replaced-labels';
import type { OrderInfo, TrackingInfo } from '@/lib/projection/types';
import { formatDay } from '@/lib/time/format';
import { textPieces } from './visual-text';

/** A text as drawable pieces (see textPieces): one piece for left-to-right languages. */
export type Text = string[];

/** Everything the card shows, ready to draw. Built only from status data: no PII. */
export type WidgetModel = {
  direction: 'ltr' | 'rtl';
  locale: string;
  brandName: Text;
  /** One of our stored logos (its path names its bytes), drawn in place of the name; null for none. */
  logo: string | null;
  color: string;
  onColor: string;
  headline: Text;
  detail: Text | null;
  step: number;
  warning: boolean;
  stepLabels: Text[];
  parcels: Text | null;
  courier: Text | null;
};

/**
 * The parcel the card is about: the first still under way, else the last one delivered. A label
 * the shop cancelled and replaced is never it: the replacement is what the shopper waits for.
 */
function primaryTracking(info: OrderInfo): TrackingInfo | undefined {
  const live = liveTrackings(info);
  return live.find((t) => t.last_delivery_status.lifecycle_status !== 'Delivered') ?? live.at(-1);
}

export function widgetModel(info: OrderInfo, branding: Branding, locale: string, t: Translate): WidgetModel {
  const direction = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
  const line = (text: string) => textPieces(text, direction);
  const tracking = primaryTracking(info);
  const status = tracking?.last_delivery_status;
  const timeZone = tracking?.timezone ?? 'UTC';

  let detail: string | null = null;
  const deliveredAt = tracking?.reporting_info.delivery_date;
  const predicted = tracking?.action_box?.type === 'prediction' ? tracking.action_box.raw : null;
  const predictedDay = predicted?.latest_date ?? predicted?.earliest_date;
  if (status?.lifecycle_status === 'Delivered' && deliveredAt) {
    detail = t('widget.deliveredOn', { date: formatDay(deliveredAt, locale, timeZone) });
  } else if (predictedDay) {
    detail = t('widget.expected', { date: formatDay(predictedDay, locale, timeZone) });
  }

  const { delivered, total } = deliveredCount(info);
  return {
    direction,
    locale,
    brandName: line(branding.name),
    // An https logo would be fetched by the renderer from a host it does not know: the name instead.
    logo: branding.logoUrl && STORED_LOGO_PATH.test(branding.logoUrl) ? branding.logoUrl : null,
    color: branding.color,
    onColor: branding.onColor,
    headline: line(status?.status_text ?? t('widget.preparing')),
    detail: detail ? line(detail) : null,
    step: status?.step ?? 1,
    warning: tracking ? needsAttention(tracking) : false,
    stepLabels: PROGRESS_STEPS.map((s) =>
      line(t(`page.steps.${stepLabelKey(s, status?.step ?? 1, status?.lifecycle_status)}`)),
    ),
    parcels: total > 1 ? line(t('widget.parcelsDelivered', { delivered, total })) : null,
    courier: tracking ? line(t('widget.shippedWith', { courier: tracking.courier_info.courier_name })) : null,
  };
}
