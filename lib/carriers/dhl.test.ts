import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_DHL_KEY, startFakeDhl } from '@/test/support/fake-carriers/dhl';
import { createDhlAdapter, mapDhlEvent, parseDhlShipment } from './dhl';
import { CarrierError } from './types';

describe('DHL status mapping', () => {
  it.each([
    [
      'pre-transit',
      'The instruction data for this shipment have been provided by the sender',
      false,
      'WarehousePrepared',
      undefined,
    ],
    ['transit', 'The shipment has been picked up by DHL', false, 'InboundScan', undefined],
    ['transit', 'The shipment has been processed in the parcel center', false, 'InTransit', undefined],
    ['transit', 'The shipment has been loaded onto the delivery vehicle', false, 'OutForDelivery', undefined],
    ['transit', 'The shipment is out for delivery', false, 'OutForDelivery', undefined],
    ['transit', 'With delivery courier', false, 'OutForDelivery', undefined],
    ['transit', 'The shipment is ready for pick-up at the Parcelshop', false, 'PickupReady', undefined],
    [
      'transit',
      'The shipment has been delivered to the Packstation and is ready for pick-up',
      false,
      'PickupReady',
      undefined,
    ],
    ['transit', 'The shipment is being processed by customs', false, 'CustomsIn', undefined],
    ['transit', 'Customs clearance completed, shipment released', false, 'CustomsReleased', undefined],
    ['transit', 'The shipment has been forwarded to a new address', false, 'Rerouted', undefined],
    ['delivered', 'The shipment has been successfully delivered', false, 'Delivered', undefined],
    [
      'failure',
      'The shipment could not be delivered, recipient not at home',
      false,
      'FailedAttemptFirst',
      undefined,
    ],
    ['failure', 'The shipment is being returned to the sender', false, 'Return', undefined],
    ['failure', 'Delivery not possible', true, 'Return', undefined],
    ['failure', 'The address is incomplete', false, 'Exception', 'AddressIssue'],
    ['failure', 'The recipient refused to accept the shipment', false, 'Exception', 'CustomerRefusal'],
    ['failure', 'The shipment was damaged', false, 'Exception', 'Damaged'],
    ['failure', 'Something happened', false, 'Exception', 'Other'],
    ['brand-new-code', 'A status DHL added later', false, 'InTransit', undefined],
  ])('%s "%s" → %s', (code, text, returnFlag, status, exception) => {
    const mapped = mapDhlEvent(code, text, returnFlag);
    expect(mapped?.status_code).toBe(status);
    expect(mapped?.exception_type).toBe(exception);
  });

  it('says where a parcel was delivered, and skips "unknown"', () => {
    expect(mapDhlEvent('delivered', 'Delivered to neighbour')?.delivery_location_type).toBe('Neighbor');
    expect(mapDhlEvent('delivered', 'Delivered to the recipient')?.delivery_location_type).toBe('Recipient');
    expect(mapDhlEvent('unknown', 'No information')).toBeNull();
  });
});

