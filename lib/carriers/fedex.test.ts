import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import type { StatusCode } from '@/lib/status/vocabulary';
import {
  FAKE_FEDEX_CLIENT_ID,
  FAKE_FEDEX_CLIENT_SECRET,
  startFakeFedex,
} from '@/test/support/fake-carriers/fedex';
import { createFedexAdapter, FEDEX_CODES, fedexDeliveryLocation, mapFedexCode } from './fedex';
import { CarrierError } from './types';

// Every row of the FedEx table in carriers.md §5, spelled as there.
const TABLE: Array<[string, string, StatusCode | null, string | undefined]> = [
  ['OC', 'Shipment information sent to FedEx', 'WarehousePrepared', undefined],
  ['OX', 'Shipment information sent to USPS', 'WarehousePrepared', undefined],
  ['IN', 'Initiated', 'WarehousePrepared', undefined],
  ['RP', 'Return label link emailed to return sender', 'WarehousePrepared', undefined],
  ['LP', 'Return label link cancelled by shipment originator', 'WarehousePrepared', undefined],
  ['RG', 'Return label link expiring soon', 'WarehousePrepared', undefined],
  ['RD', 'Return label link expired', 'WarehousePrepared', undefined],
  ['EP', 'Enroute to pickup', 'PickUpScheduled', undefined],
  ['AP', 'At pickup', 'PickUpScheduled', undefined],
  ['PU', 'Picked up', 'InboundScan', undefined],
  ['PX', 'Picked up (see details)', 'InboundScan', undefined],
  ['IT', 'In transit', 'InTransit', undefined],
  ['IX', 'In transit (see details)', 'InTransit', undefined],
  ['AR', 'Arrived at FedEx location', 'InTransit', undefined],
  ['AF', 'At local FedEx facility', 'InTransit', undefined],
  ['AA', 'At airport', 'InTransit', undefined],
  ['AC', 'At Canada Post facility', 'InTransit', undefined],
  ['AX', 'At USPS facility', 'InTransit', undefined],
  ['DP', 'Departed FedEx location', 'InTransit', undefined],
  ['EA', 'Enroute to airport', 'InTransit', undefined],
  ['EO', 'Enroute to origin airport', 'InTransit', undefined],
  ['FD', 'At FedEx destination facility', 'DestinationDeliveryCenter', undefined],
  ['LO', 'Left origin', 'InTransit', undefined],
  ['OF', 'At FedEx origin facility', 'InTransit', undefined],
  ['PF', 'Plane in flight', 'InTransit', undefined],
  ['PL', 'Plane landed', 'InTransit', undefined],
  ['PM', 'In progress', 'InTransit', undefined],
  ['SF', 'At sort facility', 'InTransit', undefined],
  ['TR', 'Transfer', 'InTransit', undefined],
  ['CH', 'Location changed', 'Rerouted', undefined],
  ['AO', 'Status AO', 'InTransit', undefined],
  ['DS', 'Vehicle dispatched', 'InTransit', undefined],
  ['DR', 'Vehicle furnished but not used', 'InTransit', undefined],
  ['Ow', 'Status Ow, spelled as in the table', 'InTransit', undefined],
  ['SP', 'Split status', 'InTransit', undefined],
  ['CC', 'International shipment release - Import', 'CustomsReleased', undefined],
  ['CP', 'Clearance in progress', 'CustomsIn', undefined],
  ['DY', 'Delay', 'InTransit', undefined],
  ['DD', 'Delivery delay', 'InTransit', undefined],
  ['PD', 'Pickup delay', 'InTransit', undefined],
  ['CD', 'Clearance delay', 'CustomsIn', undefined],
  ['OD', 'On FedEx vehicle for delivery', 'OutForDelivery', undefined],
  ['ED', 'Enroute to delivery', 'OutForDelivery', undefined],
  ['AD', 'At delivery', 'OutForDelivery', undefined],
  ['DE', 'Delivery exception – Customer not available or business closed', 'FailedAttemptFirst', undefined],
  ['DE', 'Delivery exception – Incorrect address', 'Exception', 'AddressIssue'],
  ['DE', 'Delivery exception – Package refused by recipient', 'Exception', 'CustomerRefusal'],
  ['DE', 'Delivery exception – Local delivery restriction', 'Exception', 'Other'],
  ['HL', 'Hold at location', 'PickupReady', undefined],
  ['HP', 'Ready for recipient pickup', 'PickupReady', undefined],
  ['DL', 'Delivered', 'Delivered', undefined],
  ['RS', 'Return to shipper', 'Return', undefined],
  ['SE', 'Shipment exception – Package damaged', 'Exception', 'Damaged'],
  ['SE', 'Shipment exception', 'Exception', 'Other'],
  ['CA', 'Shipment cancelled', 'Cancelled', undefined],
  ['RR', 'Delivery options requested', null, undefined],
  ['RM', 'Delivery options modified', null, undefined],
  ['RC', 'Delivery options cancelled', null, undefined],
];

