import 'server-only';
import { z } from 'zod';
import type { ClientCredentialsSettings } from '@/lib/config';
import { log } from '@/lib/log';
import type { DeliveryLocationType } from '@/lib/status/vocabulary';
import { toIso3 } from '@/lib/i18n/countries';
import { withOffset } from './local-time';
import { found, notFound, onePerCall } from './events';
import { createOAuthClient } from './oauth';
import {
  type CarrierAdapter,
  type CarrierEvent,
  CarrierError,
  type CarrierTracking,
  type EstimatedDelivery,
  type MappedStatus,
} from './types';
import { readCarrierJson, sendToCarrier } from './http';

// USPS Tracking 3.0: GET {base}/tracking/v3/tracking/{number}?expand=DETAIL with a bearer token
// from POST {base}/oauth2/v3/token (client credentials in the form body). One number per call.
// Events carry a Publication 199 `eventCode`; the shipment's `statusCategory` covers codes we
// do not know yet.

// USPS sends null for absent fields and sometimes strings for booleans, so everything is nullish
// and only the fields we read are typed.
const text = z.string().nullish();
const eventSchema = z
  .object({
    eventType: text,
    eventCode: text,
    eventTimestamp: text,
    GMTTimestamp: text,
    GMTOffset: text,
    eventCity: text,
    eventState: text,
    eventZIP: text,
    eventCountry: text,
    firm: text,
    name: text,
  })
  .passthrough();
const trackingSchema = z
  .object({
    trackingNumber: z.string(),
    statusCategory: text,
    status: text,
    expectedDeliveryTimeStamp: text,
    guaranteedDeliveryTimeStamp: text,
    predictedDeliveryDate: text,
    predictedDeliveryTimeStamp: text,
    predictedDeliveryWindowStartTime: text,
    predictedDeliveryWindowEndTime: text,
    // Only the DETAIL view has it: its absence means the wrong view, not an empty history.
    trackingEvents: z.array(eventSchema).nullable(),
  })
  .passthrough();
type UspsEvent = z.infer<typeof eventSchema>;
type UspsTracking = z.infer<typeof trackingSchema>;

/** Where a "Delivered, …" event left the parcel, from USPS's wording of the event. */
function deliveredWhere(eventType: string): DeliveryLocationType {
  if (/parcel locker|locker/i.test(eventType)) return 'ParcelLocker';
  if (/po box|post office box|at post office|picked up at/i.test(eventType)) return 'PostOffice';
  if (/mailbox|mail box/i.test(eventType)) return 'Mailbox';
  if (/neighbou?r/i.test(eventType)) return 'Neighbor';
  if (/front door|porch|back door|garage|other door|door|safe place/i.test(eventType)) return 'Doorstep';
  if (/left with individual|to addressee|handed/i.test(eventType)) return 'Recipient';
  if (/reception|front desk|mail ?room|agent/i.test(eventType)) return 'Other';
  return 'Recipient';
}

const delivered = (eventType: string): MappedStatus =>
  // USPS reports the end of a return as a delivery, to the sender.
  /original sender|to sender/i.test(eventType)
    ? { status_code: 'ReturnProcessed' }
    : { status_code: 'Delivered', delivery_location_type: deliveredWhere(eventType) };

const pickupReady = (eventType: string): MappedStatus => ({
  status_code: 'PickupReady',
  delivery_location_type: /locker/i.test(eventType) ? 'ParcelLocker' : 'PostOffice',
});

const IN_TRANSIT_CODES = new Set([
  '10',
  'A1',
  'T1',
  'TL',
  'SF',
  'EF',
  'PC',
  '19',
  '41',
  '42',
  '80',
  '81',
  '82',
]);
const FAILED_ATTEMPT_CODES = new Set(['02', '52', '53', '54', '55', '56', '30', '51', '71']);
const ADDRESS_RETURN_CODES = new Set(['05', '21', '22', '23', '24', '25', '26']);
const RETURN_CODES = new Set(['09', '27', '28', '29', '31', '44']);

