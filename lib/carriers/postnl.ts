import 'server-only';
import { z } from 'zod';
import type { ApiKeySettings } from '@/lib/config';
import { log } from '@/lib/log';
import { wallClock } from '@/lib/time/wall-clock';
import type { DeliveryLocationType } from '@/lib/status/vocabulary';
import { toIso3 } from '@/lib/i18n/countries';
import { found, notFound, onePerCall } from './events';
import {
  type CarrierAdapter,
  type CarrierEvent,
  type CarrierLocation,
  CarrierError,
  type CarrierTracking,
  type EstimatedDelivery,
  type MappedStatus,
} from './types';
import { readCarrierJson, sendToCarrier } from './http';

// PostNL Shipping Status API v2: GET {base}/shipment/v2/status/barcode/{barcode}?detail=true, header apikey.
// A numeric status per step (with a phase), refined by a finer event code; timestamps are Dutch wall-clock
// time without an offset, and an unknown barcode is a 200 with a warning rather than a 404.

// PostNL's JSON is converted from XML: numbers may come as strings, a one-element list as a bare object,
// and an empty element as `{}` or the string "{}". The schema absorbs all of that.
const text = z
  .unknown()
  .optional()
  .transform((v): string | null => {
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string') return null;
    const t = v.trim();
    return t && t !== '{}' ? t : null;
  });
