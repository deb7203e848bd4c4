import 'server-only';
import { z } from 'zod';
import type { ClientCredentialsSettings } from '@/lib/config';
import { log } from '@/lib/log';
import type { DeliveryLocationType, ExceptionType, StatusCode } from '@/lib/status/vocabulary';
import { toIso3 } from '@/lib/i18n/countries';
import { withOffset } from './local-time';
import { found, notFound } from './events';
import { createOAuthClient, type OAuthClient } from './oauth';
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

// FedEx Track API: POST {base}/track/v1/trackingnumbers with an OAuth client-credentials bearer
// token (credentials in the form body). Up to 30 numbers per call; an unknown number is not an
// HTTP error but a 200 whose trackResult carries `error`.

const BATCH_SIZE = 30;

// FedEx leaves fields out, sends "" and occasionally null: accept all three everywhere.
const text = z.string().nullish();

const addressSchema = z
  .object({
    streetLines: z.array(z.string()).nullish(),
    city: text,
    stateOrProvinceCode: text,
    postalCode: text,
    countryCode: text,
  })
  .passthrough();
const scanEventSchema = z
  .object({
    date: text,
    eventType: text,
    eventDescription: text,
    exceptionCode: text,
    exceptionDescription: text,
    derivedStatusCode: text,
    derivedStatus: text,
    scanLocation: addressSchema.nullish(),
    locationType: text,
  })
  .passthrough();
