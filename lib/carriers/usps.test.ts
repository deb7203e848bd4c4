import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import { LIFECYCLE_BY_STATUS, type LifecycleStatus } from '@/lib/status/vocabulary';
import {
  FAKE_USPS_CLIENT_ID,
  FAKE_USPS_CLIENT_SECRET,
  startFakeUsps,
} from '@/test/support/fake-carriers/usps';
import { CarrierError } from './types';
import { createUspsAdapter, mapUspsEvent, uspsTimestamp } from './usps';

// Every code of the reference's USPS table, with the lifecycle the reference gives it.
const REFERENCE_TABLE: Array<[string, string, LifecycleStatus]> = [
  ['MA', 'Pre-Shipment Info Sent to USPS, USPS Awaiting Item', 'InfoReceived'],
  ['GX', 'Shipping Label Created, USPS Awaiting Item', 'InfoReceived'],
  ['03', 'USPS in possession of item', 'InTransit'],
  ['TM', 'Shipment Received, Package Acceptance Pending', 'InTransit'],
  ['PA', 'Picked Up', 'InTransit'],
  ...[
    '10',
    '07',
    'A1',
    'T1',
    'TL',
    'SF',
    'EF',
    'PC',
    '19',
    '41',
    '06',
    '08',
    '15',
    '42',
    '80',
    '81',
    '82',
  ].map((code): [string, string, LifecycleStatus] => [code, 'In Transit', 'InTransit']),
  ['OF', 'Out for Delivery', 'OutForDelivery'],
  ...['02', '52', '53', '54', '55', '56', '30', '51', '71'].map((code): [string, string, LifecycleStatus] => [
    code,
    'Notice Left (No Authorized Recipient Available)',
    'FailedAttempt',
  ]),
  ['14', 'Arrived at Pickup Point', 'AvailableForPickup'],
  ['16', 'Available for Pickup', 'AvailableForPickup'],
  ['01', 'Delivered, In/At Mailbox', 'Delivered'],
  ['17', 'Picked Up by Agent', 'Delivered'],
  ['43', 'Picked Up', 'Delivered'],
  ...['04', '05', '09', '21', '22', '23', '24', '25', '26', '27', '28', '29', '31', '44'].map(
    (code): [string, string, LifecycleStatus] => [code, 'Return to Sender', 'Returned'],
  ),
  ['11', 'Dead Letter', 'Exception'],
  ['DX', 'Delivery Status Not Updated', 'Exception'],
];

