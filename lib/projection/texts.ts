import type { LocationInput, PickupLocationInput } from '@/lib/schemas/event';
import { countryName } from '@/lib/i18n/countries';
import type { Translate } from '@/lib/i18n/messages';
import { formatDayWindow } from '@/lib/time/format';
import { calendarDay } from '@/lib/time/wall-clock';
import type { CheckpointFacts, DeliveredTo, OrderFacts, TrackingFacts } from './facts';
import { refundProcessedAt } from './refund';
import type { AccessLevel, ActionBox, CheckpointInfo, OrderInfo, PredictionRaw, TrackingInfo } from './types';

// The second pass of the projection: the facts in words, in the language asked for. It writes the
// full view; where the limited view shows a text of its own rather than none, it writes that too,
// and the redaction (redaction.ts) picks.

const MAX_EXCEPTION_MESSAGES = 20;

/** The texts the limited view shows in place of the full view's, at the same place in the order. */
export type LimitedTexts = { trackings: LimitedTrackingTexts[] };
type LimitedTrackingTexts = {
  delivery_location: string | null;
  action_box: Pick<ActionBox, 'label_communication' | 'address'> | null;
  checkpoints: Pick<CheckpointInfo, 'status_details' | 'location'>[];
  additional_attributes: { refund_processed_at: string } | null;
};

type Variants<Full, Limited> = { full: Full; limited: Limited };

type Place = Exclude<LocationInput, { text: string }>;

/**
 * A place in words: all of it, or for the limited view its city and country only. The country is
 * named in the language asked for: `lang` governs every text.
 */
function placeText(p: Place, view: AccessLevel, locale: string): string {
  const country = countryName(p.country_iso3, locale);
  const parts =
    view === 'full'
      ? [p.name, p.address, [p.postal_code, p.city].filter(Boolean).join(' '), country]
      : [p.city, country];
  return parts.filter(Boolean).join(separatorOf(locale));
}

// Arabic script separates with its own comma: a Latin one reads as stray punctuation there.
const separatorOf = (locale: string) => (locale === 'ar' ? '، ' : ', ');

function locationText(location: LocationInput | null, view: AccessLevel, locale: string): string | null {
  if (!location) return null;
  if ('text' in location) return view === 'full' ? location.text : null;
  return placeText(location, view, locale) || null;
}

function pickupAddress(p: PickupLocationInput, view: AccessLevel, locale: string): string {
  // A pickup point is usually in the recipient's postal code area: at the limited level its postal
  // code would give away the very proof that unlocks the full view. Its name is the shop's own.
  if (view === 'full') return placeText(p, view, locale);
  return [p.name, placeText(p, view, locale)].filter(Boolean).join(separatorOf(locale));
}

function describeWindow(raw: PredictionRaw, locale: string, timeZone: string): string {
  const start = raw.earliest_date ?? raw.latest_date;
  const end = raw.latest_date ?? raw.earliest_date;
  if (!start || !end) return '';
  return formatDayWindow(
    {
      startDay: calendarDay(start, timeZone),
      endDay: calendarDay(end, timeZone),
      from: raw.has_time ? raw.earliest_time : null,
      to: raw.has_time ? raw.latest_time : null,
    },
    locale,
  );
}

