import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ClientCredentialsSettings } from '@/lib/config';
import { log } from '@/lib/log';
import type { DeliveryLocationType, ExceptionType, StatusCode } from '@/lib/status/vocabulary';
import { toIso3 } from '@/lib/i18n/countries';
import { withOffset } from './local-time';
import { found, notFound, onePerCall } from './events';
import { createOAuthClient } from './oauth';
import {
  type CarrierAdapter,
  type CarrierEvent,
  CarrierError,
  type CarrierLocation,
  type CarrierTracking,
  type EstimatedDelivery,
  type MappedStatus,
} from './types';
import { readCarrierJson, sendToCarrier } from './http';

// UPS Track API: GET {base}/api/track/v1/details/{inquiryNumber} with an OAuth client-credentials
// token. Each activity carries a 3-digit `statusCode` (fine-grained, our main key) and a one- or
// two-letter `type` (coarse, the fallback when a code is new to us).

const codes = (list: string, mapped: MappedStatus | null) =>
  list.split(/\s+/).map((code) => [code, mapped] as const);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(3, '0')).join(' ');
const exception = (exception_type: ExceptionType): MappedStatus => ({
  status_code: 'Exception',
  exception_type,
});

// null: bookkeeping (delivery-change requests, claims, photos) that says nothing new about where
// the parcel is, so the previous status stands.
const BY_STATUS_CODE = new Map<string, MappedStatus | null>([
  ...codes('000 148 163', { status_code: 'Pending' }),
  ...codes('003 080 157 166', { status_code: 'WarehousePrepared' }),
  // A pickup attempt at the shipper: UPS still does not have the parcel and will come again.
  ...codes('077 065 131 135', { status_code: 'PickUpScheduled' }),
  ...codes('007', { status_code: 'Cancelled' }),
  ...codes('038 160 167 168 169', { status_code: 'InboundScan' }),
  ...codes('044 045 079 005 010 025 039 047 087 158 159 164 165 057 070 073 074 137 138', {
    status_code: 'InTransit',
  }),
  ...codes('016 019 020', { status_code: 'Stored' }),
  ...codes('071', { status_code: 'DestinationDeliveryCenter' }),
  ...codes('075', { status_code: 'Scheduled' }),
  ...codes('012 092 123 126', { status_code: 'CustomsIn' }),
  ...codes('014 084 134', { status_code: 'CustomsReleased' }),
  // Delays are still progress: the reference keeps them in transit rather than as exceptions.
  ...codes('032 046 048 051 052 053 086 090 132', { status_code: 'InTransit' }),
  ...codes('055 115 136 153 154', { status_code: 'Scheduled' }),
  ...codes('006 021 037 072 078 089 091 146 162', { status_code: 'OutForDelivery' }),
  ...codes('022 060 066 145', { status_code: 'FailedAttemptFirst' }),
  ...codes('061', { status_code: 'FailedAttemptFirst', exception_type: 'IdentFailed' }),
  ...codes('062', { status_code: 'FailedAttemptFirst', exception_type: 'DeliveryPayment' }),
  ...codes('023', { status_code: 'FailedAttemptSecond' }),
  ...codes('024', { status_code: 'FailedAttemptFinal' }),
  ...codes('017 040', { status_code: 'PickupReady' }),
  ...codes('144', { status_code: 'PickupReady', delivery_location_type: 'PostOffice' }),
  ...codes('161', { status_code: 'PickupReady', delivery_location_type: 'ParcelShop' }),
  ...codes('011 026', { status_code: 'Delivered' }),
  ...codes('143', { status_code: 'Delivered', delivery_location_type: 'Other' }),
  ...codes('033 119', { status_code: 'ReturnWarning' }),
  ...codes('035 036 117 118', { status_code: 'Return' }),
  ...codes('034 067 081', { status_code: 'ReturnProcessed' }),
  ...codes('013 029 030 049 069 076 083 129 130', exception('Other')),
  ...codes('050 139', exception('AddressIssue')),
  ...codes('058 124 125 141', exception('Customs')),
  ...codes('059', exception('Damaged')),
  ...codes('064', exception('CustomerRefusal')),
  ...codes('085', exception('DeliveryPayment')),
  // Lost and found, seized, destroyed: the parcel will not reach the shopper from UPS any more.
  ...codes('068 147 149', exception('Lost')),
  ...codes(
    `018 027 028 041 042 043 054 056 063 082 ${range(93, 114)} 116 120 121 122 127 128 133 140 142 155 156`,
    null,
  ),
]);

