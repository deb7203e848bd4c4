import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDhl, useFakeDhl } from '@/test/support/fake-carriers/dhl';
import { dhlAdapter, mapDhlEvent } from './dhl';
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

describe('DHL adapter against the fake DHL server', () => {
  let fake: Awaited<ReturnType<typeof startFakeDhl>>;
  let restoreEnv: () => void;
  const fetchOne = (tn: string) =>
    dhlAdapter.fetchTrackings([tn], AbortSignal.timeout(1000)).then((r) => r[0]!);

  beforeAll(async () => {
    fake = await startFakeDhl();
    restoreEnv = useFakeDhl(fake.url);
  });
  afterAll(async () => {
    restoreEnv();
    await fake.close();
  });

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

  it('assumes UTC when DHL leaves the offset out', async () => {
    const result = await fetchOne('DHLNOOFF1');
    expect(result.events[0]!.event_timestamp).toBe('2026-11-27T07:42:00Z');
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
    const key = process.env.DHL_API_KEY;
    delete process.env.DHL_API_KEY;
    expect(dhlAdapter.isConfigured()).toBe(false);
    process.env.DHL_API_KEY = key;
  });
});