function actionBox(
  f: TrackingFacts,
  t: Translate,
  locale: string,
): Variants<ActionBox, NonNullable<LimitedTrackingTexts['action_box']>> | null {
  const box = (
    type: ActionBox['type'],
    label: string,
    communication: string,
    caption: string | null,
    extra: Partial<ActionBox> = {},
  ) => {
    const full: ActionBox = {
      type,
      label,
      label_communication: communication,
      label_caption: caption,
      address: null,
      opening_hours: [],
      raw: null,
      ...extra,
    };
    return { full, limited: { label_communication: full.label_communication, address: full.address } };
  };

  const { lifecycle, statusCode } = f.timeline;
  switch (lifecycle) {
    case 'Pending':
    case 'InfoReceived':
      return box(
        'order-processed',
        t('actionBox.orderProcessed.label'),
        t('actionBox.orderProcessed.labelCommunication'),
        t('actionBox.orderProcessed.labelCaption'),
      );
    case 'Returned':
      return box(
        'returned',
        t('actionBox.returned.label'),
        t(
          statusCode === 'ReturnProcessed'
            ? 'actionBox.returned.labelCommunicationProcessed'
            : 'actionBox.returned.labelCommunication',
        ),
        t('actionBox.returned.labelCaption'),
      );
    case 'AvailableForPickup': {
      const { pickup } = f;
      if (pickup) {
        // The limited view names the point without its street, as its address does.
        const communication = (view: AccessLevel) => {
          const place = pickup.name ?? (view === 'full' ? pickup.address : pickup.city);
          return place
            ? t('actionBox.pickupLocation.labelCommunication', { place })
            : t('actionBox.pickupLocationUnknown.labelCommunication');
        };
        const { full } = box(
          'pickup-location',
          t('actionBox.pickupLocation.label'),
          communication('full'),
          t('actionBox.pickupLocation.labelCaption'),
          { address: pickupAddress(pickup, 'full', locale), opening_hours: pickup.opening_hours },
        );
        const limited = {
          label_communication: communication('limited'),
          address: pickupAddress(pickup, 'limited', locale),
        };
        return { full, limited };
      }
      return box(
        'pickup-location-unknown',
        t('actionBox.pickupLocationUnknown.label'),
        t('actionBox.pickupLocationUnknown.labelCommunication'),
        t('actionBox.pickupLocationUnknown.labelCaption'),
      );
    }
    case 'InTransit':
    case 'OutForDelivery': {
      const { prediction } = f;
      if (!prediction) return null;
      return box(
        'prediction',
        t('actionBox.prediction.label'),
        t('actionBox.prediction.labelCommunication', {
          when: describeWindow(prediction.raw, locale, f.timeZone ?? 'UTC'),
        }),
        prediction.source === 'announced'
          ? t('actionBox.prediction.labelCaptionAnnounced')
          : t('actionBox.prediction.labelCaptionEstimate'),
        { raw: prediction.raw },
      );
    }
    case 'Delivered':
      return null;
    default: {
      // FailedAttempt, Exception, Expired: tell the shopper what to do, if anything.
      const action = lifecycle === 'Expired' ? 'contact_merchant' : f.nextAction;
      if (action === 'none') return null;
      return box(
        'next-action',
        t(`nextAction.${action}`),
        t(`nextActionDetails.${action}`),
        f.exceptionType
          ? t('actionBox.nextAction.labelCaptionException', { reason: t(`exceptionType.${f.exceptionType}`) })
          : null,
      );
    }
  }
}

/** "ParcelShop: Kiosk am Markt, Marktplatz 3, 10117 Berlin"; the limited view says only the type. */
function deliveryLocation({ type, place, extraInfo }: DeliveredTo, locale: string): Variants<string, string> {
  const detail = place ? pickupAddress(place, 'full', locale) : extraInfo;
  return { full: detail ? `${type}: ${detail}` : type, limited: type };
}

function checkpointTexts(
  c: CheckpointFacts,
  courier: string,
  t: Translate,
  locale: string,
): Variants<CheckpointInfo, LimitedTrackingTexts['checkpoints'][number]> {
  const { row } = c;
  const ownDetails = t(`status.${row.status_code}.details`);
  const full: CheckpointInfo = {
    step: c.step,
    courier,
    status_code: row.status_code,
    event_timestamp: row.event_timestamp,
    status_text: t(`status.${row.status_code}.text`),
    // The source's own words are specific but may name people: the limited view has ours.
    status_details: row.event_details ?? ownDetails,
    is_hidden: false,
    location: locationText(c.location, 'full', locale),
    delivery_location_type: row.delivery_location_type,
    delivery_extra_info: row.delivery_extra_info,
    estimated_delivery_date: c.estimatedDelivery,
    exception_type: row.exception_type,
    next_action: c.nextAction,
  };
  return {
    full,
    limited: { status_details: ownDetails, location: locationText(c.location, 'limited', locale) },
  };
}

