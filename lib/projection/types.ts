import type { ArticleRow, CheckpointRow, OrderRow, TrackingRow } from '@/lib/db/schema';
import type { Translate } from '@/lib/i18n/messages';
import type {
  ActionBoxType,
  DeliveryLocationType,
  ExceptionType,
  IconHint,
  LifecycleStatus,
  NextAction,
  StatusCode,
  Step,
  TrendingLateStatus,
  Weekday,
} from '@/lib/status/vocabulary';

export type AccessLevel = 'full' | 'limited';

export type TrackingBundle = {
  tracking: TrackingRow;
  checkpoints: readonly CheckpointRow[];
  articles: readonly ArticleRow[];
};

export type ProjectionInput = {
  order: OrderRow | null;
  orderArticles: readonly ArticleRow[];
  trackings: readonly TrackingBundle[];
  /** Past transit times in ms of the account's deliveries, keyed by `transitHistoryKey`. */
  transitHistory: ReadonlyMap<string, readonly number[]>;
  /** Couriers with a live-refresh adapter and credentials configured. */
  liveRefreshCouriers: ReadonlySet<string>;
  level: AccessLevel;
  locale: string;
  t: Translate;
  now: Date;
  /**
   * Which checkpoints a tracking carries: the newest `limit` after skipping the `offset` newest.
   * All of them when absent.
   */
  checkpointWindow?: { offset: number; limit: number };
};

// ------------------------------------------------------------------ the seed's response shape

export type ShippingAddress = {
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  address_line: string | null;
  address_line_extra: string | null;
  postal_code: string | null;
  city: string | null;
  country_iso3: string | null;
  region_code: string | null;
  phone: string | null;
};

export type OpeningHoursEntry = { day: Weekday; open: string; close: string };

export type PredictionRaw = {
  earliest_date: string | null;
  latest_date: string | null;
  has_time: boolean;
  earliest_time: string | null;
  latest_time: string | null;
};

export type ActionBox = {
  type: ActionBoxType;
  label: string;
  label_communication: string;
  label_caption: string | null;
  address: string | null;
  opening_hours: OpeningHoursEntry[];
  raw: PredictionRaw | null;
};

export type LastDeliveryStatus = {
  step: Step;
  status_code: StatusCode;
  status_text: string;
  status_details: string;
  lifecycle_status: LifecycleStatus;
  delivery_extra_info: string | null;
  exception_type: ExceptionType | null;
  event_timestamp: string | null;
  next_action: NextAction;
  icon_hint: IconHint;
};

export type EstimatedDeliveryDate = {
  start_date: string | null;
  end_date: string | null;
  start_time: string | null;
  end_time: string | null;
};

export type CheckpointInfo = {
  step: Step;
  courier: string;
  status_code: StatusCode;
  event_timestamp: string;
  status_text: string;
  status_details: string;
  is_hidden: boolean;
  location: string | null;
  delivery_location_type: DeliveryLocationType | null;
  delivery_extra_info: string | null;
  estimated_delivery_date: EstimatedDeliveryDate | null;
  exception_type: ExceptionType | null;
  next_action: NextAction;
};

export type ReportingInfo = {
  is_forgotten: boolean;
  is_delayed: boolean;
  has_failed_attempt: boolean;
  is_delayed_dispatch: boolean;
  is_returned: boolean;
  is_customer_promise_exceeded: boolean;
  trending_late_probability: number;
  trending_late_status: TrendingLateStatus;
  contacted_with_messages: string[];
  exception_messages: string[];
  in_transit_date: string | null;
  pickup_date: string | null;
  courier_dropoff_date: string | null;
  delivery_date: string | null;
  returned_date: string | null;
};

export type CourierInfoOut = {
  courier: string;
  courier_name: string;
  courier_tracking_url: string | null;
  courier_reroute_url: string | null;
  last_mile_courier: string | null;
  last_mile_courier_name: string | null;
};

export type ArticleOut = Record<string, unknown>;

export type TrackingInfo = {
  tracking_id: string;
  tracking_number: string;
  courier_info: CourierInfoOut;
  last_delivery_status: LastDeliveryStatus;
  delivery_location: string | null;
  is_delayed: boolean;
  is_exception: boolean;
  is_return: boolean;
  action_box: ActionBox | null;
  recipient_name: string | null;
  recipient_email: string | null;
  destination_country_iso3: string | null;
  recipient_postal_code: string | null;
  identifiers_consignment: string | null;
  shipping_address: ShippingAddress | null;
  articles: ArticleOut[];
  additional_attributes: Record<string, unknown> | null;
  announced_delivery_date: string | null;
  announced_delivery_date_min: string | null;
  pod_identifier: string | null;
  pod_signature: string | null;
  pod_date: string | null;
  timezone: string | null;
  reporting_info: ReportingInfo;
  supports_live_refresh: boolean;
  checkpoints: CheckpointInfo[];
  /** How many of the tracking's checkpoints this response leaves out (see checkpointWindow). */
  checkpoints_omitted: number;
};

export type OrderInfo = {
  order_number: string | null;
  client_key: string | null;
  order_date: string | null;
  recipient_name: string | null;
  recipient_email: string | null;
  destination_country_iso3: string | null;
  trackings: TrackingInfo[];
};

/**
 * What the shopper pages show beyond the seed's order object (the API answers without it): the
 * order's own items and how long a pickup point keeps a parcel. Redacted like the order.
 */
export type OrderPageExtras = {
  articles: ArticleOut[];
  /** One per tracking of OrderInfo, in the same order. */
  trackings: {
    held_at: string | null;
    held_until: string | null;
    /**
     * One per checkpoint of the tracking in OrderInfo: the language of its `status_details` when
     * they are the source's own words and it said which (full view only; null: ours or unknown).
     */
    details_languages?: (string | null)[];
  }[];
};
