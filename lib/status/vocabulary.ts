// The product's status vocabulary (SPEC §4). No imports: everything else builds on this.

export const STATUS_CODES = [
  'Pending',
  'OrderProcessed',
  'WarehousePrepared',
  'PickUpScheduled',
  'InboundScan',
  'InTransit',
  'ExportHub',
  'ImportHub',
  'CustomsIn',
  'CustomsReleased',
  'DestinationDeliveryCenter',
  'Scheduled',
  'OutForDelivery',
  'Rerouted',
  'FailedAttemptFirst',
  'FailedAttemptSecond',
  'FailedAttemptFinal',
  'Stored',
  'PickupReady',
  'Delivered',
  'ReturnWarning',
  'Return',
  'ReturnProcessed',
  'Exception',
  'Cancelled',
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export const LIFECYCLE_STATUSES = [
  'Pending',
  'InfoReceived',
  'InTransit',
  'OutForDelivery',
  'FailedAttempt',
  'AvailableForPickup',
  'Delivered',
  'Exception',
  'Returned',
  'Expired',
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export const LIFECYCLE_BY_STATUS: Record<StatusCode, LifecycleStatus> = {
  Pending: 'Pending',
  OrderProcessed: 'InfoReceived',
  WarehousePrepared: 'InfoReceived',
  PickUpScheduled: 'InfoReceived',
  InboundScan: 'InTransit',
  InTransit: 'InTransit',
  ExportHub: 'InTransit',
  ImportHub: 'InTransit',
  CustomsIn: 'InTransit',
  CustomsReleased: 'InTransit',
  DestinationDeliveryCenter: 'InTransit',
  Scheduled: 'InTransit',
  Rerouted: 'InTransit',
  Stored: 'InTransit',
  OutForDelivery: 'OutForDelivery',
  FailedAttemptFirst: 'FailedAttempt',
  FailedAttemptSecond: 'FailedAttempt',
  FailedAttemptFinal: 'FailedAttempt',
  PickupReady: 'AvailableForPickup',
  Delivered: 'Delivered',
  Exception: 'Exception',
  Cancelled: 'Exception',
  ReturnWarning: 'Returned',
  Return: 'Returned',
  ReturnProcessed: 'Returned',
};

export type Step = 1 | 2 | 3 | 4 | 5;

/**
 * The progress step a status code shows on its own; null for codes that are not progress
 * (exceptions and returns take the step of the last progress instead).
 */
export function progressStepOf(code: StatusCode): Step | null {
  const lifecycle = LIFECYCLE_BY_STATUS[code];
  switch (lifecycle) {
    case 'Pending':
    case 'InfoReceived':
      return 1;
    case 'InTransit':
      return code === 'InboundScan' ? 2 : 3;
    case 'OutForDelivery':
    case 'FailedAttempt':
    case 'AvailableForPickup':
      return 4;
    case 'Delivered':
      return 5;
    default:
      return null;
  }
}

/** Codes after which a parcel never moves again: no live refresh, never "expired". */
export const TERMINAL_STATUS_CODES: ReadonlySet<StatusCode> = new Set([
  'Delivered',
  'ReturnProcessed',
  'Cancelled',
]);

/** Codes that mean the carrier physically has the parcel (used for "forgotten" and dispatch dates). */
export const PRE_CARRIER_STATUS_CODES: ReadonlySet<StatusCode> = new Set([
  'Pending',
  'OrderProcessed',
  'WarehousePrepared',
  'PickUpScheduled',
]);

export const DELIVERY_LOCATION_TYPES = [
  'Recipient',
  'Neighbor',
  'Doorstep',
  'Mailbox',
  'ParcelShop',
  'ParcelLocker',
  'PostOffice',
  'Other',
] as const;
export type DeliveryLocationType = (typeof DELIVERY_LOCATION_TYPES)[number];

export const EXCEPTION_TYPES = [
  'AddressIssue',
  'CustomerRefusal',
  'Customs',
  'Damaged',
  'DeliveryPayment',
  'IdentFailed',
  'ItemMissing',
  'Lost',
  'Weather',
  'Other',
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export const ACTION_BOX_TYPES = [
  'prediction',
  'pickup-location',
  'pickup-location-unknown',
  'next-action',
  'order-processed',
  'returned',
] as const;
export type ActionBoxType = (typeof ACTION_BOX_TYPES)[number];

export const TRENDING_LATE_STATUSES = ['normal', 'at_risk', 'late'] as const;
export type TrendingLateStatus = (typeof TRENDING_LATE_STATUSES)[number];

export const NEXT_ACTIONS = [
  'none',
  'collect_parcel',
  'arrange_redelivery',
  'contact_courier',
  'pay_duties',
  'contact_merchant',
] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export const ICON_HINTS = [
  'order_processed',
  'in_transit',
  'out_for_delivery',
  'pickup',
  'delivered',
  'warning',
  'return',
] as const;
export type IconHint = (typeof ICON_HINTS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The lookup types of SPEC §2, in resolution order. */
export const LOOKUP_TYPES = [
  'tracking_id',
  'tracking_number',
  'order_number',
  'external_order_id',
  'external_reference',
  'customer_number',
  'recipient_email',
] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

/**
 * Why a parcel is on the staff watchlist (SPEC §6). Each is one of the projection's reporting
 * flags (or `is_exception`) while the parcel is still under way; see lib/projection/watch-reasons.ts.
 */
export const WATCH_REASONS = [
  'forgotten',
  'delayed_dispatch',
  'failed_attempt',
  'exception',
  'delayed',
  'trending_late',
  'customer_promise_exceeded',
] as const;
export type WatchReason = (typeof WATCH_REASONS)[number];
