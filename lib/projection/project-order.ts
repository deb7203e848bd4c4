import type { AddressInput } from '@/lib/schemas/order';
import type { LocationInput, PickupLocationInput } from '@/lib/schemas/event';
import type { ArticleRow, CheckpointRow, TrackingRow } from '@/lib/db/schema';
import type { Translate } from '@/lib/i18n/messages';
import { courierInfo } from '@/lib/status/couriers';
import { formatDay, formatTimeOfDay } from '@/lib/time/format';
import { wallClock } from '@/lib/time/wall-clock';
import {
  type ExceptionType,
  type IconHint,
  LIFECYCLE_BY_STATUS,
  type LifecycleStatus,
  type NextAction,
  progressStepOf,
  type Step,
} from '@/lib/status/vocabulary';
import { countryName } from '@/lib/i18n/countries';
import { timelineFacts, type TimelineFacts } from './timeline';
import { transitHistoryKey, trendingLate } from './trending-late';
import type {
  AccessLevel,
  ActionBox,
  ArticleOut,
  CheckpointInfo,
  EstimatedDeliveryDate,
  OrderInfo,
  PredictionRaw,
  ProjectionInput,
  ReportingInfo,
  ShippingAddress,
  TrackingBundle,
  TrackingInfo,
} from './types';

const DAY_MS = 86_400_000;
const MAX_EXCEPTION_MESSAGES = 20;