const BY_TYPE = new Map<string, MappedStatus | null>([
  ['M', { status_code: 'WarehousePrepared' }],
  ['MV', { status_code: 'Cancelled' }],
  ['P', { status_code: 'InboundScan' }],
  // `I` covers both "in transit" and "out for delivery"; without a status code, in transit is safer.
  ['I', { status_code: 'InTransit' }],
  // Freight delivered to a container freight station: still on its way to the consignee.
  ['DO', { status_code: 'InTransit' }],
  ['DD', { status_code: 'InTransit' }],
  ['W', { status_code: 'Stored' }],
  ['D', { status_code: 'Delivered' }],
  ['X', exception('Other')],
  ['NA', { status_code: 'Pending' }],
  ['U', null],
]);

/** UPS 3-digit codes arrive zero-padded in JSON but are listed unpadded by UPS; accept both. */
const normalizeCode = (code: string | undefined) => {
  const trimmed = code?.trim() ?? '';
  return /^\d{1,3}$/.test(trimmed) ? trimmed.padStart(3, '0') : trimmed;
};

/**
 * One UPS activity status in our vocabulary: `statusCode` first, `type` when the code is missing or
 * new. null means "keeps the previous status". Never throws: an unknown status is logged and kept
 * as in transit.
 */
export function mapUpsStatus(
  statusCode: string | undefined,
  type: string | undefined,
  description?: string,
): MappedStatus | null {
  const code = normalizeCode(statusCode);
  const byCode = BY_STATUS_CODE.get(code);
  if (byCode !== undefined) return byCode;
  if (code) log.warn({ courier: 'ups', statusCode, type, description }, 'unknown UPS status code');
  const byType = BY_TYPE.get(type?.trim().toUpperCase() ?? '');
  if (byType !== undefined) return byType;
  log.warn({ courier: 'ups', statusCode, type, description }, 'unknown UPS activity type');
  return { status_code: 'InTransit' };
}

const addressSchema = z
  .object({
    addressLine1: z.string(),
    addressLine2: z.string(),
    addressLine3: z.string(),
    city: z.string(),
    stateProvince: z.string(),
    postalCode: z.string(),
    country: z.string(),
    countryCode: z.string(),
  })
  .partial()
  .passthrough();
const statusSchema = z
  .object({
    type: z.string(),
    code: z.string(),
    statusCode: z.string(),
    description: z.string(),
    simplifiedTextDescription: z.string(),
  })
  .partial()
  .passthrough();
const activitySchema = z
  .object({
    date: z.string(),
    time: z.string().optional(),
    gmtDate: z.string().optional(),
    gmtTime: z.string().optional(),
    gmtOffset: z.string().optional(),
    location: z.object({ address: addressSchema.optional() }).passthrough().optional(),
    status: statusSchema.optional(),
  })
  .passthrough();
