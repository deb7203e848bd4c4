import 'server-only';
import type { CarrierSettings } from '@/lib/config';
import type { StatusCode } from '@/lib/status/vocabulary';
import type { CarrierAdapter, CarrierEvent, CarrierLocation } from './types';

// The `demo` courier of the embedded demo shop: each refresh moves a parcel one realistic step
// further for every two hours since its last event, so a demo that runs for a day looks alive.

const STEP_MS = 2 * 60 * 60_000;

const NEXT: Partial<Record<StatusCode, StatusCode>> = {
  Pending: 'InboundScan',
  OrderProcessed: 'InboundScan',
  WarehousePrepared: 'InboundScan',
  PickUpScheduled: 'InboundScan',
  InboundScan: 'InTransit',
  InTransit: 'DestinationDeliveryCenter',
  DestinationDeliveryCenter: 'OutForDelivery',
  Scheduled: 'OutForDelivery',
  FailedAttemptFirst: 'OutForDelivery',
  OutForDelivery: 'Delivered',
};

const PLACES: Partial<Record<StatusCode, CarrierLocation & { details: string }>> = {
  InboundScan: { city: 'Hamburg', country_iso3: 'DEU', details: 'Parcel received at the Demo Express depot' },
  InTransit: { city: 'Hannover', country_iso3: 'DEU', details: 'Parcel sorted at the Hannover hub' },
  DestinationDeliveryCenter: {
    city: 'Berlin',
    country_iso3: 'DEU',
    details: 'Parcel arrived at the local delivery base',
  },
  OutForDelivery: { city: 'Berlin', country_iso3: 'DEU', details: 'The driver is on the way' },
  Delivered: { city: 'Berlin', country_iso3: 'DEU', details: 'Parcel handed to the recipient' },
};

/** The steps a demo parcel has taken since what the portal knows, up to `now`. */
export function demoSteps(
  statusCode: StatusCode | null,
  lastEventAt: string | null,
  now: Date,
): CarrierEvent[] {
  const events: CarrierEvent[] = [];
  let status: StatusCode = statusCode ?? 'Pending';
  let at = lastEventAt ? Date.parse(lastEventAt) : now.getTime() - STEP_MS;
  for (let next = NEXT[status]; next && at + STEP_MS <= now.getTime(); next = NEXT[status]) {
    at += STEP_MS;
    status = next;
    const place = PLACES[status]!;
    events.push({
      status_code: status,
      event_timestamp: new Date(at).toISOString(),
      raw_code: `DEMO-${status}`,
      raw_text: place.details,
      details: place.details,
      location: { city: place.city, country_iso3: place.country_iso3 },
      delivery_location_type: status === 'Delivered' ? 'Recipient' : null,
    });
  }
  return events;
}

export function createDemoAdapter({ enabled }: CarrierSettings['demo']): CarrierAdapter {
  return {
    courier: 'demo',
    isConfigured: () => enabled,
    async fetchTrackings(trackingNumbers, _signal, known) {
      const now = new Date();
      return trackingNumbers.map((trackingNumber) => {
        const state = known?.get(trackingNumber);
        return {
          trackingNumber,
          found: true as const,
          events: demoSteps(state?.statusCode ?? null, state?.lastEventAt ?? null, now),
        };
      });
    },
  };
}