function parseJson<T>(value: string | null | undefined): T | null {
  if (!value) return null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
function localDate(instant: Date | string, timeZone: string): string {
  return wallClock(instant, timeZone).date;
}

const ICON_BY_LIFECYCLE: Record<LifecycleStatus, IconHint> = {
  Pending: 'order_processed',
  InfoReceived: 'order_processed',
  InTransit: 'in_transit',
  OutForDelivery: 'out_for_delivery',
  FailedAttempt: 'warning',
  AvailableForPickup: 'pickup',
  Delivered: 'delivered',
  Exception: 'warning',
  Returned: 'return',
  Expired: 'warning',
};

const NEXT_ACTION_BY_EXCEPTION: Record<ExceptionType, NextAction> = {
  AddressIssue: 'contact_courier',
  CustomerRefusal: 'contact_merchant',
  Customs: 'pay_duties',
  Damaged: 'contact_merchant',
  DeliveryPayment: 'pay_duties',
  IdentFailed: 'contact_courier',
  ItemMissing: 'contact_merchant',
  Lost: 'contact_merchant',
  Weather: 'none',
  Other: 'contact_courier',
};

/** What the shopper should do after this checkpoint; the source may say so explicitly. */
export function nextActionFor(
  c: Pick<CheckpointRow, 'status_code' | 'exception_type' | 'next_action' | 'delivery_location_type'>,
): NextAction {
  if (c.next_action) return c.next_action;
  switch (c.status_code) {
    case 'FailedAttemptFirst':
    case 'FailedAttemptSecond':
      return 'arrange_redelivery';
    case 'FailedAttemptFinal':
      return c.delivery_location_type ? 'collect_parcel' : 'contact_courier';
    case 'PickupReady':
    case 'ReturnWarning':
      return 'collect_parcel';
    case 'Exception':
      return NEXT_ACTION_BY_EXCEPTION[c.exception_type ?? 'Other'];
    case 'Cancelled':
      return 'contact_merchant';
    default:
      return 'none';
  }
}

// Countries inside texts are named in the language asked for: `lang` governs every text.
function locationText(location: LocationInput | null, level: AccessLevel, locale: string): string | null {
  if (!location) return null;
  if ('text' in location) return level === 'full' ? location.text : null;
  const parts =
    level === 'full'
      ? [
          location.name,
          location.address,
          [location.postal_code, location.city].filter(Boolean).join(' '),
          countryName(location.country_iso3, locale),
        ]
      : [location.city, countryName(location.country_iso3, locale)];
  return parts.filter(Boolean).join(', ') || null;
}

function pickupAddress(p: PickupLocationInput, level: AccessLevel, locale: string): string {
  // A pickup point is usually in the recipient's postal code area: at the limited level its postal
  // code would give away the very proof that unlocks the full view.
  const parts =
    level === 'full'
      ? [
          p.name,
          p.address,
          [p.postal_code, p.city].filter(Boolean).join(' '),
          countryName(p.country_iso3, locale),
        ]
      : [p.name, p.city, countryName(p.country_iso3, locale)];
  return parts.filter(Boolean).join(', ');
}

const EMPTY_ADDRESS: ShippingAddress = {
  first_name: null,
  last_name: null,
  company_name: null,
  address_line: null,
  address_line_extra: null,
  postal_code: null,
  city: null,
  country_iso3: null,
  region_code: null,
  phone: null,
};

const ARTICLE_DEFAULTS: ArticleOut = {
  version: 'v1',
  line_item_id: null,
  product_id: null,
  sku: null,
  order_item_id: null,
  article_name: null,
  article_category: null,
  article_store_url: null,
  article_image_url: null,
  article_brand: null,
  size: null,
  color: null,
  width: null,
  height: null,
  length: null,
  length_unit: null,
  weight: null,
  weight_unit: null,
  unit_price: null,
  quantity: null,
  amount_invoiced: null,
  origin_country_iso3: null,
  is_bulky: null,
  tags: [],
  additional_attributes: [],
};

function articlesOut(rows: readonly ArticleRow[]): ArticleOut[] {
  return [...rows]
    .sort((a, b) => a.position - b.position)
    .map((row) => {
      const data = parseJson<Record<string, unknown>>(row.data) ?? {};
      const out: ArticleOut = { ...ARTICLE_DEFAULTS };
      // Article keys are the merchant's: a default only for a key of our own (not `constructor`).
      for (const [key, value] of Object.entries(data))
        out[key] = value ?? (Object.hasOwn(ARTICLE_DEFAULTS, key) ? ARTICLE_DEFAULTS[key] : null);
      return out;
    });
}

function describeWindow(raw: PredictionRaw, locale: string): string {
  const start = raw.earliest_date ?? raw.latest_date;
  const end = raw.latest_date ?? raw.earliest_date;
  let when = start ? formatDay(start, locale, 'UTC') : '';
  if (end && end !== start) when = `${when} – ${formatDay(end, locale, 'UTC')}`;
  if (raw.has_time && raw.earliest_time) {
    const time = (value: string) => formatTimeOfDay(value, locale);
    when += `, ${time(raw.earliest_time)}${raw.latest_time ? `–${time(raw.latest_time)}` : ''}`;
  }
  return when;
}

type Prediction = { raw: PredictionRaw; source: 'carrier' | 'announced' | 'today' };

function prediction(
  tracking: TrackingRow,
  facts: TimelineFacts,
  estimate: EstimatedDeliveryDate | null,
  today: string,
): Prediction | null {
  if (estimate?.start_date || estimate?.end_date) {
    const hasTime = Boolean(estimate.start_time);
    return {
      source: 'carrier',
      raw: {
        earliest_date: estimate.start_date ?? estimate.end_date,
        latest_date: estimate.end_date ?? estimate.start_date,
        has_time: hasTime,
        earliest_time: estimate.start_time ?? null,
        latest_time: estimate.end_time ?? null,
      },
    };
  }
  if (facts.lifecycle === 'OutForDelivery') {
    const raw = {
      earliest_date: today,
      latest_date: today,
      has_time: false,
      earliest_time: null,
      latest_time: null,
    };
    return { source: 'today', raw };
  }
  if (tracking.announced_delivery_date) {
    return {
      source: 'announced',
      raw: {
        earliest_date: tracking.announced_delivery_date_min ?? tracking.announced_delivery_date,
        latest_date: tracking.announced_delivery_date,
        has_time: false,
        earliest_time: null,
        latest_time: null,
      },
    };
  }
  return null;
}

function actionBox(
  facts: TimelineFacts,
  nextAction: NextAction,
  predicted: Prediction | null,
  pickup: PickupLocationInput | null,
  exceptionType: ExceptionType | null,
  t: Translate,
  locale: string,
  level: AccessLevel,
): ActionBox | null {
  const box = (
    type: ActionBox['type'],
    label: string,
    communication: string,
    caption: string | null,
    extra: Partial<ActionBox> = {},
  ): ActionBox => ({
    type,
    label,
    label_communication: communication,
    label_caption: caption,
    address: null,
    opening_hours: [],
    raw: null,
    ...extra,
  });

  switch (facts.lifecycle) {
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
          facts.statusCode === 'ReturnProcessed'
            ? 'actionBox.returned.labelCommunicationProcessed'
            : 'actionBox.returned.labelCommunication',
        ),
        t('actionBox.returned.labelCaption'),
      );
    case 'AvailableForPickup':
      if (pickup) {
        const place = pickup.name ?? (level === 'full' ? pickup.address : pickup.city);
        return box(
          'pickup-location',
          t('actionBox.pickupLocation.label'),
          // A limited view names the point without its street, as `address` does (see pickupAddress).
          place
            ? t('actionBox.pickupLocation.labelCommunication', { place })
            : t('actionBox.pickupLocationUnknown.labelCommunication'),
          t('actionBox.pickupLocation.labelCaption'),
          {
            address: pickupAddress(pickup, level, locale),
            opening_hours: (pickup.opening_hours ?? []).map(({ day, open, close }) => ({
              day,
              open: seedTime(open),
              close: seedTime(close),
            })),
          },
        );
      }
      return box(
        'pickup-location-unknown',
        t('actionBox.pickupLocationUnknown.label'),
        t('actionBox.pickupLocationUnknown.labelCommunication'),
        t('actionBox.pickupLocationUnknown.labelCaption'),
      );
    case 'InTransit':
    case 'OutForDelivery':
      if (!predicted) return null;
      return box(
        'prediction',
        t('actionBox.prediction.label'),
        t('actionBox.prediction.labelCommunication', {
          when: describeWindow(predicted.raw, locale),
        }),
        predicted.source === 'announced'
          ? t('actionBox.prediction.labelCaptionAnnounced')
          : t('actionBox.prediction.labelCaptionEstimate'),
        { raw: predicted.raw },
      );
    case 'Delivered':
      return null;
    default: {
      // FailedAttempt, Exception, Expired: tell the shopper what to do, if anything.
      const action = facts.lifecycle === 'Expired' ? 'contact_merchant' : nextAction;
      if (action === 'none') return null;
      return box(
        'next-action',
        t(`nextAction.${action}`),
        t(`nextActionDetails.${action}`),
        exceptionType
          ? t('actionBox.nextAction.labelCaptionException', { reason: t(`exceptionType.${exceptionType}`) })
          : null,
      );
    }
  }
}

