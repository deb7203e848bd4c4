import type { CheckpointRow, OrderRow, TrackingRow } from '@/lib/db/schema';
import type { StatusCode } from '@/lib/status/vocabulary';
import { translatorFor } from '@/lib/i18n/messages';
import type { ProjectionInput, TrackingBundle } from './types';

// Row builders for the projection's tests: plain stored rows, as the database returns them.

export const NOW = new Date('2026-11-28T12:00:00Z');
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

export function orderRow(overrides: Partial<OrderRow> = {}): OrderRow {
  return {
    id: 1,
    account_id: 1001,
    order_number: 'A-1',
    client_key: '',
    external_order_id: null,
    external_reference: null,
    customer_number: null,
    order_date: hoursAgo(24 * 5),
    recipient_name: 'Erika Mustermann',
    recipient_email: 'erika@example.com',
    recipient_email_norm: 'erika@example.com',
    destination_country_iso3: 'DEU',
    language_iso2: 'de',
    timezone: 'Europe/Berlin',
    shipping_address: JSON.stringify({
      first_name: 'Erika',
      address_line: 'Heidestraße 17',
      postal_code: '10557',
      city: 'Berlin',
    }),
    created_at: hoursAgo(24 * 5),
    updated_at: hoursAgo(1),
    version: 1,
    ...overrides,
  };
}

export function trackingRow(overrides: Partial<TrackingRow> = {}): TrackingRow {
  return {
    id: 1,
    public_id: 'trk_1',
    account_id: 1001,
    order_id: 1,
    position: 0,
    courier: 'dhl',
    tracking_number: '00340434161094042557',
    recipient_postal_code: '10557',
    destination_country_iso3: 'DEU',
    language_iso2: null,
    timezone: 'Europe/Berlin',
    announced_delivery_date: null,
    announced_delivery_date_min: null,
    is_return: 0,
    additional_attributes: null,
    identifiers_consignment: null,
    last_mile_courier: null,
    pod_identifier: null,
    pod_signature: 'E. Mustermann',
    pod_date: null,
    created_at: hoursAgo(24 * 4),
    updated_at: hoursAgo(1),
    last_refreshed_at: null,
    refresh_claimed_until: null,
    status_code: null,
    lifecycle_status: 'Pending',
    last_event_at: null,
    first_scan_at: null,
    delivered_at: null,
    watch_due_at: null,
    ...overrides,
  };
}

let nextId = 1;
export function checkpoint(
  status_code: StatusCode,
  eventTime: string,
  overrides: Partial<CheckpointRow> = {},
): CheckpointRow {
  const id = nextId++;
  return {
    id,
    tracking_id: 1,
    status_code,
    event_timestamp: eventTime,
    event_time: new Date(eventTime).toISOString(),
    raw_code: status_code,
    raw_text: null,
    source: 'test',
    location: null,
    event_details: null,
    event_details_language: null,
    delivery_location_type: null,
    delivery_extra_info: null,
    exception_type: null,
    estimated_delivery: null,
    pickup_location: null,
    next_action: null,
    is_hidden: 0,
    dedupe_key: `k${id}`,
    created_at: eventTime,
    ...overrides,
  };
}

export function input(
  trackings: TrackingBundle[],
  overrides: Partial<ProjectionInput> = {},
): ProjectionInput {
  return {
    order: orderRow(),
    orderArticles: [],
    trackings,
    transitHistory: new Map(),
    liveRefreshCouriers: new Set(),
    level: 'full',
    locale: 'en',
    t: translatorFor('en'),
    now: NOW,
    ...overrides,
  };
}

export const bundle = (
  checkpoints: CheckpointRow[],
  tracking: Partial<TrackingRow> = {},
): TrackingBundle => ({
  tracking: trackingRow(tracking),
  checkpoints,
  articles: [],
});
