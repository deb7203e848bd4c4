import type { LocationInput, PickupLocationInput } from '@/lib/schemas/event';
import type { AddressInput } from '@/lib/schemas/order';
import type { ArticleRow, CheckpointRow, OrderRow, TrackingRow } from '@/lib/db/schema';
import { courierInfo } from '@/lib/status/couriers';
import {
  type DeliveryLocationType,
  type ExceptionType,
  type IconHint,
  LIFECYCLE_BY_STATUS,
  type LifecycleStatus,
  type NextAction,
  progressStepOf,
  type Step,
} from '@/lib/status/vocabulary';
import { wallClock } from '@/lib/time/wall-clock';
import { timelineFacts, type TimelineFacts } from './timeline';
import { transitHistoryKey, trendingLate } from './trending-late';
import type {
  ArticleOut,
  CourierInfoOut,
  EstimatedDeliveryDate,
  PredictionRaw,
  ProjectionInput,
  ReportingInfo,
  ShippingAddress,
  TrackingBundle,
} from './types';

// The first pass of the projection: what is true of an order, worked out from its stored rows.
// No texts and no access level: those are the next two passes (texts.ts, redaction.ts).

const DAY_MS = 86_400_000;

export type CheckpointFacts = {
  row: CheckpointRow;
  /** The step the parcel had reached by this checkpoint: exceptions and returns keep it (SPEC §4). */
  step: Step;
  location: LocationInput | null;
  estimatedDelivery: EstimatedDeliveryDate | null;
  nextAction: NextAction;
};

type Prediction = { raw: PredictionRaw; source: 'carrier' | 'announced' | 'today' };

/** Where a delivered parcel, or one waiting at a pickup point, is. */
export type DeliveredTo = {
  type: DeliveryLocationType;
  place: PickupLocationInput | null;
  extraInfo: string | null;
};

type ReportingDate =
  'courier_dropoff_date' | 'in_transit_date' | 'pickup_date' | 'delivery_date' | 'returned_date';

export type TrackingFacts = {
  tracking: TrackingRow;
  timeline: TimelineFacts;
  /** The window of checkpoints the response carries (see ProjectionInput.checkpointWindow). */
  checkpoints: CheckpointFacts[];
  exceptionType: ExceptionType | null;
  nextAction: NextAction;
  iconHint: IconHint;
  /** While the parcel is under way: when it is expected. */
  prediction: Prediction | null;
  /** The pickup point a parcel waits at, its opening hours written as the seed writes times. */
  pickup: PickupLocationInput | null;
  deliveredTo: DeliveredTo | null;
  /** Where and until when a pickup point or post office keeps a parcel the shopper must collect. */
  hold: { place: string | null; until: string | null } | null;
  /** Every visible checkpoint of an exception, oldest first. */
  exceptions: CheckpointRow[];
  isDelayed: boolean;
  isException: boolean;
  isReturn: boolean;
  reportingFlags: Omit<ReportingInfo, 'contacted_with_messages' | 'exception_messages' | ReportingDate>;
  reportingDates: Pick<ReportingInfo, ReportingDate>;
  courier: CourierInfoOut;
  articles: ArticleOut[];
  additionalAttributes: Record<string, unknown> | null;
  recipientPostalCode: string | null;
  destinationCountry: string | null;
  timeZone: string | null;
  supportsLiveRefresh: boolean;
};

/** What the facts are worked out from: no language and no access level, those come later. */
export type FactsInput = Pick<
  ProjectionInput,
  | 'order'
  | 'orderArticles'
  | 'trackings'
  | 'transitHistory'
  | 'liveRefreshCouriers'
  | 'now'
  | 'checkpointWindow'
>;

export type OrderFacts = {
  order: OrderRow | null;
  shippingAddress: ShippingAddress | null;
  /** The order's own items, which trackings may not list (or no tracking exists yet). */
  articles: ArticleOut[];
  trackings: TrackingFacts[];
};