// DHL's own English texts. A retail outlet, Packstation or parcel shop shows up when the sender
// hands a parcel in, on its way to a pick-up point, when it is ready there and once collected.
describe('DHL hand-in versus pick-up', () => {
  it.each([
    ['transit', 'The shipment has been posted by the sender at the retail outlet', 'InboundScan', undefined],
    ['transit', 'The shipment has been dropped off by the sender at a Packstation', 'InboundScan', undefined],
    ['transit', 'The shipment has been posted by the sender at the PACKSTATION', 'InboundScan', undefined],
    [
      'transit',
      'The shipment has been taken from the PACKSTATION for onward transportation',
      'InTransit',
      undefined,
    ],
    [
      'transit',
      'The shipment will be transported to the retail outlet / parcel shop for pick-up',
      'InTransit',
      undefined,
    ],
    [
      'transit',
      'The shipment is being brought to Filiale Herne Amalienstr. 1 for pick-up. The earliest time when it can be picked up can be found on the notification card.',
      'InTransit',
      undefined,
    ],
    ['transit', 'The shipment is on its way to the PACKSTATION', 'InTransit', undefined],
    [
      'transit',
      'The shipment could not be delivered to the PACKSTATION and has been forwarded to a retail outlet',
      'Rerouted',
      undefined,
    ],
    ['transit', 'The shipment is ready for pick-up at the PACKSTATION.', 'PickupReady', 'ParcelLocker'],
    ['transit', 'The shipment is available for collection at the retail outlet', 'PickupReady', 'PostOffice'],
    [
      'transit',
      'The shipment is available for pick-up from the retail outlet retail outlet Valentinskamp 88 20355 Hamburg as of now.',
      'PickupReady',
      'PostOffice',
    ],
    [
      'transit',
      'The shipment is waiting at the Packstation for the recipient',
      'PickupReady',
      'ParcelLocker',
    ],
    ['transit', 'The shipment is ready for pick-up at the Parcelshop', 'PickupReady', 'ParcelShop'],
    ['transit', 'The shipment can be collected at the DHL Service Point', 'PickupReady', 'ParcelShop'],
    [
      'delivered',
      'The recipient has picked up the shipment from the retail outlet.',
      'Delivered',
      'PostOffice',
    ],
    [
      'delivered',
      'The recipient has picked up the shipment from the PACKSTATION',
      'Delivered',
      'ParcelLocker',
    ],
    // Should DHL ever file the collection under `transit`, the text still says it is done.
    ['transit', 'The recipient has picked up the shipment from the PACKSTATION', 'Delivered', 'ParcelLocker'],
  ])('%s "%s" → %s at %s', (code, text, status, where) => {
    const mapped = mapDhlEvent(code, text);
    expect(mapped?.status_code).toBe(status);
    expect(mapped?.delivery_location_type).toBe(where);
  });
});

describe('DHL local times without an offset', () => {
  const body = (timestamp: string, countryCode?: string) => ({
    shipments: [
      {
        id: 'T1',
        events: [
          {
            timestamp,
            statusCode: 'transit',
            description: 'Processed',
            ...(countryCode ? { location: { address: { countryCode } } } : {}),
          },
        ],
      },
    ],
  });
  const read = (timestamp: string, countryCode?: string, trackingZone: string | null = null) =>
    parseDhlShipment('T1', body(timestamp, countryCode), trackingZone).events[0]?.event_timestamp;

  it.each([
    ['Berlin in winter', '2026-11-30T14:05:00', 'DE', null, '2026-11-30T14:05:00+01:00'],
    ['Berlin in summer', '2026-07-01T14:05:00', 'DE', null, '2026-07-01T14:05:00+02:00'],
    ['Hong Kong', '2026-11-30T14:05:00', 'HK', null, '2026-11-30T14:05:00+08:00'],
    [
      'the US, tracking zone Chicago',
      '2026-11-30T14:05:00',
      'US',
      'America/Chicago',
      '2026-11-30T14:05:00-06:00',
    ],
    ['the US, no zone known: UTC', '2026-11-30T14:05:00', 'US', null, '2026-11-30T14:05:00Z'],
    ['the US, a zone in Europe: UTC', '2026-11-30T14:05:00', 'US', 'Europe/Berlin', '2026-11-30T14:05:00Z'],
    [
      'Hong Kong, the tracking zone elsewhere',
      '2026-11-30T14:05:00',
      'HK',
      'America/Chicago',
      '2026-11-30T14:05:00+08:00',
    ],
    [
      'no place, the tracking zone',
      '2026-11-30T14:05:00',
      undefined,
      'Europe/Berlin',
      '2026-11-30T14:05:00+01:00',
    ],
    [
      'an offset of its own, kept',
      '2026-11-30T14:05:00-05:00',
      'DE',
      'America/Chicago',
      '2026-11-30T14:05:00-05:00',
    ],
    // 02:30 does not happen in Berlin that night: read with the offset from before the switch.
    ['Berlin, a time the DST switch skips', '2026-03-29T02:30:00', 'DE', null, '2026-03-29T02:30:00+01:00'],
    ['Berlin, a time the DST switch repeats', '2026-10-25T02:30:00', 'DE', null, '2026-10-25T02:30:00+02:00'],
  ])('%s: %s in %s (zone %s) → %s', (_case, timestamp, country, zone, expected) => {
    expect(read(timestamp, country, zone)).toBe(expected);
  });
});