const trackResultSchema = z
  .object({
    trackingNumberInfo: z.object({ trackingNumber: text }).passthrough().nullish(),
    latestStatusDetail: z
      .object({
        code: text,
        derivedCode: text,
        statusByLocale: text,
        description: text,
        scanLocation: addressSchema.nullish(),
        ancillaryDetails: z
          .array(
            z
              .object({ reason: text, reasonDescription: text, action: text, actionDescription: text })
              .passthrough(),
          )
          .nullish(),
      })
      .passthrough()
      .nullish(),
    scanEvents: z.array(scanEventSchema).nullish(),
    dateAndTimes: z.array(z.object({ type: text, dateTime: text }).passthrough()).nullish(),
    estimatedDeliveryTimeWindow: z
      .object({ window: z.object({ begins: text, ends: text }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    deliveryDetails: z
      .object({ receivedByName: text, signedByName: text, locationType: text, locationDescription: text })
      .passthrough()
      .nullish(),
    holdAtLocation: z
      .object({
        locationId: text,
        locationType: text,
        locationContactAndAddress: z
          .object({
            contact: z.object({ personName: text, companyName: text }).passthrough().nullish(),
            address: addressSchema.nullish(),
          })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
    error: z.object({ code: text, message: text }).passthrough().nullish(),
  })
  .passthrough();
export const fedexResponseSchema = z
  .object({
    output: z
      .object({
        completeTrackResults: z.array(
          z.object({ trackingNumber: z.string(), trackResults: z.array(trackResultSchema) }).passthrough(),
        ),
      })
      .passthrough(),
  })
  .passthrough();
type TrackResult = z.infer<typeof trackResultSchema>;
type ScanEvent = z.infer<typeof scanEventSchema>;
type Address = z.infer<typeof addressSchema>;

// The reference table (carriers.md §5), code by code. `null`: the code changes nothing about where
// the parcel is (delivery-option requests), so it must not become a checkpoint of its own.
// Codes whose answer depends on the text (DE, SE) or carries a place (DL, HL, HP) are handled below.
const FEDEX_STATUS: Record<string, StatusCode | null> = {
  OC: 'WarehousePrepared',
  OX: 'WarehousePrepared',
  IN: 'WarehousePrepared',
  // Return-label links: the label exists, the parcel is not with FedEx yet.
  RP: 'WarehousePrepared',
  LP: 'WarehousePrepared',
  RG: 'WarehousePrepared',
  RD: 'WarehousePrepared',
  EP: 'PickUpScheduled',
  AP: 'PickUpScheduled',
  PU: 'InboundScan',
  PX: 'InboundScan',
  IT: 'InTransit',
  IX: 'InTransit',
  AR: 'InTransit',
  // "At local FedEx facility" shows up at origin stations too, so it is not proof of the last leg.
  AF: 'InTransit',
  AA: 'InTransit',
  AC: 'InTransit',
  AX: 'InTransit',
  DP: 'InTransit',
  // Both "Enroute to airport" and "Export approved" in FedEx's own table: only InTransit fits both.
  EA: 'InTransit',
  EO: 'InTransit',
  FD: 'DestinationDeliveryCenter',
  LO: 'InTransit',
  OF: 'InTransit',
  PF: 'InTransit',
  PL: 'InTransit',
  PM: 'InTransit',
  SF: 'InTransit',
  TR: 'InTransit',
  CH: 'Rerouted',
  AO: 'InTransit',
  DS: 'InTransit',
  DR: 'InTransit',
  OW: 'InTransit',
  SP: 'InTransit',
  CC: 'CustomsReleased',
  CP: 'CustomsIn',
  // Delays stay in transit: one late scan is not yet a problem for the customer.
  DY: 'InTransit',
  DD: 'InTransit',
  PD: 'InTransit',
  CD: 'CustomsIn',
  OD: 'OutForDelivery',
  ED: 'OutForDelivery',
  AD: 'OutForDelivery',
  RS: 'Return',
  CA: 'Cancelled',
  RR: null,
  RM: null,
  RC: null,
};
const SPECIAL_CODES = new Set(['DE', 'SE', 'DL', 'HL', 'HP']);

/** Codes this adapter knows, upper case (FedEx's table spells one of them `Ow`). */
export const FEDEX_CODES: readonly string[] = [...Object.keys(FEDEX_STATUS), ...SPECIAL_CODES];

const normalizeCode = (code: string | null | undefined) => (code ?? '').trim().toUpperCase();
export const isKnownFedexCode = (code: string | null | undefined): boolean =>
  FEDEX_CODES.includes(normalizeCode(code));

/** What went wrong, from FedEx's exception or ancillary text. */
export function fedexExceptionType(description: string): ExceptionType {
  const t = description.toLowerCase();
  if (/address|\bmoved\b|unknown (recipient|consignee)/.test(t)) return 'AddressIssue';
  if (/refus|rejected/.test(t)) return 'CustomerRefusal';
  if (/damag/.test(t)) return 'Damaged';
  // Before customs: "awaiting payment of duties" is something the recipient has to pay.
  if (/payment|\bcod\b|collect on delivery|duties|dutiable|taxes/.test(t)) return 'DeliveryPayment';
  if (/customs|clearance|broker|\bimport|regulatory/.test(t)) return 'Customs';
  if (/\bid\b|identification|age verification|adult signature/.test(t)) return 'IdentFailed';
  if (/\blost\b|unable to locate|cannot be located/.test(t)) return 'Lost';
  if (/missing|incomplete|shortage/.test(t)) return 'ItemMissing';
  if (/weather|storm|snow|flood|natural disaster/.test(t)) return 'Weather';
  return 'Other';
}

const ATTEMPT_TEXT =
  /not (available|at home|in\b|present)|no one|nobody|business (was )?closed|attempted delivery|delivery attempt\b|recipient (was )?absent/i;

/** Where a parcel was left: FedEx's location type and description, both free-form in practice. */
export function fedexDeliveryLocation(...parts: Array<string | null | undefined>): DeliveryLocationType {
  const t = parts.filter(Boolean).join(' ').replace(/_/g, ' ').toLowerCase();
  if (/neighbo/.test(t)) return 'Neighbor';
  if (/locker/.test(t)) return 'ParcelLocker';
  if (/mail ?box|letter ?box/.test(t)) return 'Mailbox';
  if (/post office|usps/.test(t)) return 'PostOffice';
  if (/\b(door|porch|garage|patio|deck|stoop|safe place)\b/.test(t)) return 'Doorstep';
  if (/fedex (office|location|onsite|authorized|ship center|staffed)|retail|hold at location/.test(t))
    return 'ParcelShop';
  return 'Recipient';
}

/**
 * One FedEx status or scan code in our vocabulary. `description` refines delivery exceptions.
 * Null for codes that are no checkpoint (delivery options requested/modified/cancelled).
 * Never throws: a code FedEx added later is kept as InTransit and logged.
 */
export function mapFedexCode(code: string | null | undefined, description = ''): MappedStatus | null {
  const key = normalizeCode(code);
  switch (key) {
    case 'DE': {
      const type = fedexExceptionType(description);
      // Nobody home is a failed attempt; an address, refusal or damage problem needs attention.
      if (type === 'Other' && ATTEMPT_TEXT.test(description)) return { status_code: 'FailedAttemptFirst' };
      return { status_code: 'Exception', exception_type: type };
    }
    case 'SE':
      return { status_code: 'Exception', exception_type: fedexExceptionType(description) };
    case 'DL':
      return { status_code: 'Delivered', delivery_location_type: fedexDeliveryLocation(description) };
    case 'HL':
    case 'HP':
      return { status_code: 'PickupReady', delivery_location_type: 'ParcelShop' };
  }
  if (Object.hasOwn(FEDEX_STATUS, key)) {
    const status = FEDEX_STATUS[key];
    return status ? { status_code: status } : null;
  }
  log.warn({ courier: 'fedex', code, description }, 'unknown FedEx status code');
  return { status_code: 'InTransit' };
}

// Scan events carry a specific eventType and a coarser derivedStatusCode: trust the specific one
// when we know it, else fall back to the coarse one before giving up.
function codeOf(eventType: string | null | undefined, derived: string | null | undefined): string {
  if (isKnownFedexCode(eventType)) return normalizeCode(eventType);
  if (isKnownFedexCode(derived)) return normalizeCode(derived);
  return (eventType || derived || '').trim();
}

const nonEmpty = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

function locationOf(address: Address | null | undefined): CarrierLocation | null {
  if (!address) return null;
  const location = {
    city: nonEmpty(address.city),
    postal_code: nonEmpty(address.postalCode),
    country_iso3: toIso3(nonEmpty(address.countryCode)),
  };
  return location.city || location.postal_code || location.country_iso3 ? location : null;
}

function pickupLocationOf(result: TrackResult): CarrierEvent['pickup_location'] {
  const hold = result.holdAtLocation?.locationContactAndAddress;
  const street = (hold?.address?.streetLines ?? []).map((l) => l.trim()).filter(Boolean);
  if (!hold?.address || street.length === 0) return null;
  const name = nonEmpty(hold.contact?.companyName) ?? nonEmpty(hold.contact?.personName);
  return {
    ...locationOf(hold.address),
    name: name ?? street.join(', '),
    address: street.join(', '),
    opening_hours: [],
  };
}

const dateOf = (result: TrackResult, type: string) =>
  nonEmpty(result.dateAndTimes?.find((d) => d.type === type)?.dateTime);

function estimateOf(result: TrackResult): EstimatedDelivery | null {
  const clock = (iso: string) => (/T\d\d:\d\d/.test(iso) ? iso.slice(11, 16) : null);
  const window = result.estimatedDeliveryTimeWindow?.window;
  const begins = nonEmpty(window?.begins);
  if (begins) {
    const ends = nonEmpty(window?.ends) ?? begins;
    return {
      start_date: begins.slice(0, 10),
      end_date: ends.slice(0, 10),
      start_time: clock(begins),
      end_time: clock(ends),
    };
  }
  // A single date is a promise "by then"; FedEx writes midnight when it means the whole day.
  const by =
    dateOf(result, 'ESTIMATED_DELIVERY') ??
    dateOf(result, 'APPOINTMENT_DELIVERY') ??
    dateOf(result, 'COMMITMENT');
  if (!by) return null;
  const end = clock(by);
  return {
    start_date: by.slice(0, 10),
    end_date: by.slice(0, 10),
    start_time: null,
    end_time: end === '00:00' ? null : end,
  };
}

// When FedEx has a status but no scans yet (a label just created), the status itself is the only
// checkpoint; date it by the newest thing that actually happened, never by an estimate.
function syntheticScan(result: TrackResult): ScanEvent | null {
  const latest = result.latestStatusDetail;
  if (!latest?.code && !latest?.derivedCode) return null;
  const happened = (result.dateAndTimes ?? [])
    .filter((d) => /^(ACTUAL_|SHIP$|SHIPMENT_DATA_RECEIVED)/.test(d.type ?? ''))
    .map((d) => nonEmpty(d.dateTime))
    .filter((d): d is string => d !== null && !Number.isNaN(Date.parse(d)))
    .sort((a, b) => Date.parse(b) - Date.parse(a));
  if (!happened[0]) return null;
  return {
    date: happened[0],
    eventType: latest.code,
    derivedStatusCode: latest.derivedCode,
    eventDescription: latest.statusByLocale ?? latest.description,
    scanLocation: latest.scanLocation,
  };
}

function eventsOf(result: TrackResult): CarrierEvent[] {
  const scans = result.scanEvents?.length
    ? result.scanEvents
    : [syntheticScan(result)].filter((s): s is ScanEvent => s !== null);
  const latest = result.latestStatusDetail;
  const ancillary = (latest?.ancillaryDetails ?? [])
    .map((a) => [a.reasonDescription, a.actionDescription].filter(Boolean).join(' '))
    .join(' ');
  const delivery = result.deliveryDetails;
  const time = (scan: ScanEvent) => Date.parse(withOffset(scan.date ?? '') ?? '') || -Infinity;
  const newestScan = scans.reduce<ScanEvent | null>((a, s) => (!a || time(s) > time(a) ? s : a), null);
  const events: CarrierEvent[] = [];
  scans.forEach((scan) => {
    const code = codeOf(scan.eventType, scan.derivedStatusCode);
    const timestamp = scan.date ? withOffset(scan.date) : null;
    if (!timestamp) return;
    const own = [nonEmpty(scan.eventDescription), nonEmpty(scan.exceptionDescription)]
      .filter(Boolean)
      .join(' – ');
    // FedEx explains only its latest status (ancillaryDetails); that explanation belongs to the
    // newest scan when the two agree.
    const explained =
      scan === newestScan && normalizeCode(latest?.code) === code && ancillary ? `${own} ${ancillary}` : own;
    const mapped = mapFedexCode(code, explained);
    if (!mapped) return;
    const event: CarrierEvent = {
      ...mapped,
      event_timestamp: timestamp,
      raw_code: [code || 'unknown', nonEmpty(scan.exceptionCode)].filter(Boolean).join(':'),
      raw_text: nonEmpty(scan.eventDescription),
      details: own || null,
      location: locationOf(scan.scanLocation),
    };
    if (mapped.status_code === 'Delivered') {
      if (delivery?.locationType || delivery?.locationDescription) {
        event.delivery_location_type = fedexDeliveryLocation(
          delivery.locationType,
          delivery.locationDescription,
        );
      }
      event.signer = nonEmpty(delivery?.receivedByName) ?? nonEmpty(delivery?.signedByName);
    }
    if (mapped.status_code === 'PickupReady') {
      const type = result.holdAtLocation?.locationType;
      if (type) event.delivery_location_type = fedexDeliveryLocation(type, 'hold at location');
      event.pickup_location = pickupLocationOf(result);
    }
    events.push(event);
  });
  return events;
}

const sameNumber = (a: string, b: string) =>
  a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/** One FedEx answer in our terms, one entry per asked number, in the order asked. */
export function parseFedexResponse(trackingNumbers: string[], body: unknown): CarrierTracking[] {
  const parsed = fedexResponseSchema.safeParse(body);
  if (!parsed.success) throw new CarrierError('bad_response', 'FedEx answered with an unexpected body');
  const complete = parsed.data.output.completeTrackResults;
  return trackingNumbers.map((trackingNumber): CarrierTracking => {
    const entry =
      complete.find((c) => sameNumber(c.trackingNumber, trackingNumber)) ??
      (trackingNumbers.length === 1 && complete.length === 1 ? complete[0] : undefined);
    if (!entry) {
      log.warn({ courier: 'fedex', trackingNumber }, 'FedEx left a tracking number out of its answer');
      return notFound(trackingNumber);
    }
    // Several results for one number are distinct shipments that reused it; FedEx lists the one
    // it considers current first.
    const result = entry.trackResults.find((r) => !r.error?.code);
    if (!result) {
      const code = entry.trackResults[0]?.error?.code;
      if (code && !/NOTFOUND/.test(code))
        log.warn({ courier: 'fedex', trackingNumber, code }, 'FedEx tracking error');
      return notFound(trackingNumber);
    }
    return found(trackingNumber, eventsOf(result), estimateOf(result));
  });
}

async function trackBatch(
  oauth: OAuthClient,
  baseUrl: string,
  trackingNumbers: string[],
  signal: AbortSignal,
): Promise<CarrierTracking[]> {
  const body = JSON.stringify({
    includeDetailedScans: true,
    trackingInfo: trackingNumbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
  });
  const res = await sendToCarrier('FedEx', () =>
    oauth.fetch(`${baseUrl}/track/v1/trackingnumbers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-locale': 'en_US' },
      body,
      signal,
    }),
  );
  const json = await readCarrierJson('FedEx', res, signal);
  if (!res.ok) {
    // The spec also shows "not found" as a 400 for the whole request.
    const errors = z
      .object({ errors: z.array(z.object({ code: text }).passthrough()) })
      .passthrough()
      .safeParse(json);
    const codes = errors.success ? errors.data.errors.map((e) => e.code ?? '') : undefined;
    if (codes?.some((c) => c === 'TRACKING.TRACKINGNUMBER.NOTFOUND')) return trackingNumbers.map(notFound);
    throw new CarrierError(
      'bad_response',
      `FedEx rejected the request (${res.status} ${codes?.join(',') ?? ''})`,
    );
  }
  return parseFedexResponse(trackingNumbers, json);
}

export function createFedexAdapter(settings: ClientCredentialsSettings): CarrierAdapter {
  const oauth = createOAuthClient(settings, { path: '/oauth/token', credentials: 'form' });
  return {
    courier: 'fedex',
    isConfigured: () => Boolean(settings.clientId && settings.clientSecret),
    async fetchTrackings(trackingNumbers, signal) {
      const unique = [...new Set(trackingNumbers)];
      const batches: string[][] = [];
      for (let i = 0; i < unique.length; i += BATCH_SIZE) batches.push(unique.slice(i, i + BATCH_SIZE));
      const results = (
        await Promise.all(batches.map((batch) => trackBatch(oauth, settings.baseUrl, batch, signal)))
      ).flat();
      const byNumber = new Map(results.map((r) => [r.trackingNumber, r]));
      return trackingNumbers.map((n) => byNumber.get(n) ?? notFound(n));
    },
  };
}