/** A time of day as the seed writes it (`10:59:49`); merchants and carriers often send `10:59`. */
function seedTime(time: string): string;
function seedTime(time: string | null | undefined): string | null;
function seedTime(time: string | null | undefined): string | null {
  if (!time) return null;
  return /^\d\d:\d\d$/.test(time) ? `${time}:00` : time;
}

/** A stored delivery window with every field of the seed's shape, null where unknown. */
function deliveryWindow(json: string | null): EstimatedDeliveryDate | null {
  const window = parseJson<Partial<EstimatedDeliveryDate>>(json);
  if (!window) return null;
  return {
    start_date: window.start_date ?? null,
    end_date: window.end_date ?? null,
    start_time: seedTime(window.start_time),
    end_time: seedTime(window.end_time),
  };
}

function projectTracking(
  bundle: TrackingBundle,
  input: ProjectionInput,
  orderShipping: ShippingAddress | null,
) {
  const { tracking } = bundle;
  const { order, t, locale, level, now } = input;
  const full = level === 'full';
  const timeZone = tracking.timezone ?? order?.timezone ?? 'UTC';
  const today = localDate(now, timeZone);
  const facts = timelineFacts(bundle.checkpoints, tracking.created_at, now);
  const last = facts.last;

  // A response carries only a window of the newest checkpoints, so no tracking grows an answer to
  // megabytes; derived fields still come from all of them.
  const { offset, limit } = input.checkpointWindow ?? { offset: 0, limit: Infinity };
  const windowEnd = Math.max(0, facts.visible.length - offset);
  const windowStart = Math.max(0, windowEnd - limit);
  // An exception or return keeps the step the parcel had reached by then (SPEC §4).
  let reached: Step = 1;
  const checkpoints: CheckpointInfo[] = [];
  facts.visible.forEach((c, i) => {
    const code = c.status_code;
    reached = progressStepOf(code) ?? reached;
    if (i < windowStart || i >= windowEnd) return;
    checkpoints.push({
      step: reached,
      courier: tracking.courier,
      status_code: code,
      event_timestamp: c.event_timestamp,
      status_text: t(`status.${code}.text`),
      // The source's own words are specific but may name people: only at full access.
      status_details: (full ? c.event_details : null) ?? t(`status.${code}.details`),
      is_hidden: false,
      location: locationText(parseJson<LocationInput>(c.location), level, locale),
      delivery_location_type: c.delivery_location_type,
      delivery_extra_info: full ? c.delivery_extra_info : null,
      estimated_delivery_date: deliveryWindow(c.estimated_delivery),
      exception_type: c.exception_type,
      next_action: nextActionFor(c),
    });
  });

  const newest = <T>(pick: (c: CheckpointRow) => T | null): T | null => {
    for (let i = facts.visible.length - 1; i >= 0; i--) {
      const value = pick(facts.visible[i]!);
      if (value) return value;
    }
    return null;
  };
  const estimate = newest((c) => deliveryWindow(c.estimated_delivery));
  const pickup =
    facts.lifecycle === 'AvailableForPickup'
      ? newest((c) => parseJson<PickupLocationInput>(c.pickup_location))
      : null;

  const exceptionType =
    last && LIFECYCLE_BY_STATUS[last.status_code] === 'Exception' ? last.exception_type : null;
  const nextAction: NextAction = last ? nextActionFor(last) : 'none';

  const isReturned = facts.lifecycle === 'Returned' || facts.returned !== null;
  const active = !facts.isTerminal && !isReturned;
  const estimateEnd = estimate?.end_date ?? estimate?.start_date ?? null;
  const announced = tracking.announced_delivery_date;
  const isDelayed =
    active && ((announced !== null && announced < today) || (estimateEnd !== null && estimateEnd < today));
  const deliveredOn = facts.delivered ? localDate(facts.delivered.event_time, timeZone) : null;
  const promiseExceeded =
    announced !== null && (deliveredOn !== null ? deliveredOn > announced : active && announced < today);

  const createdMs = Date.parse(tracking.created_at);
  const orderDateMs = order?.order_date ? Date.parse(order.order_date) : null;
  const firstScanMs = facts.firstScan ? Date.parse(facts.firstScan.event_time) : null;
  const cancelled = facts.statusCode === 'Cancelled';
  const history = input.transitHistory.get(
    transitHistoryKey(
      tracking.courier,
      tracking.destination_country_iso3 ?? order?.destination_country_iso3 ?? null,
    ),
  );
  const trend =
    active && firstScanMs !== null
      ? trendingLate(now.getTime() - firstScanMs, history)
      : trendingLate(null, history);

  const deliveredAtPoint =
    facts.delivered &&
    (facts.pickupReady !== null ||
      ['ParcelShop', 'ParcelLocker', 'PostOffice'].includes(facts.delivered.delivery_location_type ?? ''));
  const reporting: ReportingInfo = {
    is_forgotten: firstScanMs === null && !cancelled && !isReturned && now.getTime() - createdMs > 3 * DAY_MS,
    is_delayed: isDelayed,
    has_failed_attempt: facts.hasFailedAttempt,
    is_delayed_dispatch:
      orderDateMs !== null && !cancelled && (firstScanMs ?? now.getTime()) - orderDateMs > 2 * DAY_MS,
    is_returned: isReturned,
    is_customer_promise_exceeded: promiseExceeded,
    trending_late_probability: trend.probability,
    trending_late_status: trend.status,
    contacted_with_messages: [],
    // Distinct messages, a handful at most: a long-lived parcel may have thousands of exceptions.
    exception_messages: [
      ...new Set(
        facts.visible
          .filter((c) => LIFECYCLE_BY_STATUS[c.status_code] === 'Exception')
          .map((c) =>
            c.exception_type ? t(`exceptionType.${c.exception_type}`) : t(`status.${c.status_code}.details`),
          ),
      ),
    ].slice(-MAX_EXCEPTION_MESSAGES),
    // The shop handed the parcel over at the first carrier scan; "pickup" is the shopper collecting
    // it from a pickup point.
    courier_dropoff_date: facts.firstScan?.event_timestamp ?? null,
    in_transit_date: facts.inTransit?.event_timestamp ?? null,
    pickup_date: deliveredAtPoint ? facts.delivered!.event_timestamp : null,
    delivery_date: facts.delivered?.event_timestamp ?? null,
    returned_date: facts.returned?.event_timestamp ?? null,
  };

  const deliveredCheckpoint =
    facts.delivered ?? (facts.lifecycle === 'AvailableForPickup' ? facts.pickupReady : null);
  const locationType = deliveredCheckpoint?.delivery_location_type ?? null;
  let deliveryLocation: string | null = locationType;
  if (full && locationType && deliveredCheckpoint) {
    const place = parseJson<PickupLocationInput>(deliveredCheckpoint.pickup_location);
    const detail = place ? pickupAddress(place, 'full', locale) : deliveredCheckpoint.delivery_extra_info;
    if (detail) deliveryLocation = `${locationType}: ${detail}`;
  }

  const statusCode = facts.statusCode;
  const courier = courierInfo(tracking.courier, tracking.tracking_number);
  const lastMile = tracking.last_mile_courier
    ? courierInfo(tracking.last_mile_courier, tracking.tracking_number)
    : null;
  const ownArticles = articlesOut(bundle.articles);
  const articles =
    ownArticles.length > 0 || input.trackings.length !== 1 ? ownArticles : articlesOut(input.orderArticles);

  const info: TrackingInfo = {
    tracking_id: tracking.public_id,
    tracking_number: tracking.tracking_number,
    courier_info: {
      courier: tracking.courier,
      courier_name: courier.name,
      courier_tracking_url: courier.trackingUrl,
      courier_reroute_url: active ? courier.rerouteUrl : null,
      last_mile_courier: tracking.last_mile_courier,
      last_mile_courier_name: lastMile?.name ?? null,
    },
    last_delivery_status: {
      step: facts.step,
      status_code: statusCode,
      status_text: facts.lifecycle === 'Expired' ? t('lifecycle.Expired') : t(`status.${statusCode}.text`),
      status_details:
        facts.lifecycle === 'Expired'
          ? t('lifecycle.expiredDetails')
          : exceptionType
            ? t(`exceptionType.${exceptionType}`)
            : t(`status.${statusCode}.details`),
      lifecycle_status: facts.lifecycle,
      delivery_extra_info: full ? (last?.delivery_extra_info ?? null) : null,
      exception_type: exceptionType,
      event_timestamp: last?.event_timestamp ?? null,
      next_action: nextAction,
      icon_hint: ICON_BY_LIFECYCLE[facts.lifecycle],
    },
    delivery_location: deliveryLocation,
    is_delayed: isDelayed,
    is_exception: facts.lifecycle === 'Exception',
    is_return: tracking.is_return === 1 || isReturned,
    action_box: actionBox(
      facts,
      nextAction,
      active ? prediction(tracking, facts, estimate, today) : null,
      pickup,
      exceptionType,
      t,
      locale,
      level,
    ),
    recipient_name: full ? (order?.recipient_name ?? null) : null,
    recipient_email: full ? (order?.recipient_email ?? null) : null,
    destination_country_iso3: tracking.destination_country_iso3 ?? order?.destination_country_iso3 ?? null,
    recipient_postal_code: full
      ? (tracking.recipient_postal_code ?? orderShipping?.postal_code ?? null)
      : null,
    identifiers_consignment: tracking.identifiers_consignment,
    shipping_address: full ? orderShipping : null,
    articles: full ? articles : [],
    additional_attributes: full ? parseJson<Record<string, unknown>>(tracking.additional_attributes) : null,
    announced_delivery_date: tracking.announced_delivery_date,
    announced_delivery_date_min: tracking.announced_delivery_date_min,
    pod_identifier: tracking.pod_identifier,
    pod_signature: full ? tracking.pod_signature : null,
    pod_date: tracking.pod_date,
    timezone: tracking.timezone ?? order?.timezone ?? null,
    reporting_info: reporting,
    supports_live_refresh: input.liveRefreshCouriers.has(tracking.courier) && !facts.isTerminal,
    checkpoints,
    checkpoints_omitted: facts.visible.length - checkpoints.length,
  };
  return info;
}

/** Stored rows → the seed's order object at the given access level, with every derived field. */
export function projectOrder(input: ProjectionInput): OrderInfo {
  const { order, level } = input;
  const full = level === 'full';
  const address = parseJson<AddressInput>(order?.shipping_address);
  const shipping: ShippingAddress | null = address ? { ...EMPTY_ADDRESS, ...address } : null;
  const trackings = [...input.trackings]
    .sort((a, b) => a.tracking.position - b.tracking.position || a.tracking.id - b.tracking.id)
    .map((bundle) => projectTracking(bundle, input, shipping));
  return {
    order_number: order?.order_number ?? null,
    client_key: order?.client_key || null,
    order_date: order?.order_date ?? null,
    recipient_name: full ? (order?.recipient_name ?? null) : null,
    recipient_email: full ? (order?.recipient_email ?? null) : null,
    destination_country_iso3:
      order?.destination_country_iso3 ?? trackings[0]?.destination_country_iso3 ?? null,
    trackings,
  };
}