const list = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item])
    .optional()
    .transform((v): z.output<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const statusSchema = z.object({
  TimeStamp: text,
  StatusCode: text,
  StatusDescription: text,
  PhaseCode: text,
  PhaseDescription: text,
});
const eventSchema = z.object({
  Code: text,
  Description: text,
  LocationCode: text,
  DestinationLocationCode: text,
  RouteCode: text,
  RouteNumber: text,
  TimeStamp: text,
});
const addressSchema = z.object({
  AddressType: text,
  CompanyName: text,
  Street: text,
  HouseNumber: text,
  HouseNumberSuffix: text,
  Zipcode: text,
  City: text,
  CountryCode: text,
});
const shipmentSchema = z.object({
  MainBarcode: text,
  Barcode: text,
  DeliveryDate: text,
  Address: list(addressSchema),
  Expectation: z.object({ ETAFrom: text, ETATo: text }).optional(),
  Status: statusSchema.optional(),
  OldStatus: list(statusSchema),
  Event: list(eventSchema),
});
const statusBlock = z.object({ Shipment: list(shipmentSchema) });
export const postnlResponseSchema = z.object({
  CurrentStatus: statusBlock.optional(),
  CompleteStatus: statusBlock.optional(),
  Warnings: list(z.object({ Code: text, Message: text })),
});
type PostnlShipment = z.output<typeof shipmentSchema>;
type PostnlStatus = z.output<typeof statusSchema>;
type PostnlAddress = z.output<typeof addressSchema>;

// ---------------------------------------------------------------------------------------------
// Time: PostNL speaks Amsterdam wall-clock time; we store ISO 8601 with the offset of that instant.

/** Minutes Amsterdam is ahead of UTC at the instant `utcMs`. */
const amsterdamOffsetMinutes = (utcMs: number) => wallClock(utcMs, 'Europe/Amsterdam').offsetMinutes;

const pad = (n: number) => String(n).padStart(2, '0');

function amsterdamIso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  // Date.UTC rolls 31-02 over into March: such a date is garbage, not a date.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  // The offset depends on the instant, which depends on the offset: guess with the wall time, then
  // correct once. Around the switch this settles on the offset valid at the resulting instant.
  const offset = amsterdamOffsetMinutes(wall - amsterdamOffsetMinutes(wall) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

type WallTime = { y: number; mo: number; d: number; h: number; mi: number; s: number; hasTime: boolean };

/** `dd-MM-yyyy HH:mm:ss` (statuses), `MM/dd/yyyy HH:mm:ss` (expectations) or ISO without an offset. */
function readWallTime(value: string): WallTime | null {
  const t = value.trim();
  let m = /^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) return wallTime(m[3], m[2], m[1], m[4], m[5], m[6]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) return wallTime(m[3], m[1], m[2], m[4], m[5], m[6]);
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(t);
  if (m) return wallTime(m[1], m[2], m[3], m[4], m[5], m[6]);
  return null;
}

function wallTime(
  y: string | undefined,
  mo: string | undefined,
  d: string | undefined,
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
): WallTime {
  return { y: +y!, mo: +mo!, d: +d!, h: +(h ?? 0), mi: +(mi ?? 0), s: +(s ?? 0), hasTime: h !== undefined };
}

/** A PostNL timestamp as ISO 8601 with the Europe/Amsterdam offset of that date; null when unreadable. */
export function postnlTimestamp(value: string | null | undefined): string | null {
  const w = value ? readWallTime(value) : null;
  return w ? amsterdamIso(w.y, w.mo, w.d, w.h, w.mi, w.s) : null;
}

// ---------------------------------------------------------------------------------------------
// Codes

/**
 * Event codes the reference names, with the status they belong to. They fill in history when PostNL
 * sends events without matching statuses, and they override a status where the event knows better.
 */
export const POSTNL_EVENT_STATUS: Readonly<Record<string, string>> = {
  A01: '1',
  B01: '2',
  H31: '4',
  J01: '5',
  J06: '5',
  J05: '7',
  Y02: '8',
  H01: '8',
  H35: '8',
  I01: '11',
  Z01: '11',
  I08: '12',
  J02: '12',
  X05: '12',
  K90: '17',
  H16: '27',
  H25: '27',
};
const PICKUP_POINT_EVENTS = new Set(['I08', 'J02', 'X05']);
const RETURN_EVENTS = new Set(['H01', 'H35']);

const has = (value: string, pattern: RegExp) => pattern.test(value);

function pickupWhere(description: string): DeliveryLocationType {
  if (has(description, /pakketautomaat|automaat|locker/i)) return 'ParcelLocker';
  if (has(description, /postkantoor|post office/i)) return 'PostOffice';
  return 'ParcelShop';
}

function deliveredWhere(description: string): DeliveryLocationType {
  if (has(description, /buren|buurman|buurvrouw|neighbou?r/i)) return 'Neighbor';
  if (has(description, /brievenbus|mail ?box|letter ?box/i)) return 'Mailbox';
  if (has(description, /pakketautomaat|locker/i)) return 'ParcelLocker';
  if (has(description, /voordeur|deur|door|safe place|veilige plek/i)) return 'Doorstep';
  return 'Recipient';
}

/**
 * One PostNL status in our vocabulary. The event code, where known, refines it; null for status 99
 * ("not applicable") without a usable event, which tells nothing new.
 */
export function mapPostnlStatus(
  statusCode: string,
  opts: { phaseCode?: string | null; eventCode?: string | null; description?: string | null } = {},
): MappedStatus | null {
  const event = opts.eventCode?.toUpperCase() ?? '';
  const description = opts.description ?? '';
  // An event at a pickup point means the shopper still has to collect, whatever status came with it.
  if (PICKUP_POINT_EVENTS.has(event) && statusCode !== '22')
    return { status_code: 'PickupReady', delivery_location_type: pickupWhere(description) };
  switch (statusCode) {
    case '1':
    case '13':
      return { status_code: 'WarehousePrepared' };
    case '2':
    case '3':
    case '23':
      return { status_code: 'InboundScan' };
    case '4':
      if (event === 'H31') return { status_code: 'Cancelled' };
      return { status_code: 'Exception', exception_type: 'Other' };
    case '14':
    case '19':
    case '6':
      return { status_code: 'Exception', exception_type: 'Other' };
    case '15':
    case '16':
    case '17':
      return { status_code: 'Exception', exception_type: 'ItemMissing' };
    case '18':
      return { status_code: 'Exception', exception_type: 'Lost' };
    case '5':
      return { status_code: 'InTransit' };
    case '21':
      return { status_code: 'Stored' };
    case '31':
      return { status_code: 'ExportHub' };
    case '9':
    case '20':
      return { status_code: 'CustomsIn' };
    case '7':
      return { status_code: 'OutForDelivery' };
    case '8':
      if (event === 'H01') return { status_code: 'Return', exception_type: 'CustomerRefusal' };
      if (
        RETURN_EVENTS.has(event) ||
        has(description, /retour|terug naar (de )?afzender|return(ed)? to sender/i)
      )
        return { status_code: 'Return' };
      return { status_code: 'FailedAttemptFirst' };
    case '11':
      return { status_code: 'Delivered', delivery_location_type: deliveredWhere(description) };
    case '12':
      return { status_code: 'PickupReady', delivery_location_type: pickupWhere(description) };
    case '22':
      return { status_code: 'Delivered', delivery_location_type: 'PostOffice' };
    case '27':
    case '28':
      return { status_code: 'Return' };
    case '99': {
      const via = POSTNL_EVENT_STATUS[event];
      return via && via !== '99' ? mapPostnlStatus(via, { eventCode: event, description }) : null;
    }
    default:
      // A code PostNL added after this adapter was written: keep the event, safely, and say so.
      log.warn(
        { courier: 'postnl', statusCode, phaseCode: opts.phaseCode, eventCode: event || undefined },
        'unknown PostNL status code',
      );
      return { status_code: 'InTransit' };
  }
}

// ---------------------------------------------------------------------------------------------
// Shipment → events

function street(a: PostnlAddress): string | null {
  const parts = [a.Street, [a.HouseNumber, a.HouseNumberSuffix].filter(Boolean).join('')].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

function placeOf(a: PostnlAddress | undefined): CarrierLocation | null {
  if (!a) return null;
  // The shopper's own street and name stay out of the timeline: the town says enough.
  return { city: a.City, postal_code: a.Zipcode, country_iso3: toIso3(a.CountryCode) };
}

function pickupPoint(a: PostnlAddress | undefined): CarrierEvent['pickup_location'] {
  const address = a && street(a);
  if (!a || !address) return null;
  return {
    name: a.CompanyName,
    address,
    city: a.City,
    postal_code: a.Zipcode,
    country_iso3: toIso3(a.CountryCode),
    // The status API does not publish opening hours.
    opening_hours: [],
  };
}

function estimate(shipment: PostnlShipment): EstimatedDelivery | null {
  const from = shipment.Expectation?.ETAFrom ? readWallTime(shipment.Expectation.ETAFrom) : null;
  const to = shipment.Expectation?.ETATo ? readWallTime(shipment.Expectation.ETATo) : null;
  const date = (w: WallTime) => `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  const time = (w: WallTime) => (w.hasTime ? `${pad(w.h)}:${pad(w.mi)}` : null);
  if (from) {
    return {
      start_date: date(from),
      end_date: date(to ?? from),
      start_time: time(from),
      end_time: to ? time(to) : null,
    };
  }
  const day = shipment.DeliveryDate ? readWallTime(shipment.DeliveryDate) : null;
  return day ? { start_date: date(day), end_date: date(day), start_time: null, end_time: null } : null;
}

type Entry = {
  status: string | null;
  phase: string | null;
  statusText: string | null;
  event: z.output<typeof eventSchema> | null;
  at: string;
};

/** Status history plus, where a status has one, the event recorded at (nearly) the same moment. */
function entriesOf(shipment: PostnlShipment): Entry[] {
  const statuses: PostnlStatus[] = [];
  for (const s of [...(shipment.Status ? [shipment.Status] : []), ...shipment.OldStatus]) {
    // PostNL repeats the current status in the history; one event per moment and code is enough.
    if (!statuses.some((x) => x.TimeStamp === s.TimeStamp && x.StatusCode === s.StatusCode)) statuses.push(s);
  }
  const events = shipment.Event.map((e) => ({ e, at: postnlTimestamp(e.TimeStamp) })).filter(
    (x): x is { e: z.output<typeof eventSchema>; at: string } => x.at !== null,
  );
  const used = new Set<number>();
  const entries: Entry[] = [];
  for (const s of statuses) {
    const at = postnlTimestamp(s.TimeStamp);
    if (!at || !s.StatusCode) continue;
    // Status and event are written by the same scan, but not always in the same second.
    let best = -1;
    for (const [i, x] of events.entries()) {
      const gap = Math.abs(Date.parse(x.at) - Date.parse(at));
      if (used.has(i) || gap > 120_000) continue;
      if (best < 0 || gap < Math.abs(Date.parse(events[best]!.at) - Date.parse(at))) best = i;
    }
    if (best >= 0) used.add(best);
    entries.push({
      status: s.StatusCode,
      phase: s.PhaseCode,
      statusText: s.StatusDescription,
      event: best >= 0 ? events[best]!.e : null,
      at,
    });
  }
  // Without a status history (detail=false, or PostNL left it out) the events are the only history.
  if (shipment.OldStatus.length === 0) {
    for (const [i, x] of events.entries()) {
      if (used.has(i) || !x.e.Code || !POSTNL_EVENT_STATUS[x.e.Code.toUpperCase()]) continue;
      entries.push({ status: null, phase: null, statusText: null, event: x.e, at: x.at });
    }
  }
  return entries;
}

function toEvent(entry: Entry, shipment: PostnlShipment): CarrierEvent | null {
  const eventCode = entry.event?.Code ?? null;
  const status = entry.status ?? POSTNL_EVENT_STATUS[eventCode?.toUpperCase() ?? ''];
  if (!status) return null;
  const description = [entry.statusText, entry.event?.Description].filter(Boolean).join(' – ');
  const mapped = mapPostnlStatus(status, { phaseCode: entry.phase, eventCode, description });
  if (!mapped) return null;
  const addresses = shipment.Address;
  const receiver = addresses.find((a) => a.AddressType === '01');
  const point = addresses.find((a) => a.AddressType === '09');
  const atPoint = mapped.status_code === 'PickupReady' || status === '22';
  // Only delivery-phase statuses are tied to a place PostNL names; the rest carry an internal depot code.
  const location = atPoint
    ? placeOf(point ?? receiver)
    : ['7', '8', '11'].includes(status)
      ? placeOf(receiver)
      : null;
  return {
    ...mapped,
    event_timestamp: entry.at,
    raw_code: [entry.status, eventCode].filter(Boolean).join(':'),
    raw_text: entry.statusText ?? entry.event?.Description ?? null,
    details: entry.event?.Description ?? null,
    location,
    pickup_location: mapped.status_code === 'PickupReady' ? pickupPoint(point) : null,
    // Signatures live behind a separate endpoint (/status/signature), which live refresh does not call.
    signer: null,
  };
}

export function parsePostnlShipment(barcode: string, body: unknown): CarrierTracking {
  const parsed = postnlResponseSchema.safeParse(body);
  if (!parsed.success) throw new CarrierError('bad_response', 'PostNL answered with an unexpected body');
  const { CompleteStatus, CurrentStatus, Warnings } = parsed.data;
  const shipments = [...(CompleteStatus?.Shipment ?? []), ...(CurrentStatus?.Shipment ?? [])].filter(
    (s) => s.Barcode || s.MainBarcode || s.Status,
  );
  const wanted = barcode.toUpperCase();
  const shipment =
    shipments.find((s) => s.Barcode?.toUpperCase() === wanted) ??
    shipments.find((s) => s.MainBarcode?.toUpperCase() === wanted) ??
    shipments[0];
  if (!shipment) {
    if (Warnings.length === 0) throw new CarrierError('bad_response', 'PostNL answered without a shipment');
    // Code 2 is "No shipment found"; any other warning without a shipment means the same to us.
    if (!Warnings.some((w) => w.Code === '2'))
      log.warn({ courier: 'postnl', warnings: Warnings }, 'PostNL answered with warnings and no shipment');
    return notFound(barcode);
  }
  const events = entriesOf(shipment)
    .map((e) => toEvent(e, shipment))
    .filter((e): e is CarrierEvent => e !== null);
  return found(barcode, events, estimate(shipment));
}

export function createPostnlAdapter({ apiKey, baseUrl }: ApiKeySettings): CarrierAdapter {
  return {
    courier: 'postnl',
    isConfigured: () => Boolean(apiKey),
    fetchTrackings: onePerCall(async (barcode, signal) => {
      // English descriptions: raw text is read by staff, and the location hints below match it.
      const url = `${baseUrl}/shipment/v2/status/barcode/${encodeURIComponent(barcode)}?${new URLSearchParams({ detail: 'true', language: 'EN' })}`;
      const res = await sendToCarrier('PostNL', () =>
        fetch(url, { headers: { apikey: apiKey ?? '', Accept: 'application/json' }, signal }),
      );
      if (!res.ok) throw new CarrierError('bad_response', `PostNL answered ${res.status}`);
      return parsePostnlShipment(barcode, await readCarrierJson('PostNL', res, signal));
    }),
  };
}
