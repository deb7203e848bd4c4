import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import { FAKE_POSTNL_KEY, startFakePostnl } from '@/test/support/fake-carriers/postnl';
import { createPostnlAdapter, mapPostnlStatus, parsePostnlShipment, postnlTimestamp } from './postnl';
import { CarrierError } from './types';

describe('PostNL status mapping', () => {
  // Every status code of the reference table (carriers.md §7), then the event-code refinements.
  it.each([
    ['1', null, '', 'WarehousePrepared', undefined, undefined],
    ['13', null, '', 'WarehousePrepared', undefined, undefined],
    ['14', null, '', 'Exception', 'Other', undefined],
    ['2', null, '', 'InboundScan', undefined, undefined],
    ['3', null, '', 'InboundScan', undefined, undefined],
    ['4', null, '', 'Exception', 'Other', undefined],
    ['15', null, '', 'Exception', 'ItemMissing', undefined],
    ['16', null, '', 'Exception', 'ItemMissing', undefined],
    ['17', null, '', 'Exception', 'ItemMissing', undefined],
    ['18', null, '', 'Exception', 'Lost', undefined],
    ['19', null, '', 'Exception', 'Other', undefined],
    ['5', null, '', 'InTransit', undefined, undefined],
    ['6', null, '', 'Exception', 'Other', undefined],
    ['21', null, '', 'Stored', undefined, undefined],
    ['31', null, '', 'ExportHub', undefined, undefined],
    ['9', null, '', 'CustomsIn', undefined, undefined],
    ['20', null, '', 'CustomsIn', undefined, undefined],
    ['7', null, '', 'OutForDelivery', undefined, undefined],
    ['8', null, 'Shipment not delivered', 'FailedAttemptFirst', undefined, undefined],
    ['11', null, 'Shipment delivered', 'Delivered', undefined, 'Recipient'],
    ['12', null, 'Shipment available at pickup location', 'PickupReady', undefined, 'ParcelShop'],
    ['22', null, 'Picked up from post office', 'Delivered', undefined, 'PostOffice'],
    ['23', null, '', 'InboundScan', undefined, undefined],
    ['27', null, '', 'Return', undefined, undefined],
    ['28', null, '', 'Return', undefined, undefined],
    // Event codes refine the status they come with.
    ['1', 'A01', '', 'WarehousePrepared', undefined, undefined],
    ['2', 'B01', '', 'InboundScan', undefined, undefined],
    ['5', 'J01', '', 'InTransit', undefined, undefined],
    ['5', 'J06', '', 'InTransit', undefined, undefined],
    ['7', 'J05', '', 'OutForDelivery', undefined, undefined],
    ['4', 'H31', 'Sender cancelled', 'Cancelled', undefined, undefined],
    ['8', 'Y02', 'We missed you', 'FailedAttemptFirst', undefined, undefined],
    ['8', 'H01', 'Refused by recipient', 'Return', 'CustomerRefusal', undefined],
    ['8', 'H35', '', 'Return', undefined, undefined],
    ['8', null, 'Shipment is returned to sender', 'Return', undefined, undefined],
    ['8', null, 'Zending retour afzender', 'Return', undefined, undefined],
    ['11', 'I01', 'Delivered to the neighbours', 'Delivered', undefined, 'Neighbor'],
    ['11', 'Z01', 'Bezorgd in de brievenbus', 'Delivered', undefined, 'Mailbox'],
    ['11', 'I08', 'Shipment available at PostNL location', 'PickupReady', undefined, 'ParcelShop'],
    ['12', 'J02', 'Ready for collection at parcel locker', 'PickupReady', undefined, 'ParcelLocker'],
    ['12', 'X05', '', 'PickupReady', undefined, 'ParcelShop'],
    ['17', 'K90', '', 'Exception', 'ItemMissing', undefined],
    ['27', 'H16', '', 'Return', undefined, undefined],
    ['27', 'H25', '', 'Return', undefined, undefined],
    // 99 "not applicable" leans on its event code.
    ['99', 'J05', '', 'OutForDelivery', undefined, undefined],
    ['99', 'I08', '', 'PickupReady', undefined, 'ParcelShop'],
  ])('%s/%s "%s" → %s', (code, eventCode, description, status, exception, where) => {
    const mapped = mapPostnlStatus(code, { eventCode, description });
    expect(mapped?.status_code).toBe(status);
    expect(mapped?.exception_type).toBe(exception);
    expect(mapped?.delivery_location_type).toBe(where);
  });

  it('skips 99 without a usable event code', () => {
    expect(mapPostnlStatus('99', { phaseCode: '99' })).toBeNull();
    expect(mapPostnlStatus('99', { eventCode: 'Q77' })).toBeNull();
  });

  it('keeps an unknown code as InTransit, logs it and never throws', () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    expect(mapPostnlStatus('42', { phaseCode: '3' })).toEqual({ status_code: 'InTransit' });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ courier: 'postnl', statusCode: '42' }),
      'unknown PostNL status code',
    );
    warn.mockRestore();
  });
});