function parseJson<T>(value: string | null | undefined): T | null {
  if (!value) return null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
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
function nextActionFor(c: CheckpointRow): NextAction {
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

function prediction(
  tracking: TrackingRow,
  timeline: TimelineFacts,
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
  if (timeline.lifecycle === 'OutForDelivery') {
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

/**
 * A response carries only a window of the newest checkpoints, so no tracking grows an answer to
 * megabytes; derived fields still come from all of them.
 */
function checkpointWindow(visible: readonly CheckpointRow[], input: FactsInput): CheckpointFacts[] {
  const { offset, limit } = input.checkpointWindow ?? { offset: 0, limit: Infinity };
  const windowEnd = Math.max(0, visible.length - offset);
  const windowStart = Math.max(0, windowEnd - limit);
  let reached: Step = 1;
  const checkpoints: CheckpointFacts[] = [];
  visible.forEach((row, i) => {
    reached = progressStepOf(row.status_code) ?? reached;
    if (i < windowStart || i >= windowEnd) return;
    checkpoints.push({
      row,
      step: reached,
      location: parseJson<LocationInput>(row.location),
      estimatedDelivery: deliveryWindow(row.estimated_delivery),
      nextAction: nextActionFor(row),
    });
  });
  return checkpoints;
}

function trackingFacts(
  bundle: TrackingBundle,
  input: FactsInput,
  shippingAddress: ShippingAddress | null,
): TrackingFacts {
  const { tracking } = bundle;
  const { order, now } = input;
  const timeZone = tracking.timezone ?? order?.timezone ?? null;
  const localDate = (instant: Date | string) => wallClock(instant, timeZone ?? 'UTC').date;
  const today = localDate(now);
  const timeline = timelineFacts(bundle.checkpoints, tracking.created_at, now);
  const { visible, last } = timeline;

  const newest = <T>(pick: (c: CheckpointRow) => T | null): T | null => {
    for (let i = visible.length - 1; i >= 0; i--) {
      const value = pick(visible[i]!);
      if (value) return value;
    }
    return null;
  };
  const estimate = newest((c) => deliveryWindow(c.estimated_delivery));
  const pickupPoint =
    timeline.lifecycle === 'AvailableForPickup'
      ? newest((c) => parseJson<PickupLocationInput>(c.pickup_location))
      : null;
  const holdPoint =
    timeline.lifecycle === 'FailedAttempt'
      ? newest((c) => parseJson<PickupLocationInput>(c.pickup_location))
      : pickupPoint;
  const pickup = pickupPoint && {
    ...pickupPoint,
    opening_hours: (pickupPoint.opening_hours ?? []).map(({ day, open, close }) => ({
      day,
      open: seedTime(open),
      close: seedTime(close),
    })),
  };

  const exceptionType =
    last && LIFECYCLE_BY_STATUS[last.status_code] === 'Exception' ? last.exception_type : null;

  const isReturned = timeline.lifecycle === 'Returned' || timeline.returned !== null;
  const active = !timeline.isTerminal && !isReturned;
  const estimateEnd = estimate?.end_date ?? estimate?.start_date ?? null;
  const announced = tracking.announced_delivery_date;
  const isDelayed =
    active && ((announced !== null && announced < today) || (estimateEnd !== null && estimateEnd < today));
  const deliveredOn = timeline.delivered ? localDate(timeline.delivered.event_time) : null;
  const promiseExceeded =
    announced !== null && (deliveredOn !== null ? deliveredOn > announced : active && announced < today);

  const createdMs = Date.parse(tracking.created_at);
  const orderDateMs = order?.order_date ? Date.parse(order.order_date) : null;
  const firstScanMs = timeline.firstScan ? Date.parse(timeline.firstScan.event_time) : null;
  const cancelled = timeline.statusCode === 'Cancelled';
  const destinationCountry = tracking.destination_country_iso3 ?? order?.destination_country_iso3 ?? null;
  const history = input.transitHistory.get(transitHistoryKey(tracking.courier, destinationCountry));
  const trend =
    active && firstScanMs !== null
      ? trendingLate(now.getTime() - firstScanMs, history)
      : trendingLate(null, history);

  const delivered = timeline.delivered;
  const deliveredAtPoint =
    delivered &&
    (timeline.pickupReady !== null ||
      ['ParcelShop', 'ParcelLocker', 'PostOffice'].includes(delivered.delivery_location_type ?? ''));
  const reportingFlags: TrackingFacts['reportingFlags'] = {
    is_forgotten: firstScanMs === null && !cancelled && !isReturned && now.getTime() - createdMs > 3 * DAY_MS,
    is_delayed: isDelayed,
    has_failed_attempt: timeline.hasFailedAttempt,
    is_delayed_dispatch:
      orderDateMs !== null && !cancelled && (firstScanMs ?? now.getTime()) - orderDateMs > 2 * DAY_MS,
    is_returned: isReturned,
    is_customer_promise_exceeded: promiseExceeded,
    trending_late_probability: trend.probability,
    trending_late_status: trend.status,
  };
  const reportingDates: TrackingFacts['reportingDates'] = {
    // The shop handed the parcel over at the first carrier scan; "pickup" is the shopper collecting
    // it from a pickup point.
    courier_dropoff_date: timeline.firstScan?.event_timestamp ?? null,
    in_transit_date: timeline.inTransit?.event_timestamp ?? null,
    pickup_date: deliveredAtPoint ? delivered.event_timestamp : null,
    delivery_date: delivered?.event_timestamp ?? null,
    returned_date: timeline.returned?.event_timestamp ?? null,
  };

  const deliveredCheckpoint =
    delivered ?? (timeline.lifecycle === 'AvailableForPickup' ? timeline.pickupReady : null);
  const deliveredTo: DeliveredTo | null = deliveredCheckpoint?.delivery_location_type
    ? {
        type: deliveredCheckpoint.delivery_location_type,
        place: parseJson<PickupLocationInput>(deliveredCheckpoint.pickup_location),
        extraInfo: deliveredCheckpoint.delivery_extra_info,
      }
    : null;

  const courier = courierInfo(tracking.courier, tracking.tracking_number);
  const lastMile = tracking.last_mile_courier
    ? courierInfo(tracking.last_mile_courier, tracking.tracking_number)
    : null;
  const ownArticles = articlesOut(bundle.articles);

  return {
    tracking,
    timeline,
    checkpoints: checkpointWindow(visible, input),
    exceptionType,
    nextAction: last ? nextActionFor(last) : 'none',
    iconHint: ICON_BY_LIFECYCLE[timeline.lifecycle],
    prediction: active ? prediction(tracking, timeline, estimate, today) : null,
    pickup,
    deliveredTo,
    hold: holdPoint && {
      place: holdPoint.name ?? holdPoint.city ?? null,
      until: holdPoint.held_until ?? null,
    },
    exceptions: visible.filter((c) => LIFECYCLE_BY_STATUS[c.status_code] === 'Exception'),
    isDelayed,
    isException: timeline.lifecycle === 'Exception',
    isReturn: tracking.is_return === 1 || isReturned,
    reportingFlags,
    reportingDates,
    courier: {
      courier: tracking.courier,
      courier_name: courier.name,
      courier_tracking_url: courier.trackingUrl,
      courier_reroute_url: active ? courier.rerouteUrl : null,
      last_mile_courier: tracking.last_mile_courier,
      last_mile_courier_name: lastMile?.name ?? null,
    },
    articles:
      ownArticles.length > 0 || input.trackings.length !== 1 ? ownArticles : articlesOut(input.orderArticles),
    additionalAttributes: parseJson<Record<string, unknown>>(tracking.additional_attributes),
    recipientPostalCode: tracking.recipient_postal_code ?? shippingAddress?.postal_code ?? null,
    destinationCountry,
    timeZone,
    supportsLiveRefresh: input.liveRefreshCouriers.has(tracking.courier) && !timeline.isTerminal,
  };
}

/** Stored rows → what is true of the order and each of its trackings. */
export function orderFacts(input: FactsInput): OrderFacts {
  const address = parseJson<AddressInput>(input.order?.shipping_address);
  const shippingAddress: ShippingAddress | null = address ? { ...EMPTY_ADDRESS, ...address } : null;
  return {
    order: input.order,
    shippingAddress,
    articles: articlesOut(input.orderArticles),
    trackings: [...input.trackings]
      .sort((a, b) => a.tracking.position - b.tracking.position || a.tracking.id - b.tracking.id)
      .map((bundle) => trackingFacts(bundle, input, shippingAddress)),
  };
}
