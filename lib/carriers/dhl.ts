import 'server-only';
import { z } from 'zod';
import type { ApiKeySettings } from '@/lib/config';
import { log } from '@/lib/log';
import type { DeliveryLocationType } from '@/lib/status/vocabulary';
import { toIso3 } from '@/lib/i18n/countries';
import { withOffset, zoneForLocalTime } from './local-time';
import { found, notFound, onePerCall } from './events';
import {
  type CarrierAdapter,
  type CarrierEvent,
  CarrierError,
  type CarrierTracking,
  type EstimatedDelivery,
  type MappedStatus,
} from './types';
import { readCarrierJson, sendToCarrier } from './http';

// DHL Shipment Tracking – Unified: GET {base}/track/shipments?trackingNumber=…, header DHL-API-Key.
// Five coarse status codes; the description refines them (pinned to English with language=en).

const addressSchema = z
  .object({ countryCode: z.string(), postalCode: z.string(), addressLocality: z.string() })
  .partial()
  .passthrough();
const eventSchema = z
  .object({
    timestamp: z.string(),
    statusCode: z.string().optional(),
    status: z.string().optional(),
    description: z.string().optional(),
    location: z.object({ address: addressSchema.optional() }).passthrough().optional(),
  })
  .passthrough();
const shipmentSchema = z
  .object({
    id: z.string(),
    status: eventSchema.optional(),
    events: z.array(eventSchema).default([]),
    estimatedTimeOfDelivery: z.string().optional(),
    estimatedDeliveryTimeFrame: z
      .object({ estimatedFrom: z.string(), estimatedThrough: z.string() })
      .partial()
      .optional(),
    destination: z
      .object({ servicePoint: z.object({ label: z.string(), url: z.string() }).partial().optional() })
      .passthrough()
      .optional(),
    returnFlag: z.boolean().optional(),
    details: z
      .object({
        proofOfDelivery: z
          .object({ signed: z.object({ name: z.string() }).partial().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export const dhlResponseSchema = z.object({ shipments: z.array(shipmentSchema) }).passthrough();
type DhlEvent = z.infer<typeof eventSchema>;

const has = (text: string, pattern: RegExp) => pattern.test(text);

function deliveredWhere(text: string): DeliveryLocationType {
  if (has(text, /neighbou?r/i)) return 'Neighbor';
  if (has(text, /mail ?box|letter ?box/i)) return 'Mailbox';
  if (has(text, /packstation|locker/i)) return 'ParcelLocker';
  if (has(text, /parcel ?shop|service ?point/i)) return 'ParcelShop';
  if (has(text, /post office|retail outlet|postfiliale/i)) return 'PostOffice';
  if (has(text, /door|safe place/i)) return 'Doorstep';
  return 'Recipient';
}

function pickupWhere(text: string): DeliveryLocationType {
  if (has(text, /packstation|locker/i)) return 'ParcelLocker';
  if (has(text, /post office|retail outlet|(post)?filiale/i)) return 'PostOffice';
  return 'ParcelShop';
}

// A retail outlet, Packstation or parcel shop is named both when the sender hands a parcel in
// and when the recipient may collect it; only the verb tells the two apart.
const RECIPIENT_COLLECTED = /recipient has (picked up|collected)|(picked up|collected) by the recipient/i;
const HANDED_IN = /\b(posted|posting|dropped off|handed in)\b/i;
// On the way to a pick-up point, not there yet, though the text may say when it "can be picked up".
const ON_THE_WAY = /being brought to|will be (transported|taken|brought) to|on its way to/i;
const PICKUP_POINT = 'packstation|locker|retail outlet|post office|parcel ?shop|service ?point';
const READY_FOR_PICKUP = new RegExp(
  '(ready|available) for (pick-?up|collection)|can (now )?be (collected|picked up)|awaiting (collection|pick-?up)' +
    `|waiting (to be collected|for (collection|pick-?up|the recipient)|(at|in) the (${PICKUP_POINT}))`,
  'i',
);

/** One DHL event in our vocabulary; null for `unknown`, which tells nothing new. */
export function mapDhlEvent(
  statusCode: string | undefined,
  description: string,
  returnFlag = false,
): MappedStatus | null {
  const text = description;
  switch (statusCode) {
    case 'pre-transit':
      return { status_code: 'WarehousePrepared' };
    case 'transit':
      if (
        has(
          text,
          /out for delivery|with (the )?(delivery )?(courier|delivery (agent|vehicle))|loaded (on)?to the (delivery )?(van|vehicle)|in delivery/i,
        )
      ) {
        return { status_code: 'OutForDelivery' };
      }
      if (has(text, RECIPIENT_COLLECTED))
        return { status_code: 'Delivered', delivery_location_type: deliveredWhere(text) };
      if (has(text, HANDED_IN)) return { status_code: 'InboundScan' };
      if (has(text, ON_THE_WAY)) return { status_code: 'InTransit' };
      if (has(text, READY_FOR_PICKUP))
        return { status_code: 'PickupReady', delivery_location_type: pickupWhere(text) };
      if (has(text, /customs/i))
        return { status_code: /cleared|released/i.test(text) ? 'CustomsReleased' : 'CustomsIn' };
      if (has(text, /picked up|accepted|collected from|received by dhl|handed over to dhl/i))
        return { status_code: 'InboundScan' };
      if (has(text, /forwarded|redirect|rerout/i)) return { status_code: 'Rerouted' };
      return { status_code: 'InTransit' };
    case 'delivered':
      return { status_code: 'Delivered', delivery_location_type: deliveredWhere(text) };
    case 'failure':
      if (returnFlag || has(text, /return(ed|ing)? to (the )?sender|being returned|return shipment/i))
        return { status_code: 'Return' };
      if (
        has(text, /delivery attempt|could not be delivered|recipient (was )?not (found|at home|available)/i)
      ) {
        return { status_code: 'FailedAttemptFirst' };
      }
      if (has(text, /address/i)) return { status_code: 'Exception', exception_type: 'AddressIssue' };
      if (has(text, /refused|rejected/i))
        return { status_code: 'Exception', exception_type: 'CustomerRefusal' };
      if (has(text, /damaged/i)) return { status_code: 'Exception', exception_type: 'Damaged' };
      if (has(text, /customs|duty|duties/i)) return { status_code: 'Exception', exception_type: 'Customs' };
      return { status_code: 'Exception', exception_type: 'Other' };
    case 'unknown':
      return null;
    default:
      // A code DHL added after this adapter was written: keep the event, safely, and say so.
      log.warn({ courier: 'dhl', statusCode, description }, 'unknown DHL status code');
      return { status_code: 'InTransit' };
  }
}

// DHL Express stamps events with the local time of the place they happened, without an offset.
// Read as UTC, a Berlin scan lands an hour off and a Hong Kong one eight, enough to reorder
// events and to move a delivery to another day. The place's country names the zone when the
// whole country keeps one time then; where it does not (US, Canada, Russia, Spain with the
// Canaries…) the tracking's zone is the best guess, if it lies in that country; else UTC, as
// before. A time the DST switch skips keeps the offset from before it (see offsetAtWallClock).
function eventTimestamp(e: DhlEvent, trackingZone: string | null): string | null {
  const country = e.location?.address?.countryCode;
  return withOffset(e.timestamp, zoneForLocalTime(e.timestamp, country, trackingZone));
}

function toEvent(
  e: DhlEvent,
  shipment: z.infer<typeof shipmentSchema>,
  trackingZone: string | null,
): CarrierEvent | null {
  const text = [e.description, e.status].filter(Boolean).join(' – ');
  const mapped = mapDhlEvent(e.statusCode, text, shipment.returnFlag);
  const timestamp = eventTimestamp(e, trackingZone);
  if (!mapped || !timestamp) return null;
  const address = e.location?.address;
  const point = shipment.destination?.servicePoint?.label;
  return {
    ...mapped,
    event_timestamp: timestamp,
    raw_code: [e.statusCode, e.status].filter(Boolean).join(':') || 'unknown',
    raw_text: e.description ?? null,
    details: e.description ?? null,
    location: address
      ? {
          city: address.addressLocality ?? null,
          postal_code: address.postalCode ?? null,
          country_iso3: toIso3(address.countryCode),
        }
      : null,
    pickup_location:
      mapped.status_code === 'PickupReady' && point
        ? { name: point, address: point, opening_hours: [] }
        : null,
    signer:
      mapped.status_code === 'Delivered' ? (shipment.details?.proofOfDelivery?.signed?.name ?? null) : null,
  };
}

function estimate(shipment: z.infer<typeof shipmentSchema>): EstimatedDelivery | null {
  const frame = shipment.estimatedDeliveryTimeFrame;
  const from = frame?.estimatedFrom ?? shipment.estimatedTimeOfDelivery;
  if (!from) return null;
  const through = frame?.estimatedThrough ?? from;
  const time = (iso: string) => (/T\d\d:\d\d/.test(iso) ? iso.slice(11, 16) : null);
  return {
    start_date: from.slice(0, 10),
    end_date: through.slice(0, 10),
    start_time: time(from),
    end_time: time(through),
  };
}

/** `trackingZone`: the tracking's IANA zone, for local times at places whose country has several. */
export function parseDhlShipment(
  trackingNumber: string,
  body: unknown,
  trackingZone: string | null = null,
): CarrierTracking {
  const parsed = dhlResponseSchema.safeParse(body);
  if (!parsed.success) throw new CarrierError('bad_response', 'DHL answered with an unexpected body');
  const shipment = parsed.data.shipments.find((s) => s.id === trackingNumber) ?? parsed.data.shipments[0];
  if (!shipment) return notFound(trackingNumber);
  const events = shipment.events
    .map((e) => toEvent(e, shipment, trackingZone))
    .filter((e): e is CarrierEvent => e !== null);
  return found(trackingNumber, events, estimate(shipment));
}

export function createDhlAdapter({ apiKey, baseUrl }: ApiKeySettings): CarrierAdapter {
  return {
    courier: 'dhl',
    isConfigured: () => Boolean(apiKey),
    fetchTrackings: onePerCall(async (trackingNumber, signal, known) => {
      const url = `${baseUrl}/track/shipments?${new URLSearchParams({ trackingNumber, language: 'en' })}`;
      const res = await sendToCarrier('DHL', () =>
        fetch(url, { headers: { 'DHL-API-Key': apiKey ?? '', Accept: 'application/json' }, signal }),
      );
      if (res.status === 404) return notFound(trackingNumber);
      if (!res.ok) throw new CarrierError('bad_response', `DHL answered ${res.status}`);
      const body = await readCarrierJson('DHL', res, signal);
      return parseDhlShipment(trackingNumber, body, known?.timeZone ?? null);
    }),
  };
}