describe('FedEx status mapping', () => {
  it.each(TABLE)('%s "%s" → %s %s', (code, description, status, exception) => {
    const mapped = mapFedexCode(code, description);
    expect(mapped?.status_code ?? null).toBe(status);
    expect(mapped?.exception_type).toBe(exception);
  });

  it('the table covers every code the adapter knows', () => {
    const tested = new Set(TABLE.map(([code]) => code.toUpperCase()));
    expect([...tested].sort()).toEqual([...FEDEX_CODES].sort());
  });

  it('keeps an unknown code as InTransit, logs it, and does not throw', () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    expect(mapFedexCode('ZQ', 'Something FedEx added later')).toEqual({ status_code: 'InTransit' });
    expect(mapFedexCode(undefined)).toEqual({ status_code: 'InTransit' });
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('says where a parcel was left', () => {
    expect(mapFedexCode('DL', 'Delivered')?.delivery_location_type).toBe('Recipient');
    expect(mapFedexCode('HL', 'Hold at location')?.delivery_location_type).toBe('ParcelShop');
    expect(fedexDeliveryLocation('RESIDENCE', 'Front Door')).toBe('Doorstep');
    expect(fedexDeliveryLocation('RECEPTIONIST_OR_FRONT_DESK', 'Receptionist/Front Desk')).toBe('Recipient');
    expect(fedexDeliveryLocation(null, 'Left with neighbor')).toBe('Neighbor');
    expect(fedexDeliveryLocation('FEDEX_OFFICE', 'hold at location')).toBe('ParcelShop');
  });
});

describe('FedEx adapter against the fake FedEx server', () => {
  let fake: Awaited<ReturnType<typeof startFakeFedex>>;
  let fedexAdapter: ReturnType<typeof createFedexAdapter>;
  const fetchOne = (tn: string) =>
    fedexAdapter.fetchTrackings([tn], AbortSignal.timeout(1000)).then((r) => r[0]!);

  beforeAll(async () => {
    fake = await startFakeFedex();
    fedexAdapter = createFedexAdapter({
      clientId: FAKE_FEDEX_CLIENT_ID,
      clientSecret: FAKE_FEDEX_CLIENT_SECRET,
      baseUrl: fake.url,
    });
  });
  afterAll(() => fake.close());

  // First, while no token is cached yet: the token endpoint must be called exactly twice.
  it('renews an expired token once and then succeeds', async () => {
    const result = await fetchOne('FDXEXPIRED1');
    expect(result.found).toBe(true);
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.calls('FDXEXPIRED1')).toBe(2);
    await fetchOne('794600000010');
    expect(fake.tokensIssued()).toBe(2);
  });

  it('reads the scans newest first, with raw codes, offsets and ISO3 countries', async () => {
    const result = await fetchOne('794600000001');
    expect(result.found).toBe(true);
    expect(result.events.map((e) => e.status_code)).toEqual([
      'OutForDelivery',
      'InTransit',
      'InTransit',
      'CustomsReleased',
      'InTransit',
      'InTransit',
      'InboundScan',
      'WarehousePrepared',
    ]);
    expect(result.events.map((e) => e.raw_code)).toEqual(['OD', 'AR', 'DP', 'CC', 'AR', 'DP', 'PU', 'OC']);
    expect(result.events[0]).toMatchObject({
      event_timestamp: '2026-11-27T07:58:00-07:00',
      raw_text: 'On FedEx vehicle for delivery',
      location: { city: 'DENVER', postal_code: '80216', country_iso3: 'USA' },
      estimated_delivery: {
        start_date: '2026-11-27',
        end_date: '2026-11-27',
        start_time: '10:30',
        end_time: '14:30',
      },
    });
    const pickup = result.events[6]!;
    expect(pickup.event_timestamp).toBe('2026-11-24T18:40:00+01:00');
    expect(pickup.location).toEqual({ city: 'HAMBURG', postal_code: '22113', country_iso3: 'DEU' });
    expect(result.events[7]!.location).toBeNull();
    expect(result.events[7]!.estimated_delivery).toBeUndefined();
  });

  it('reads a delivery: where, and who took it', async () => {
    const result = await fetchOne('FDXDL1');
    expect(result.events[0]).toMatchObject({
      status_code: 'Delivered',
      event_timestamp: '2026-11-27T11:47:00-07:00',
      delivery_location_type: 'Doorstep',
      signer: 'M.MILLER',
    });
  });

  it('reads a parcel held at a FedEx Office for pickup', async () => {
    const result = await fetchOne('FDXHAL1');
    expect(result.events[0]).toMatchObject({
      status_code: 'PickupReady',
      delivery_location_type: 'ParcelShop',
      pickup_location: {
        name: 'FedEx Office Print & Ship Center',
        address: '1550 Wewatta St',
        city: 'DENVER',
        postal_code: '80202',
        country_iso3: 'USA',
        opening_hours: [],
      },
    });
  });

  it('counts failed attempts and skips delivery-option requests', async () => {
    const result = await fetchOne('FDXATT1');
    expect(result.events.slice(0, 4).map((e) => e.status_code)).toEqual([
      'FailedAttemptSecond',
      'OutForDelivery',
      'FailedAttemptFirst',
      'OutForDelivery',
    ]);
    expect(result.events[0]!.raw_code).toBe('DE:08');
    expect(result.events.some((e) => e.raw_code === 'RR')).toBe(false);
    expect(result.events[0]!.estimated_delivery).toEqual({
      start_date: '2026-11-30',
      end_date: '2026-11-30',
      start_time: null,
      end_time: null,
    });
  });

  it('a 200 with a NOTFOUND error means not found yet', async () => {
    expect(await fetchOne('FDXNF1')).toEqual({ trackingNumber: 'FDXNF1', found: false, events: [] });
  });

  it('asks for two numbers in one call, one of them unknown', async () => {
    const before = fake.trackRequests();
    const results = await fedexAdapter.fetchTrackings(['794600000002', 'FDXNF2'], AbortSignal.timeout(1000));
    expect(fake.trackRequests() - before).toBe(1);
    expect(results.map((r) => [r.trackingNumber, r.found])).toEqual([
      ['794600000002', true],
      ['FDXNF2', false],
    ]);
  });

  it('asks for at most 30 numbers per call', async () => {
    const numbers = Array.from({ length: 31 }, (_, i) => `79470000${String(i).padStart(4, '0')}`);
    const before = fake.trackRequests();
    const results = await fedexAdapter.fetchTrackings(numbers, AbortSignal.timeout(1000));
    expect(fake.trackRequests() - before).toBe(2);
    expect(results.map((r) => r.trackingNumber)).toEqual(numbers);
    expect(results.every((r) => r.found)).toBe(true);
  });

  it.each([
    ['FDX401x', 'auth', null],
    ['FDX429x', 'rate_limited', 10],
    ['FDX429NRx', 'rate_limited', null],
    ['FDX500x', 'unavailable', null],
    ['FDXBADx', 'bad_response', null],
    ['FDXSHAPEx', 'bad_response', null],
  ])('%s → CarrierError %s', async (tn, kind, retryAfter) => {
    const error = await fetchOne(tn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe(kind);
    expect((error as CarrierError).retryAfterS).toBe(retryAfter);
  });

  it('renews only once when FedEx keeps refusing the token', async () => {
    const before = fake.tokensIssued();
    await fetchOne('FDX401y').catch(() => undefined);
    expect(fake.calls('FDX401y')).toBe(2);
    expect(fake.tokensIssued() - before).toBe(1);
  });

  it('gives up when the caller aborts a slow answer', async () => {
    const started = Date.now();
    const error = await fedexAdapter
      .fetchTrackings(['FDXSLOW1'], AbortSignal.timeout(200))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is offered only with both credentials', () => {
    expect(fedexAdapter.isConfigured()).toBe(true);
    const only = (clientId?: string, clientSecret?: string) =>
      createFedexAdapter({ clientId, clientSecret, baseUrl: fake.url }).isConfigured();
    expect(only(FAKE_FEDEX_CLIENT_ID, undefined)).toBe(false);
    expect(only(undefined, FAKE_FEDEX_CLIENT_SECRET)).toBe(false);
  });
});
