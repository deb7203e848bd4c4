import type { DeliveryLocationType, ExceptionType, StatusCode, Weekday } from '@/lib/status/vocabulary';

// What every adapter returns, in our vocabulary but free of our tables: lib/orders stores it.

export type CarrierLocation = {
  name?: string | null;
  address?: string | null;
  city?: string | null;
  postal_code?: string | null;
  country_iso3?: string | null;
};

export type CarrierEvent = {
  status_code: StatusCode;
  /** ISO 8601 with the carrier's UTC offset (UTC when the carrier gives none). */
  event_timestamp: string;
  raw_code: string;
  raw_text: string | null;
  details: string | null;
  location: CarrierLocation | null;
  delivery_location_type?: DeliveryLocationType | null;
  exception_type?: ExceptionType | null;
  estimated_delivery?: EstimatedDelivery | null;
  pickup_location?:
    | (CarrierLocation & {
        address: string;
        opening_hours: Array<{ day: Weekday; open: string; close: string }>;
      })
    | null;
  /** Who signed for the parcel, when the carrier says. */
  signer?: string | null;
};

export type EstimatedDelivery = {
  start_date: string;
  end_date: string | null;
  start_time: string | null;
  end_time: string | null;
};

/** What a carrier's code (and text) says, before the event's time, place and texts join it. */
export type MappedStatus = {
  status_code: StatusCode;
  exception_type?: ExceptionType;
  delivery_location_type?: DeliveryLocationType;
};

export type CarrierTracking =
  | { trackingNumber: string; found: true; events: CarrierEvent[] }
  | { trackingNumber: string; found: false; events: [] };

export type CarrierAdapter = {
  courier: string;
  /** Credentials present: only then does the portal offer live refresh for this courier. */
  isConfigured(): boolean;
  /**
   * Fresh events for the numbers; throws CarrierError on anything but an answer. `known` is what
   * the portal already has, for carriers that only report what changed or give times without
   * an offset.
   */
  fetchTrackings(
    trackingNumbers: string[],
    signal: AbortSignal,
    known?: ReadonlyMap<string, KnownState>,
  ): Promise<CarrierTracking[]>;
};

export type KnownState = {
  statusCode: StatusCode | null;
  lastEventAt: string | null;
  /** The tracking's IANA zone: where a carrier's local time lacks an offset, a hint to read it in. */
  timeZone?: string | null;
};

export type CarrierErrorKind = 'auth' | 'rate_limited' | 'unavailable' | 'bad_response';

export class CarrierError extends Error {
  constructor(
    readonly kind: CarrierErrorKind,
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

/** Seconds from a Retry-After header (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