function byEventCode(code: string, eventType: string): MappedStatus | null {
  if (code === 'MA' || code === 'GX') return { status_code: 'WarehousePrepared' };
  if (code === '03' || code === 'TM' || code === 'PA') return { status_code: 'InboundScan' };
  // "Arrived at Post Office": the unit that delivers it.
  if (code === '07') return { status_code: 'DestinationDeliveryCenter' };
  if (code === '06') return { status_code: 'Rerouted' };
  // Missent / mis-shipped: USPS sends it on towards the right office.
  if (code === '08' || code === '15') return { status_code: 'Rerouted' };
  if (IN_TRANSIT_CODES.has(code)) return { status_code: 'InTransit' };
  if (code === 'OF') return { status_code: 'OutForDelivery' };
  // Which attempt this was is counted over the whole history (events.ts).
  if (FAILED_ATTEMPT_CODES.has(code)) return { status_code: 'FailedAttemptFirst' };
  if (code === '14' || code === '16') return pickupReady(eventType);
  if (code === '01') return delivered(eventType);
  if (code === '17') return { status_code: 'Delivered', delivery_location_type: 'Other' };
  if (code === '43') return { status_code: 'Delivered', delivery_location_type: 'PostOffice' };
  // The reason travels with the return, so the merchant can tell a refusal from a bad address.
  if (code === '04') return { status_code: 'Return', exception_type: 'CustomerRefusal' };
  if (ADDRESS_RETURN_CODES.has(code)) return { status_code: 'Return', exception_type: 'AddressIssue' };
  if (RETURN_CODES.has(code)) return { status_code: 'Return' };
  if (code === '11' || code === 'DX') return { status_code: 'Exception', exception_type: 'Other' };
  return null;
}

function byStatusCategory(category: string, eventType: string): MappedStatus | null {
  switch (category.toLowerCase().replace(/[^a-z]/g, '')) {
    case 'preshipment':
      return { status_code: 'WarehousePrepared' };
    case 'accepted':
      return { status_code: 'InboundScan' };
    case 'intransit':
      return { status_code: 'InTransit' };
    case 'outfordelivery':
      return { status_code: 'OutForDelivery' };
    case 'deliveryattempt':
      return { status_code: 'FailedAttemptFirst' };
    case 'availableforpickup':
      return pickupReady(eventType);
    case 'delivered':
      return delivered(eventType);
    case 'alert':
      return { status_code: 'Exception', exception_type: 'Other' };
    case 'returntosender':
      return { status_code: 'Return' };
    default:
      return null;
  }
}

/**
 * One USPS event in our vocabulary: by Publication 199 event code, else by the shipment's status
 * category (pass it only for the newest event, which it describes). Never throws: a code USPS
 * added later becomes InTransit, which claims no progress it cannot prove.
 */
export function mapUspsEvent(
  eventCode: string | null | undefined,
  eventType: string | null | undefined,
  statusCategory?: string | null,
): MappedStatus {
  const code = (eventCode ?? '').trim().toUpperCase();
  const wording = eventType ?? '';
  const mapped =
    (code ? byEventCode(code, wording) : null) ??
    (statusCategory ? byStatusCategory(statusCategory, wording) : null);
  if (mapped) return mapped;
  log.warn({ courier: 'usps', eventCode, eventType, statusCategory }, 'unknown USPS event code');
  return { status_code: 'InTransit' };
}

const LOCAL_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d)(:\d\d)?(\.\d+)?$/;

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `-7:00`, `-0700`, `+05:30` → minutes east of UTC; null when unreadable. */
function offsetMinutes(value: string | null | undefined): number | null {
  const m = value?.trim().match(/^([+-]?)(\d{1,2}):?(\d\d)$/);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * ISO 8601 in the event's local time with its UTC offset. USPS gives the local wall-clock time
 * without an offset and the same moment in GMT; their difference is the offset (rounded to the
 * quarter hour, because the GMT stamp carries seconds the local one drops). `GMTOffset` is the
 * fallback, then the GMT stamp alone, then the local time read as UTC.
 */
export function uspsTimestamp(
  local: string | null | undefined,
  gmt: string | null | undefined,
  gmtOffset?: string | null,
): string | null {
  const trimmed = local?.trim().replace(' ', 'T') ?? '';
  if (trimmed && !LOCAL_TIME.test(trimmed)) {
    // Already has an offset (or is not a wall-clock time at all): withOffset decides.
    const own = withOffset(trimmed);
    if (own) return own;
  }
  const m = trimmed.match(LOCAL_TIME);
  const wall = m ? `${m[1]}${m[2] ?? ':00'}` : null;
  const gmtIso = gmt?.trim() ? withOffset(gmt.trim()) : null;
  if (wall && gmtIso) {
    const diffMin = (Date.parse(`${wall}Z`) - Date.parse(gmtIso)) / 60_000;
    const offset = Math.round(diffMin / 15) * 15;
    if (Math.abs(offset) <= 14 * 60) return `${wall}${formatOffset(offset)}`;
  }
  const declared = offsetMinutes(gmtOffset);
  if (wall && declared !== null && Math.abs(declared) <= 14 * 60) return `${wall}${formatOffset(declared)}`;
  if (gmtIso) return gmtIso;
  return wall ? withOffset(wall) : null;
}

function countryIso3(country: string | null | undefined): string | null {
  const value = country?.trim().toUpperCase();
  // Domestic scans come without a country.
  if (!value || value === 'US' || value === 'USA' || value === 'UNITED STATES') return 'USA';
  if (value.length === 2) return toIso3(value);
  return /^[A-Z]{3}$/.test(value) ? value : null;
}

function locationOf(e: UspsEvent): CarrierEvent['location'] {
  const city = e.eventCity?.trim();
  const state = e.eventState?.trim();
  const zip = e.eventZIP?.trim();
  if (!city && !state && !zip && !e.eventCountry) return null;
  return {
    // No region field in our location, and a US city name means little without its state.
    city: city && state ? `${city}, ${state}` : city || state || null,
    postal_code: zip || null,
    country_iso3: countryIso3(e.eventCountry),
  };
}

/** `9:00 AM`, `09:00`, `21:00:00` → `HH:mm`; null when unreadable. */
function clockTime(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{1,2}):(\d\d)(?::\d\d(?:\.\d+)?)?\s*([ap]\.?m\.?)?$/i);
  if (!m) return null;
  let hours = Number(m[1]);
  const half = m[3]?.[0]?.toLowerCase();
  if (half === 'p' && hours < 12) hours += 12;
  if (half === 'a' && hours === 12) hours = 0;
  if (hours > 23) return null;
  return `${String(hours).padStart(2, '0')}:${m[2]}`;
}