describe('PostNL timestamps', () => {
  it.each([
    ['15-07-2026 14:30:00', '2026-07-15T14:30:00+02:00'],
    ['15-01-2026 09:05:07', '2026-01-15T09:05:07+01:00'],
    // Around the 2026 switches (29 March, 25 October).
    ['29-03-2026 01:59:59', '2026-03-29T01:59:59+01:00'],
    ['29-03-2026 03:00:00', '2026-03-29T03:00:00+02:00'],
    ['25-10-2026 01:59:59', '2026-10-25T01:59:59+02:00'],
    ['25-10-2026 03:00:00', '2026-10-25T03:00:00+01:00'],
    ['5-7-2026 8:00:00', '2026-07-05T08:00:00+02:00'],
    ['2026-12-24T18:00:00', '2026-12-24T18:00:00+01:00'],
  ])('%s → %s', (input, iso) => {
    expect(postnlTimestamp(input)).toBe(iso);
  });

  it('rejects what is not a date', () => {
    expect(postnlTimestamp('31-02-2026 10:00:00')).toBeNull();
    expect(postnlTimestamp('yesterday')).toBeNull();
    expect(postnlTimestamp(null)).toBeNull();
  });
});

describe('PostNL response parsing', () => {
  it('any warning without a shipment is not found; no shipment and no warning is a bad answer', () => {
    expect(parsePostnlShipment('3SX1', { Warnings: { Code: 2, Message: 'No shipment found' } })).toEqual({
      trackingNumber: '3SX1',
      found: false,
      events: [],
    });
    expect(() => parsePostnlShipment('3SX1', {})).toThrow(CarrierError);
    expect(() => parsePostnlShipment('3SX1', { CompleteStatus: 'nope' })).toThrow(CarrierError);
  });

  it('without a status history the known events fill it in', () => {
    const result = parsePostnlShipment('3SX2', {
      CurrentStatus: {
        Shipment: {
          Barcode: '3SX2',
          Status: { TimeStamp: '03-12-2026 09:00:00', StatusCode: 4, StatusDescription: 'Not collected' },
          Event: [
            { Code: 'H31', Description: 'Sender cancelled', TimeStamp: '03-12-2026 09:00:30' },
            { Code: 'A01', Description: 'Expected, not yet arrived', TimeStamp: '01-12-2026 17:00:00' },
            { Code: 'Q77', Description: 'Something new', TimeStamp: '02-12-2026 10:00:00' },
          ],
        },
      },
    });
    expect(result.events.map((e) => [e.status_code, e.raw_code, e.event_timestamp])).toEqual([
      ['Cancelled', '4:H31', '2026-12-03T09:00:00+01:00'],
      ['WarehousePrepared', 'A01', '2026-12-01T17:00:00+01:00'],
    ]);
  });
});

