import { type Branding, STORED_LOGO_PATH } from '@/lib/branding/branding';
import { RTL_LOCALES } from '@/lib/i18n/locales';
import type { MessageKey, Translate } from '@/lib/i18n/messages';
import { needsAttention } from '@/lib/projection/attention';
import { returnJourney } from '@/lib/projection/parcel-state';
import { liveTrackings } from '@/lib/projection/replaced-labels';
import type { OrderInfo, TrackingInfo } from '@/lib/projection/types';
import type { NextAction } from '@/lib/status/vocabulary';
import { formatDay, formatTimeRange } from '@/lib/time/format';
import { calendarDay, wallClock } from '@/lib/time/wall-clock';
import { textPieces } from './visual-text';

/** A text as drawable pieces (see textPieces): one piece for left-to-right languages. */
export type Text = string[];

/** What the card says, in plain words (also the email's text for clients that block images). */
export type WidgetTexts = {
  headline: string;
  /** One line under the headline: when, or what the shopper must do (`tone: 'action'`). */
  detail: { text: string; tone: 'plain' | 'late' | 'action' } | null;
  /** Steps reached of the journey's steps: five for a delivery, three for a return (four refunded). */
  progress: { done: number; of: number };
  warning: boolean;
  parcels: string | null;
  courier: string | null;
};

/** Everything the card shows, ready to draw. Built only from status data: no PII. */
export type WidgetModel = Omit<WidgetTexts, 'headline' | 'detail' | 'parcels' | 'courier'> & {
  direction: 'ltr' | 'rtl';
  locale: string;
  brandName: Text;
  /** One of our stored logos (its path names its bytes), drawn in place of the name; null for none. */
  logo: string | null;
  color: string;
  onColor: string;
  headline: Text;
  detail: { text: Text; tone: 'plain' | 'late' | 'action' } | null;
  parcels: Text | null;
  courier: Text | null;
};

const ACTION_LINES: Record<Exclude<NextAction, 'none'>, MessageKey> = {
  collect_parcel: 'widgetCard.actionCollectParcel',
  arrange_redelivery: 'widgetCard.actionArrangeRedelivery',
  contact_courier: 'widgetCard.actionContactCourier',
  pay_duties: 'widgetCard.actionPayDuties',
  contact_merchant: 'widgetCard.actionContactShop',
};

const isDelivered = (t: TrackingInfo) => t.last_delivery_status.lifecycle_status === 'Delivered';
/** A return is home once the shop has it: a return label's "delivered" is the shop receiving it. */
const returnReceived = (t: TrackingInfo) =>
  isDelivered(t) || t.last_delivery_status.status_code === 'ReturnProcessed';

/**
 * The parcel the card is about: the first delivery still under way, else a return (one still under
 * way first), else the last one delivered. A label the shop cancelled and replaced is never it: the
 * replacement is what the shopper waits for.
 */
function primaryTracking(info: OrderInfo): TrackingInfo | undefined {
  const live = liveTrackings(info);
  const returns = live.filter((t) => t.is_return);
  return (
    live.find((t) => !t.is_return && !isDelivered(t)) ??
    returns.find((t) => !returnReceived(t)) ??
    returns.at(-1) ??
    live.at(-1)
  );
}

/** What a problem asks of the shopper; null when nothing (or when it is not a problem state). */
function actionOf(tracking: TrackingInfo): Exclude<NextAction, 'none'> | null {
  const { lifecycle_status: lifecycle, status_code, next_action } = tracking.last_delivery_status;
  if (lifecycle === 'Expired') return 'contact_merchant';
  const problem =
    lifecycle === 'FailedAttempt' || lifecycle === 'Exception' || status_code === 'ReturnWarning';
  return problem && next_action !== 'none' ? next_action : null;
}

/**
 * A return's three steps: registered, on its way back, received by the shop; and a fourth, refund
 * processed, once the shop reports it (the page's journey decides).
 */
function returnTexts(
  tracking: TrackingInfo,
  locale: string,
  t: Translate,
): Pick<WidgetTexts, 'headline' | 'detail' | 'progress'> {
  const status = tracking.last_delivery_status;
  const timeZone = tracking.timezone ?? 'UTC';
  const refundedAt = returnJourney(tracking)?.refundedAt;
  if (refundedAt) {
    const date = formatDay(refundedAt, locale, timeZone);
    return {
      headline: t('widgetCard.refundProcessed'),
      detail: { text: t('widgetCard.refundProcessedOn', { date }), tone: 'plain' },
      progress: { done: 4, of: 4 },
    };
  }
  if (returnReceived(tracking)) {
    const at = tracking.reporting_info.returned_date ?? tracking.reporting_info.delivery_date;
    return {
      headline: t('widgetCard.returnReceived'),
      detail: at
        ? { text: t('widgetCard.returnReceivedOn', { date: formatDay(at, locale, timeZone) }), tone: 'plain' }
        : null,
      progress: { done: 3, of: 3 },
    };
  }
  const registered = status.lifecycle_status === 'Pending' || status.lifecycle_status === 'InfoReceived';
  return {
    headline: t(registered ? 'widgetCard.returnRegistered' : 'widgetCard.returnOnItsWay'),
    detail: null,
    progress: { done: registered ? 1 : 2, of: 3 },
  };
}