function trackingTexts(
  f: TrackingFacts,
  facts: OrderFacts,
  t: Translate,
  locale: string,
): Variants<TrackingInfo, LimitedTrackingTexts> {
  const { tracking, timeline, exceptionType } = f;
  const { order } = facts;
  const checkpoints = f.checkpoints.map((c) => checkpointTexts(c, tracking.courier, t, locale));
  const box = actionBox(f, t, locale);
  const location = f.deliveredTo && deliveryLocation(f.deliveredTo, locale);
  const refundedAt = f.isReturn ? refundProcessedAt(f.additionalAttributes) : null;

  const full: TrackingInfo = {
    tracking_id: tracking.public_id,
    tracking_number: tracking.tracking_number,
    courier_info: f.courier,
    last_delivery_status: {
      step: timeline.step,
      status_code: timeline.statusCode,
      status_text:
        timeline.lifecycle === 'Expired' ? t('lifecycle.Expired') : t(`status.${timeline.statusCode}.text`),
      status_details:
        timeline.lifecycle === 'Expired'
          ? t('lifecycle.expiredDetails')
          : exceptionType
            ? t(`exceptionType.${exceptionType}`)
            : t(`status.${timeline.statusCode}.details`),
      lifecycle_status: timeline.lifecycle,
      delivery_extra_info: timeline.last?.delivery_extra_info ?? null,
      exception_type: exceptionType,
      event_timestamp: timeline.last?.event_timestamp ?? null,
      next_action: f.nextAction,
      icon_hint: f.iconHint,
    },
    delivery_location: location?.full ?? null,
    is_delayed: f.isDelayed,
    is_exception: f.isException,
    is_return: f.isReturn,
    action_box: box?.full ?? null,
    recipient_name: order?.recipient_name ?? null,
    recipient_email: order?.recipient_email ?? null,
    destination_country_iso3: f.destinationCountry,
    recipient_postal_code: f.recipientPostalCode,
    identifiers_consignment: tracking.identifiers_consignment,
    shipping_address: facts.shippingAddress,
    articles: f.articles,
    additional_attributes: f.additionalAttributes,
    announced_delivery_date: tracking.announced_delivery_date,
    announced_delivery_date_min: tracking.announced_delivery_date_min,
    pod_identifier: tracking.pod_identifier,
    pod_signature: tracking.pod_signature,
    pod_date: tracking.pod_date,
    timezone: f.timeZone,
    reporting_info: {
      ...f.reportingFlags,
      contacted_with_messages: [],
      // Distinct messages, a handful at most: a long-lived parcel may have thousands of exceptions.
      exception_messages: [
        ...new Set(
          f.exceptions.map((c) =>
            c.exception_type ? t(`exceptionType.${c.exception_type}`) : t(`status.${c.status_code}.details`),
          ),
        ),
      ].slice(-MAX_EXCEPTION_MESSAGES),
      ...f.reportingDates,
    },
    supports_live_refresh: f.supportsLiveRefresh,
    checkpoints: checkpoints.map((c) => c.full),
    checkpoints_omitted: timeline.visible.length - checkpoints.length,
  };
  return {
    full,
    limited: {
      delivery_location: location?.limited ?? null,
      action_box: box?.limited ?? null,
      checkpoints: checkpoints.map((c) => c.limited),
      additional_attributes: refundedAt ? { refund_processed_at: refundedAt } : null,
    },
  };
}

/** The order's facts in words: the full view, and the texts the limited view shows instead. */
export function orderTexts(
  facts: OrderFacts,
  t: Translate,
  locale: string,
): { full: OrderInfo; limited: LimitedTexts } {
  const { order } = facts;
  const trackings = facts.trackings.map((f) => trackingTexts(f, facts, t, locale));
  return {
    full: {
      order_number: order?.order_number ?? null,
      client_key: order?.client_key || null,
      order_date: order?.order_date ?? null,
      recipient_name: order?.recipient_name ?? null,
      recipient_email: order?.recipient_email ?? null,
      destination_country_iso3:
        order?.destination_country_iso3 ?? trackings[0]?.full.destination_country_iso3 ?? null,
      trackings: trackings.map((tr) => tr.full),
    },
    limited: { trackings: trackings.map((tr) => tr.limited) },
  };
}