describe('DHL adapter against the fake DHL server', () => {
  let fake: Awaited<ReturnType<typeof startFakeDhl>>;
  let dhlAdapter: ReturnType<typeof createDhlAdapter>;
  const fetchOne = (tn: string) =>
    dhlAdapter.fetchTrackings([tn], AbortSignal.timeout(1000)).then((r) => r[0]!);

  beforeAll(async () => {
    fake = await startFakeDhl();
    dhlAdapter = createDhlAdapter({ apiKey: FAKE_DHL_KEY, baseUrl: fake.url });
  });
  afterAll(() => fake.close());

  it('reads the events, keeps raw code and text, and maps places and offsets', async () => {
    const result = await fetchOne('00340434161094042557');
    expect(result.found).toBe(true);
    const codes = result.events.map((e) => e.status_code);
    expect(codes).toEqual(['OutForDelivery', 'InTransit', 'InboundScan', 'WarehousePrepared']);
    const newest = result.events[0]!;
    expect(newest).toMatchObject({
      event_timestamp: '2026-11-27T07:42:00+01:00',
      raw_code: 'transit:OUT FOR DELIVERY',
      raw_text: 'The shipment has been loaded onto the delivery vehicle',
      location: { city: 'Leipzig', postal_code: '04109', country_iso3: 'DEU' },
      estimated_delivery: {
        start_date: '2026-11-27',
        end_date: '2026-11-27',
        start_time: '10:00',
        end_time: '14:00',
      },
    });
  });

  it("reads a time without an offset in the zone of the event's country", async () => {
    const result = await fetchOne('DHLNOOFF1');
    expect(result.events.map((e) => e.event_timestamp)).toEqual([
      '2026-11-27T07:42:00+01:00',
      '2026-11-26T21:05:00+01:00',
      '2026-11-26T17:30:00+01:00',
      // No place: nothing says where, so UTC.
      '2026-11-26T09:00:00Z',
    ]);
  });

  it('reads DHL Express local times where they happened; the tracking zone only where the country has several', async () => {
    const expected = (chicago: string) => [
      `2026-11-30T09:12:00${chicago}`,
      `2026-11-30T05:10:00${chicago}`,
      '2026-11-29T06:30:00+01:00',
      '2026-11-28T22:15:00+08:00',
      '2026-11-28T17:45:00+08:00',
    ];
    const withoutZone = await fetchOne('DHLEXP1');
    expect(withoutZone.events.map((e) => e.event_timestamp)).toEqual(expected('Z'));
    const known = new Map([
      ['DHLEXP1', { statusCode: null, lastEventAt: null, timeZone: 'America/Chicago' }],
    ]);
    const [withZone] = await dhlAdapter.fetchTrackings(['DHLEXP1'], AbortSignal.timeout(1000), known);
    expect(withZone!.events.map((e) => e.event_timestamp)).toEqual(expected('-06:00'));
    expect(withZone!.events.map((e) => e.status_code)).toEqual([
      'OutForDelivery',
      'InTransit',
      'InTransit',
      'InTransit',
      'InboundScan',
    ]);
  });

  it('a 404 means not found yet', async () => {
    expect(await fetchOne('DHLNF1')).toEqual({ trackingNumber: 'DHLNF1', found: false, events: [] });
  });

  it.each([
    ['DHL401x', 'auth', null],
    ['DHL429x', 'rate_limited', 120],
    ['DHL429NRx', 'rate_limited', null],
    ['DHL500x', 'unavailable', null],
    ['DHLBADx', 'bad_response', null],
  ])('%s → CarrierError %s', async (tn, kind, retryAfter) => {
    const error = await fetchOne(tn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe(kind);
    expect((error as CarrierError).retryAfterS).toBe(retryAfter);
  });

  it('gives up when the caller aborts a slow answer', async () => {
    const started = Date.now();
    const error = await dhlAdapter
      .fetchTrackings(['DHLSLOW1'], AbortSignal.timeout(200))
      .catch((e: unknown) => e);
    expect((error as CarrierError).kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is offered only with credentials', () => {
    expect(dhlAdapter.isConfigured()).toBe(true);
    expect(createDhlAdapter({ apiKey: undefined, baseUrl: fake.url }).isConfigured()).toBe(false);
  });
});