describe('USPS status mapping', () => {
  it.each(REFERENCE_TABLE)('eventCode %s ("%s") → %s', (code, eventType, lifecycle) => {
    const mapped = mapUspsEvent(code, eventType);
    expect(LIFECYCLE_BY_STATUS[mapped.status_code]).toBe(lifecycle);
  });

  it.each([
    ['GX', 'Shipping Label Created, USPS Awaiting Item', 'WarehousePrepared', undefined, undefined],
    ['03', 'USPS in possession of item', 'InboundScan', undefined, undefined],
    ['10', 'Arrived at USPS Regional Origin Facility', 'InTransit', undefined, undefined],
    ['07', 'Arrived at Post Office', 'DestinationDeliveryCenter', undefined, undefined],
    ['06', 'Forwarded', 'Rerouted', undefined, undefined],
    ['08', 'Missent', 'Rerouted', undefined, undefined],
    ['02', 'Notice Left (No Authorized Recipient Available)', 'FailedAttemptFirst', undefined, undefined],
    ['16', 'Available for Pickup', 'PickupReady', undefined, 'PostOffice'],
    ['14', 'Arrived at Pickup Point, Parcel Locker', 'PickupReady', undefined, 'ParcelLocker'],
    ['17', 'Picked Up by Agent', 'Delivered', undefined, 'Other'],
    ['43', 'Picked Up', 'Delivered', undefined, 'PostOffice'],
    ['04', 'Refused', 'Return', 'CustomerRefusal', undefined],
    ['21', 'No Such Number', 'Return', 'AddressIssue', undefined],
    ['27', 'Unclaimed/Being Returned to Sender', 'Return', undefined, undefined],
    ['11', 'Dead Letter', 'Exception', 'Other', undefined],
  ])('%s "%s" → %s', (code, eventType, status, exception, where) => {
    const mapped = mapUspsEvent(code, eventType);
    expect(mapped.status_code).toBe(status);
    expect(mapped.exception_type).toBe(exception);
    expect(mapped.delivery_location_type).toBe(where);
  });

  it.each([
    ['Delivered, In/At Mailbox', 'Mailbox'],
    ['Delivered, Front Door/Porch', 'Doorstep'],
    ['Delivered, Garage or Other Door', 'Doorstep'],
    ['Delivered, Parcel Locker', 'ParcelLocker'],
    ['Delivered, PO Box', 'PostOffice'],
    ['Delivered, Individual Picked Up at Post Office', 'PostOffice'],
    ['Delivered, Left with Individual', 'Recipient'],
    ['Delivered, Neighbor as Requested', 'Neighbor'],
    ['Delivered, Front Desk/Reception/Mail Room', 'Other'],
    ['Delivered', 'Recipient'],
  ])('"%s" says the parcel is at %s', (eventType, where) => {
    expect(mapUspsEvent('01', eventType)).toEqual({
      status_code: 'Delivered',
      delivery_location_type: where,
    });
  });

  it('a delivery to the original sender ends a return', () => {
    expect(mapUspsEvent('01', 'Delivered, To Original Sender').status_code).toBe('ReturnProcessed');
  });

  it.each([
    ['Pre-Shipment', 'WarehousePrepared'],
    ['Accepted', 'InboundScan'],
    ['In Transit', 'InTransit'],
    ['Out for Delivery', 'OutForDelivery'],
    ['Delivery Attempt', 'FailedAttemptFirst'],
    ['Available for Pickup', 'PickupReady'],
    ['Delivered', 'Delivered'],
    ['Alert', 'Exception'],
    ['Return to Sender', 'Return'],
  ])('an unknown code falls back to statusCategory %s → %s', (category, status) => {
    expect(mapUspsEvent('Q7', 'Something new', category).status_code).toBe(status);
  });

  it('a known code wins over the status category', () => {
    expect(mapUspsEvent('OF', 'Out for Delivery', 'Delivered').status_code).toBe('OutForDelivery');
  });

  it('an unknown code without a known category is kept as InTransit and logged', () => {
    const warn = vi.spyOn(log, 'warn');
    expect(mapUspsEvent('Q7', 'Something USPS added later', 'Brand New Category')).toEqual({
      status_code: 'InTransit',
    });
    expect(mapUspsEvent(null, null)).toEqual({ status_code: 'InTransit' });
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});

describe('USPS timestamps', () => {
  it.each([
    ['2026-11-27T13:58:00', '2026-11-27T18:58:40Z', null, '2026-11-27T13:58:00-05:00'],
    ['2026-11-24T20:15:00', '2026-11-25T01:15:12Z', null, '2026-11-24T20:15:00-05:00'],
    ['2026-11-26T04:40', '2026-11-26T10:40:29Z', '-06:00', '2026-11-26T04:40:00-06:00'],
    ['2026-11-27T18:30:00', '2026-11-27T13:00:05.041Z', null, '2026-11-27T18:30:00+05:30'],
    ['2026-11-27T09:00:00', null, '-7:00', '2026-11-27T09:00:00-07:00'],
    [null, '2026-11-27T16:00:00Z', '-7:00', '2026-11-27T16:00:00Z'],
    ['2026-11-27T09:00:00', null, null, '2026-11-27T09:00:00Z'],
    ['2026-11-27T09:00:00-08:00', null, null, '2026-11-27T09:00:00-08:00'],
    [null, null, null, null],
  ])('local %s + GMT %s (offset %s) → %s', (local, gmt, offset, expected) => {
    expect(uspsTimestamp(local, gmt, offset)).toBe(expected);
  });
});

describe('USPS adapter against the fake USPS server', () => {
  let fake: Awaited<ReturnType<typeof startFakeUsps>>;
  const adapter = (baseUrl: string, clientSecret = FAKE_USPS_CLIENT_SECRET) =>
    createUspsAdapter({ clientId: FAKE_USPS_CLIENT_ID, clientSecret, baseUrl });
  let uspsAdapter: ReturnType<typeof adapter>;
  const fetchOne = (tn: string, from = uspsAdapter) =>
    from.fetchTrackings([tn], AbortSignal.timeout(2000)).then((r) => r[0]!);
  const errorOf = (tn: string, from = uspsAdapter) =>
    fetchOne(tn, from).catch((e: unknown) => e) as Promise<CarrierError>;

  beforeAll(async () => {
    fake = await startFakeUsps();
    uspsAdapter = adapter(fake.url);
  });
  afterAll(() => fake.close());

  it('reads the events newest first, with local offsets, raw codes and US locations', async () => {
    const result = await fetchOne('9400109104250532908587');
    expect(result.found).toBe(true);
    expect(result.events.map((e) => e.status_code)).toEqual([
      'Delivered',
      'OutForDelivery',
      'DestinationDeliveryCenter',
      'InTransit',
      'InTransit',
      'InTransit',
      'InTransit',
      'InTransit',
      'InboundScan',
      'WarehousePrepared',
    ]);
    expect(result.events.map((e) => e.raw_code)).toEqual([
      '01',
      'OF',
      '07',
      'T1',
      'A1',
      'TL',
      '10',
      'SF',
      '03',
      'GX',
    ]);
    const times = result.events.map((e) => Date.parse(e.event_timestamp));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(result.events[0]).toMatchObject({
      event_timestamp: '2026-11-27T13:58:00-05:00',
      raw_code: '01',
      raw_text: 'Delivered, In/At Mailbox',
      delivery_location_type: 'Mailbox',
      location: { city: 'ATLANTA, GA', postal_code: '30303', country_iso3: 'USA' },
      signer: null,
      estimated_delivery: {
        start_date: '2026-11-27',
        end_date: '2026-11-27',
        start_time: '10:30',
        end_time: '14:30',
      },
    });
    // A Central-time facility keeps its own offset; an evening scan stays on its local date.
    expect(result.events[3]!.event_timestamp).toBe('2026-11-26T04:40:00-06:00');
    expect(result.events[3]!.location).toMatchObject({
      city: 'MEMPHIS TN DISTRIBUTION CENTER',
      country_iso3: 'USA',
    });
    expect(result.events[5]).toMatchObject({ event_timestamp: '2026-11-24T20:15:00-05:00', location: null });
    expect(result.events.slice(1).every((e) => !e.estimated_delivery)).toBe(true);
  });

  it('counts notices left and reads who picked the parcel up', async () => {
    const result = await fetchOne('USPSNOTICE1');
    expect(result.events.map((e) => e.status_code)).toEqual([
      'Delivered',
      'PickupReady',
      'FailedAttemptSecond',
      'OutForDelivery',
      'FailedAttemptFirst',
      'OutForDelivery',
      'DestinationDeliveryCenter',
      'InboundScan',
      'WarehousePrepared',
    ]);
    expect(result.events[0]).toMatchObject({ delivery_location_type: 'PostOffice', signer: 'J SMITH' });
    expect(result.events[1]).toMatchObject({ delivery_location_type: 'PostOffice' });
  });

  it('a 404 means not found yet', async () => {
    expect(await fetchOne('USPSNF1')).toEqual({ trackingNumber: 'USPSNF1', found: false, events: [] });
  });

  it('renews an expired token once and then succeeds', async () => {
    // A fresh server, so the token count starts at zero: the first token and its renewal.
    const fresh = await startFakeUsps();
    const onFresh = adapter(fresh.url);
    try {
      const result = await fetchOne('USPSEXPIRED1', onFresh);
      expect(result.found).toBe(true);
      expect(fresh.tokens()).toBe(2);
      expect(fresh.calls('USPSEXPIRED1')).toBe(2);
      // The next call finds its cached token expired again and renews it again, once.
      expect((await fetchOne('USPSEXPIRED1', onFresh)).found).toBe(true);
      expect(fresh.tokens()).toBe(3);
    } finally {
      await fresh.close();
    }
  });

  it('a second 401 after the renewal is an auth error', async () => {
    await fetchOne('9400100000000000000003'); // a token in hand, so the count shows the one renewal
    const before = fake.tokens();
    const error = await errorOf('USPS401a');
    expect(error).toBeInstanceOf(CarrierError);
    expect(error.kind).toBe('auth');
    expect(fake.calls('USPS401a')).toBe(2);
    expect(fake.tokens() - before).toBe(1);
  });

  it('refused client credentials are an auth error', async () => {
    expect((await errorOf('9400100000000000000001', adapter(fake.url, 'wrong'))).kind).toBe('auth');
    expect(fake.calls('9400100000000000000001')).toBe(0);
  });

  it.each([
    ['USPS429a', 'rate_limited', 30],
    ['USPS429NRa', 'rate_limited', null],
    ['USPS503a', 'unavailable', 45],
    ['USPS500a', 'unavailable', null],
    ['USPSBADa', 'bad_response', null],
  ])('%s → CarrierError %s (Retry-After %s)', async (tn, kind, retryAfter) => {
    const error = await errorOf(tn);
    expect(error).toBeInstanceOf(CarrierError);
    expect(error.kind).toBe(kind);
    expect(error.retryAfterS).toBe(retryAfter);
  });

  it('gives up when the caller aborts a slow answer', async () => {
    await fetchOne('9400100000000000000002'); // the token is in hand, so only the slow call is timed
    const started = Date.now();
    const error = await uspsAdapter
      .fetchTrackings(['USPSSLOW1'], AbortSignal.timeout(200))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is offered only with both credentials', () => {
    expect(uspsAdapter.courier).toBe('usps');
    expect(uspsAdapter.isConfigured()).toBe(true);
    const only = (clientId?: string, clientSecret?: string) =>
      createUspsAdapter({ clientId, clientSecret, baseUrl: fake.url }).isConfigured();
    expect(only(FAKE_USPS_CLIENT_ID, undefined)).toBe(false);
    expect(only(undefined, FAKE_USPS_CLIENT_SECRET)).toBe(false);
  });
});