const DATE = /^\d{4}-\d\d-\d\d/;

function estimate(t: UspsTracking): EstimatedDelivery | null {
  const predicted = t.predictedDeliveryDate ?? t.predictedDeliveryTimeStamp;
  if (predicted && DATE.test(predicted)) {
    const date = predicted.slice(0, 10);
    return {
      start_date: date,
      end_date: date,
      start_time: clockTime(t.predictedDeliveryWindowStartTime),
      end_time: clockTime(t.predictedDeliveryWindowEndTime),
    };
  }
  const expected = t.expectedDeliveryTimeStamp ?? t.guaranteedDeliveryTimeStamp;
  if (!expected || !DATE.test(expected)) return null;
  // A time on the expected date is a "by" time (Priority Mail Express by 6 pm); midnight means none.
  const by = clockTime(expected.slice(11, 19));
  return {
    start_date: expected.slice(0, 10),
    end_date: expected.slice(0, 10),
    start_time: null,
    end_time: by && by !== '00:00' ? by : null,
  };
}

export function parseUspsTracking(trackingNumber: string, body: unknown): CarrierTracking {
  const parsed = trackingSchema.safeParse(body);
  if (!parsed.success) throw new CarrierError('bad_response', 'USPS answered with an unexpected body');
  const tracking = parsed.data;
  const dated = (tracking.trackingEvents ?? [])
    .map((e) => ({ e, at: uspsTimestamp(e.eventTimestamp, e.GMTTimestamp, e.GMTOffset) }))
    .filter((x): x is { e: UspsEvent; at: string } => x.at !== null);
  const undated = (tracking.trackingEvents?.length ?? 0) - dated.length;
  if (undated > 0)
    log.warn({ courier: 'usps', trackingNumber, undated }, 'USPS events without a usable time');
  // The status category describes the shipment now, i.e. its newest event: never trust the order.
  const newestAt = Math.max(...dated.map((x) => Date.parse(x.at)));

  const events: CarrierEvent[] = dated.map(({ e, at }) => {
    const mapped = mapUspsEvent(
      e.eventCode,
      e.eventType,
      Date.parse(at) === newestAt ? tracking.statusCategory : null,
    );
    return {
      ...mapped,
      event_timestamp: at,
      raw_code: e.eventCode?.trim() || 'unknown',
      raw_text: e.eventType ?? null,
      details: e.eventType ?? null,
      location: locationOf(e),
      signer: mapped.status_code === 'Delivered' ? e.name?.trim() || null : null,
    };
  });

  return found(trackingNumber, events, estimate(tracking));
}

/** Lets the connection go when we do not read an error body. */
async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

export function createUspsAdapter(settings: ClientCredentialsSettings): CarrierAdapter {
  const oauth = createOAuthClient(settings, {
    path: '/oauth2/v3/token',
    credentials: 'form',
    scope: 'tracking',
  });
  return {
    courier: 'usps',
    isConfigured: () => Boolean(settings.clientId && settings.clientSecret),
    fetchTrackings: onePerCall(async (trackingNumber, signal) => {
      const url = `${settings.baseUrl}/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}?expand=DETAIL`;
      const res = await sendToCarrier('USPS', () =>
        oauth.fetch(url, { headers: { Accept: 'application/json' }, signal }),
      );
      if (res.status === 404) {
        await discard(res);
        return notFound(trackingNumber);
      }
      if (!res.ok) {
        await discard(res);
        throw new CarrierError('bad_response', `USPS answered ${res.status}`);
      }
      return parseUspsTracking(trackingNumber, await readCarrierJson('USPS', res, signal));
    }),
  };
}