const packageSchema = z
  .object({
    trackingNumber: z.string().optional(),
    activity: z.array(activitySchema).default([]),
    deliveryDate: z
      .array(z.object({ type: z.string(), date: z.string() }).partial().passthrough())
      .optional(),
    deliveryTime: z
      .object({ type: z.string(), startTime: z.string(), endTime: z.string() })
      .partial()
      .passthrough()
      .optional(),
    deliveryInformation: z
      .object({ receivedBy: z.string(), location: z.string() })
      .partial()
      .passthrough()
      .nullish(),
    accessPointInformation: z.object({ pickupByDate: z.string() }).partial().passthrough().nullish(),
    packageAddress: z
      .array(
        z
          .object({ type: z.string(), name: z.string(), attentionName: z.string(), address: addressSchema })
          .partial()
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
const warningsSchema = z.array(z.object({ code: z.string(), message: z.string() }).partial().passthrough());
const shipmentSchema = z
  .object({
    inquiryNumber: z.string().optional(),
    warnings: warningsSchema.optional(),
    package: z.array(packageSchema).optional(),
  })
  .passthrough();
export const upsResponseSchema = z
  .object({ trackResponse: z.object({ shipment: z.array(shipmentSchema) }).passthrough() })
  .passthrough();
const errorBodySchema = z.object({
  response: z.object({ errors: warningsSchema }).passthrough(),
});

type UpsPackage = z.infer<typeof packageSchema>;
type UpsActivity = z.infer<typeof activitySchema>;
type UpsAddress = z.infer<typeof addressSchema>;

// "Tracking Information Not Found" (200 warning) and "Invalid inquiry number" (4xx error).
const NOT_FOUND_CODES = new Set(['TW0001', 'TV1002']);

const day = (yyyymmdd: string | undefined) => {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd?.trim() ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
};
/** `HHMMSS`, sometimes with colons or without the leading zero (`74700`), as `HH:MM:SS`. */
const clock = (hhmmss: string | undefined) => {
  const digits = (hhmmss ?? '').replace(/:/g, '').trim();
  if (!/^\d{1,6}$/.test(digits)) return null;
  const t = digits.padStart(6, '0');
  return `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
};
const offset = (value: string | undefined) => {
  const m = /^([+-])(\d{1,2}):?(\d{2})$/.exec(value?.trim() ?? '');
  return m ? `${m[1]}${m[2]!.padStart(2, '0')}:${m[3]}` : null;
};

/** Local date and time with UPS's offset; else the GMT fields; else the local time taken as UTC. */
export function upsTimestamp(a: Pick<UpsActivity, 'date' | 'time' | 'gmtDate' | 'gmtTime' | 'gmtOffset'>) {
  const localDay = day(a.date);
  const localTime = clock(a.time ?? '000000');
  const tz = offset(a.gmtOffset);
  if (localDay && localTime && tz) return withOffset(`${localDay}T${localTime}${tz}`);
  const gmtDay = day(a.gmtDate);
  const gmtTime = clock(a.gmtTime);
  if (gmtDay && gmtTime) return withOffset(`${gmtDay}T${gmtTime}Z`);
  return localDay && localTime ? withOffset(`${localDay}T${localTime}`) : null;
}

const toLocation = (address: UpsAddress | undefined): CarrierLocation | null => {
  if (!address) return null;
  const location = {
    city: address.city?.trim() || null,
    postal_code: address.postalCode?.trim() || null,
    country_iso3: toIso3(address.countryCode ?? address.country),
  };
  return Object.values(location).some(Boolean) ? location : null;
};

function deliveredWhere(text: string | undefined): DeliveryLocationType {
  const t = text ?? '';
  if (/neighbo/i.test(t)) return 'Neighbor';
  if (/mail ?box|letter ?box/i.test(t)) return 'Mailbox';
  if (/locker/i.test(t)) return 'ParcelLocker';
  if (/access point/i.test(t)) return 'ParcelShop';
  if (/door|porch|garage|patio|side of|rear of|safe place/i.test(t)) return 'Doorstep';
  return 'Recipient';
}

function estimate(pkg: UpsPackage): EstimatedDelivery | null {
  const dates = pkg.deliveryDate ?? [];
  if (dates.some((d) => d.type === 'DEL')) return null;
  // A rescheduled date replaces the scheduled one.
  const date = day((dates.find((d) => d.type === 'RDD') ?? dates.find((d) => d.type === 'SDD'))?.date);
  if (!date) return null;
  const window = pkg.deliveryTime;
  const hhmm = (t: string | undefined) => clock(t)?.slice(0, 5) ?? null;
  const isWindow = ['EDW', 'CDW', 'IDW'].includes(window?.type ?? '');
  return {
    start_date: date,
    end_date: date,
    start_time: isWindow ? hhmm(window?.startTime) : null,
    // A commit time (CMT) is the latest the parcel should arrive.
    end_time: isWindow || window?.type === 'CMT' ? hhmm(window?.endTime) : null,
  };
}

function accessPoint(pkg: UpsPackage): CarrierEvent['pickup_location'] {
  const entry = pkg.packageAddress?.find((p) => /access|pickup/i.test(p.type ?? ''));
  const a = entry?.address;
  if (!entry || !a) return null;
  const street = [a.addressLine1, a.addressLine2, a.addressLine3].filter(Boolean).join(', ');
  const address = [street, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (!address) return null;
  return { ...toLocation(a), name: entry.name ?? null, address, opening_hours: [] };
}

const TERMINAL: ReadonlySet<StatusCode> = new Set(['Delivered', 'ReturnProcessed', 'Cancelled']);

function toEvents(pkg: UpsPackage): CarrierEvent[] {
  // Oldest first, so that a status-neutral activity can take over the status before it.
  // Ties keep UPS's order, which is newest first.
  const chronological = pkg.activity
    .map((a, i) => ({ a, i, timestamp: upsTimestamp(a) }))
    .filter((x): x is { a: UpsActivity; i: number; timestamp: string } => x.timestamp !== null)
    .sort((x, y) => Date.parse(x.timestamp) - Date.parse(y.timestamp) || y.i - x.i);
  const events: CarrierEvent[] = [];
  let previous: MappedStatus | null = null;
  for (const { a, timestamp } of chronological) {
    const s = a.status;
    let mapped = mapUpsStatus(s?.statusCode, s?.type, s?.description);
    if (!mapped) {
      // A delivery photo or a claim after delivery would only repeat "delivered".
      if (!previous || TERMINAL.has(previous.status_code)) continue;
      mapped = { status_code: previous.status_code, exception_type: previous.exception_type };
    }
    previous = mapped;
    const event: CarrierEvent = {
      ...mapped,
      event_timestamp: timestamp,
      raw_code: [s?.type, s?.code, s?.statusCode].filter(Boolean).join(':') || 'unknown',
      raw_text: s?.description ?? null,
      // UPS pads some descriptions with a trailing space.
      details: s?.description?.trim() || null,
      location: toLocation(a.location?.address),
    };
    if (mapped.status_code === 'Delivered') {
      const info = pkg.deliveryInformation;
      event.delivery_location_type = mapped.delivery_location_type ?? deliveredWhere(info?.location);
      event.signer = info?.receivedBy?.trim() || null;
    }
    if (mapped.status_code === 'PickupReady') {
      event.pickup_location = accessPoint(pkg);
      if (!event.delivery_location_type && (pkg.accessPointInformation || event.pickup_location))
        event.delivery_location_type = 'ParcelShop';
    }
    events.push(event);
  }
  return events.reverse();
}

export function parseUpsTracking(trackingNumber: string, body: unknown): CarrierTracking {
  const parsed = upsResponseSchema.safeParse(body);
  if (!parsed.success) throw new CarrierError('bad_response', 'UPS answered with an unexpected body');
  const shipments = parsed.data.trackResponse.shipment;
  const shipment = shipments.find((s) => s.inquiryNumber === trackingNumber) ?? shipments[0];
  const pkg = shipment?.package?.find((p) => p.trackingNumber === trackingNumber) ?? shipment?.package?.[0];
  if (!shipment || !pkg) {
    const warnings = shipment?.warnings ?? [];
    if (warnings.length && !warnings.some((w) => NOT_FOUND_CODES.has(w.code ?? ''))) {
      log.warn({ courier: 'ups', trackingNumber, warnings }, 'UPS answered without a package');
    }
    return notFound(trackingNumber);
  }
  return found(trackingNumber, toEvents(pkg), estimate(pkg));
}

async function errorCodes(res: Response): Promise<string[]> {
  const parsed = errorBodySchema.safeParse(await res.json().catch(() => null));
  return parsed.success ? parsed.data.response.errors.map((e) => e.code ?? '') : [];
}

export function createUpsAdapter(settings: ClientCredentialsSettings): CarrierAdapter {
  const oauth = createOAuthClient(settings, { path: '/security/v1/oauth/token', credentials: 'basic' });
  return {
    courier: 'ups',
    isConfigured: () => Boolean(settings.clientId && settings.clientSecret),
    fetchTrackings: onePerCall(async (trackingNumber, signal) => {
      const query = new URLSearchParams({ locale: 'en_US', returnSignature: 'false' });
      const url = `${settings.baseUrl}/api/track/v1/details/${encodeURIComponent(trackingNumber)}?${query}`;
      const res = await sendToCarrier('UPS', () =>
        oauth.fetch(url, {
          headers: {
            Accept: 'application/json',
            transId: randomUUID(),
            transactionSrc: 'order-status-portal',
          },
          signal,
        }),
      );
      if (res.status >= 400) {
        const codes = await errorCodes(res);
        if (res.status === 404 || codes.some((c) => NOT_FOUND_CODES.has(c))) return notFound(trackingNumber);
        throw new CarrierError('bad_response', `UPS rejected the request (${res.status} ${codes.join(',')})`);
      }
      return parseUpsTracking(trackingNumber, await readCarrierJson('UPS', res, signal));
    }),
  };
}