/**
 * When a parcel under way comes: today with its window, a day, or — once that day has passed —
 * an apology instead of a date in the past.
 */
function whenText(tracking: TrackingInfo, locale: string, t: Translate, now: Date): WidgetTexts['detail'] {
  const timeZone = tracking.timezone ?? 'UTC';
  const raw = tracking.action_box?.type === 'prediction' ? tracking.action_box.raw : null;
  const day = raw?.latest_date ?? raw?.earliest_date;
  const today = wallClock(now, timeZone).date;
  const dayOf = (value: string) => calendarDay(value, timeZone);
  const late = { text: t('widgetCard.delayed'), tone: 'late' } as const;
  if (!day) return tracking.is_delayed ? late : null;
  if (dayOf(day) < today) return late;
  const window =
    raw?.has_time && raw.earliest_time ? formatTimeRange(raw.earliest_time, raw.latest_time, locale) : null;
  const sameDay = !raw?.earliest_date || dayOf(raw.earliest_date) === dayOf(day);
  if (dayOf(day) === today && sameDay) {
    return {
      text: window ? t('widgetCard.arrivingTodayWindow', { window }) : t('widgetCard.arrivingToday'),
      tone: 'plain',
    };
  }
  const date = formatDay(day, locale, timeZone);
  return {
    text:
      window && sameDay ? t('widgetCard.expectedWindow', { date, window }) : t('widget.expected', { date }),
    tone: 'plain',
  };
}

/** The card's words, for the image and for the email's text fallback. `now` decides "today" and "late". */
export function widgetTexts(info: OrderInfo, locale: string, t: Translate, now: Date): WidgetTexts {
  const tracking = primaryTracking(info);
  const live = liveTrackings(info).filter((tr) => !tr.is_return);
  const delivered = live.filter(isDelivered).length;
  const parcels = live.length > 1 ? t('widget.parcelsDelivered', { delivered, total: live.length }) : null;
  if (!tracking) {
    return {
      headline: t('widget.preparing'),
      detail: null,
      progress: { done: 1, of: 5 },
      warning: false,
      parcels,
      courier: null,
    };
  }
  const status = tracking.last_delivery_status;
  const courierName = { courier: tracking.courier_info.courier_name };
  // A parcel about to go back can still be collected: that is a problem to act on, not a return.
  if (tracking.is_return && status.status_code !== 'ReturnWarning') {
    const courier = t('widgetCard.returnCourier', courierName);
    return { ...returnTexts(tracking, locale, t), warning: false, parcels, courier };
  }
  const courier = t('widget.shippedWith', courierName);
  const action = actionOf(tracking);
  const deliveredAt = tracking.reporting_info.delivery_date;
  let detail: WidgetTexts['detail'] = null;
  if (action) detail = { text: t(ACTION_LINES[action]), tone: 'action' };
  else if (isDelivered(tracking)) {
    detail = deliveredAt
      ? {
          text: t('widget.deliveredOn', { date: formatDay(deliveredAt, locale, tracking.timezone ?? 'UTC') }),
          tone: 'plain',
        }
      : null;
  } else if (status.lifecycle_status === 'InTransit' || status.lifecycle_status === 'OutForDelivery') {
    detail = whenText(tracking, locale, t, now);
  }
  return {
    headline: status.status_text,
    detail,
    progress: { done: status.step, of: 5 },
    warning: needsAttention(tracking),
    parcels,
    courier,
  };
}

export function widgetModel(
  info: OrderInfo,
  branding: Branding,
  locale: string,
  t: Translate,
  now: Date,
): WidgetModel {
  const direction = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
  const line = (text: string) => textPieces(text, direction);
  const texts = widgetTexts(info, locale, t, now);
  return {
    ...texts,
    direction,
    locale,
    brandName: line(branding.name),
    // An https logo would be fetched by the renderer from a host it does not know: the name instead.
    logo: branding.logoUrl && STORED_LOGO_PATH.test(branding.logoUrl) ? branding.logoUrl : null,
    color: branding.color,
    onColor: branding.onColor,
    headline: line(texts.headline),
    detail: texts.detail && { text: line(texts.detail.text), tone: texts.detail.tone },
    parcels: texts.parcels === null ? null : line(texts.parcels),
    courier: texts.courier === null ? null : line(texts.courier),
  };
}