describe('PostNL adapter against the fake PostNL server', () => {
  let fake: Awaited<ReturnType<typeof startFakePostnl>>;
  const adapter = (apiKey?: string) => createPostnlAdapter({ apiKey, baseUrl: fake.url });
  let postnlAdapter: ReturnType<typeof adapter>;
  const fetchOne = (barcode: string, from = postnlAdapter) =>
    from.fetchTrackings([barcode], AbortSignal.timeout(1000)).then((r) => r[0]!);
  const failure = (barcode: string, from = postnlAdapter): Promise<CarrierError> =>
    fetchOne(barcode, from).then(
      () => Promise.reject(new Error(`${barcode} unexpectedly succeeded`)),
      (e: unknown) => e as CarrierError,
    );

  beforeAll(async () => {
    fake = await startFakePostnl();
    postnlAdapter = adapter(FAKE_POSTNL_KEY);
  });
  afterAll(() => fake.close());

  it('reads the history with Amsterdam offsets on both sides of the clock change', async () => {
    const result = await fetchOne('3SDEVC1234567');
    expect(result.found).toBe(true);
    expect(fake.calls('3SDEVC1234567')).toBe(1);
    // The current status is repeated in OldStatus: it shows once.
    expect(result.events.map((e) => [e.status_code, e.event_timestamp, e.raw_code])).toEqual([
      ['OutForDelivery', '2026-10-26T08:12:45+01:00', '7:J05'],
      ['InTransit', '2026-10-26T03:41:10+01:00', '5:J01'],
      ['InboundScan', '2026-10-25T19:05:33+01:00', '2:B01'],
      ['WarehousePrepared', '2026-10-24T21:17:02+02:00', '1:A01'],
    ]);
    expect(result.events[0]).toMatchObject({
      raw_text: 'Shipment out for delivery',
      details: 'Driver is on the way',
      location: { city: 'Utrecht', postal_code: '3572AB', country_iso3: 'NLD' },
      estimated_delivery: {
        start_date: '2026-10-26',
        end_date: '2026-10-26',
        start_time: '13:30',
        end_time: '16:00',
      },
      pickup_location: null,
    });
    expect(result.events[3]!.location).toBeNull();
  });

  it('a parcel at a PostNL point is ready for pickup, with the point as pickup location', async () => {
    const result = await fetchOne('3SPICK7654321');
    expect(result.found).toBe(true);
    const [newest, accepted] = result.events;
    expect(accepted).toMatchObject({ status_code: 'InboundScan', raw_code: '2:B01' });
    expect(newest).toMatchObject({
      status_code: 'PickupReady',
      delivery_location_type: 'ParcelShop',
      event_timestamp: '2026-11-27T11:02:18+01:00',
      raw_code: '12:I08',
      location: { city: 'Utrecht', postal_code: '3511AZ', country_iso3: 'NLD' },
      pickup_location: {
        name: 'Primera Oudegracht',
        address: 'Oudegracht 140',
        city: 'Utrecht',
        postal_code: '3511AZ',
        country_iso3: 'NLD',
        opening_hours: [],
      },
    });
  });

  it('a 200 with warning code 2 means not found yet', async () => {
    expect(await fetchOne('3SNF0001')).toEqual({ trackingNumber: '3SNF0001', found: false, events: [] });
  });

  it.each([
    ['3SAUTH01', 'auth', null],
    ['3S429X01', 'rate_limited', 30],
    ['3S429NR01', 'rate_limited', null],
    ['3S500X01', 'unavailable', null],
    ['3SBADX01', 'bad_response', null],
  ])('%s → CarrierError %s', async (barcode, kind, retryAfter) => {
    const error = await failure(barcode);
    expect(error).toBeInstanceOf(CarrierError);
    expect(error.kind).toBe(kind);
    expect(error.retryAfterS).toBe(retryAfter);
  });

  it('a wrong API key is an auth error', async () => {
    const error = await failure('3SDEVC1234567', adapter('not-the-key'));
    expect(error).toBeInstanceOf(CarrierError);
    expect(error.kind).toBe('auth');
  });

  it('gives up when the caller aborts a slow answer', async () => {
    const started = Date.now();
    const error = await postnlAdapter
      .fetchTrackings(['3SSLOW0001'], AbortSignal.timeout(200))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is offered only with credentials', () => {
    expect(postnlAdapter.isConfigured()).toBe(true);
    expect(adapter(undefined).isConfigured()).toBe(false);
  });
});
