import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import {
  type DeliveryLocationType,
  type ExceptionType,
  LIFECYCLE_BY_STATUS,
  type LifecycleStatus,
  type StatusCode,
} from '@/lib/status/vocabulary';
import { FAKE_UPS_CLIENT_ID, FAKE_UPS_CLIENT_SECRET, startFakeUps } from '@/test/support/fake-carriers/ups';
import { CarrierError } from './types';
import { createUpsAdapter, mapUpsStatus, parseUpsTracking, upsTimestamp } from './ups';

type Expected = {
  lifecycle: LifecycleStatus;
  status: StatusCode;
  exception?: ExceptionType;
  where?: DeliveryLocationType;
};
// Every row of the UPS mapping table in reference/carriers.md §4: the lifecycle column is the
// reference's, the status code our refinement of it.
const rows = (codes: string, expected: Expected | null) =>
  codes.split(' ').map((code): [string, Expected | null] => [code, expected]);
const keepPrevious =
  '018 027 028 041 042 043 054 056 063 082 093 094 095 096 097 098 099 100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 116 120 121 122 127 128 133 140 142 155 156';
const STATUS_CODE_TABLE = [
  ...rows('000 148 163', { lifecycle: 'Pending', status: 'Pending' }),
  ...rows('003 080 157 166', { lifecycle: 'InfoReceived', status: 'WarehousePrepared' }),
  ...rows('077 065 131 135', { lifecycle: 'InfoReceived', status: 'PickUpScheduled' }),
  ...rows('007', { lifecycle: 'Exception', status: 'Cancelled' }),
  ...rows('038 160 167 168 169', { lifecycle: 'InTransit', status: 'InboundScan' }),
  ...rows('044 045 079', { lifecycle: 'InTransit', status: 'InTransit' }),
  ...rows('005 010 025 039 047 087 158 159 164 165 057 070 073 074 137 138', {
    lifecycle: 'InTransit',
    status: 'InTransit',
  }),
  ...rows('016 019 020', { lifecycle: 'InTransit', status: 'Stored' }),
  ...rows('071', { lifecycle: 'InTransit', status: 'DestinationDeliveryCenter' }),
  ...rows('075', { lifecycle: 'InTransit', status: 'Scheduled' }),
  ...rows('012 092 123 126', { lifecycle: 'InTransit', status: 'CustomsIn' }),
  ...rows('014 084 134', { lifecycle: 'InTransit', status: 'CustomsReleased' }),
  ...rows('032 046 048 051 052 053 086 090 132', { lifecycle: 'InTransit', status: 'InTransit' }),
  ...rows('055 115 136 153 154', { lifecycle: 'InTransit', status: 'Scheduled' }),
  ...rows('006 021 037 072 078 089 091 146 162', { lifecycle: 'OutForDelivery', status: 'OutForDelivery' }),
  ...rows('022 060 066 145', { lifecycle: 'FailedAttempt', status: 'FailedAttemptFirst' }),
  ...rows('061', { lifecycle: 'FailedAttempt', status: 'FailedAttemptFirst', exception: 'IdentFailed' }),
  ...rows('062', { lifecycle: 'FailedAttempt', status: 'FailedAttemptFirst', exception: 'DeliveryPayment' }),
  ...rows('023', { lifecycle: 'FailedAttempt', status: 'FailedAttemptSecond' }),
  ...rows('024', { lifecycle: 'FailedAttempt', status: 'FailedAttemptFinal' }),
  ...rows('017 040', { lifecycle: 'AvailableForPickup', status: 'PickupReady' }),
  ...rows('144', { lifecycle: 'AvailableForPickup', status: 'PickupReady', where: 'PostOffice' }),
  ...rows('161', { lifecycle: 'AvailableForPickup', status: 'PickupReady', where: 'ParcelShop' }),
  ...rows('011 026', { lifecycle: 'Delivered', status: 'Delivered' }),
  ...rows('143', { lifecycle: 'Delivered', status: 'Delivered', where: 'Other' }),
  ...rows('033 119', { lifecycle: 'Returned', status: 'ReturnWarning' }),
  ...rows('035 036 117 118', { lifecycle: 'Returned', status: 'Return' }),
  ...rows('034 067 081', { lifecycle: 'Returned', status: 'ReturnProcessed' }),
  ...rows('013 029 030 049 069 076 083 129 130', {
    lifecycle: 'Exception',
    status: 'Exception',
    exception: 'Other',
  }),
  ...rows('050 139', { lifecycle: 'Exception', status: 'Exception', exception: 'AddressIssue' }),
  ...rows('058 124 125 141', { lifecycle: 'Exception', status: 'Exception', exception: 'Customs' }),
  ...rows('059', { lifecycle: 'Exception', status: 'Exception', exception: 'Damaged' }),
  ...rows('064', { lifecycle: 'Exception', status: 'Exception', exception: 'CustomerRefusal' }),
  ...rows('085', { lifecycle: 'Exception', status: 'Exception', exception: 'DeliveryPayment' }),
  ...rows('068 147 149', { lifecycle: 'Exception', status: 'Exception', exception: 'Lost' }),
  ...rows(keepPrevious, null),
];
const TYPE_TABLE: Array<[string, Expected]> = [
  ['M', { lifecycle: 'InfoReceived', status: 'WarehousePrepared' }],
  ['MV', { lifecycle: 'Exception', status: 'Cancelled' }],
  ['D', { lifecycle: 'Delivered', status: 'Delivered' }],
  ['X', { lifecycle: 'Exception', status: 'Exception', exception: 'Other' }],
];

function expectMapping(mapped: ReturnType<typeof mapUpsStatus>, expected: Expected | null) {
  if (expected === null) {
    expect(mapped).toBeNull();
    return;
  }
  expect(mapped?.status_code).toBe(expected.status);
  expect(LIFECYCLE_BY_STATUS[mapped!.status_code]).toBe(expected.lifecycle);
  expect(mapped?.exception_type).toBe(expected.exception);
  expect(mapped?.delivery_location_type).toBe(expected.where);
}

describe('UPS status mapping', () => {
  it('covers the whole reference table, each code once', () => {
    const listed = STATUS_CODE_TABLE.map(([code]) => code);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toHaveLength(159);
  });

  it.each(STATUS_CODE_TABLE)('statusCode %s → %o', (code, expected) => {
    // The type must not matter when the status code is known.
    expectMapping(mapUpsStatus(code, 'I'), expected);
    expectMapping(mapUpsStatus(code, undefined), expected);
  });

  it.each(TYPE_TABLE)('type %s alone → %o', (type, expected) => {
    expectMapping(mapUpsStatus(undefined, type), expected);
  });

  it('reads unpadded codes the way UPS lists them', () => {
    expect(mapUpsStatus('5', undefined)?.status_code).toBe('InTransit');
    expect(mapUpsStatus('11', undefined)?.status_code).toBe('Delivered');
  });

  it('falls back to the type for a new code, and to in transit when neither is known, saying so', () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      expect(mapUpsStatus('188', 'D', 'Delivered somewhere new')?.status_code).toBe('Delivered');
      expect(mapUpsStatus('189', 'ZZ', 'Something UPS added later')).toEqual({ status_code: 'InTransit' });
      expect(mapUpsStatus(undefined, undefined)).toEqual({ status_code: 'InTransit' });
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('builds timestamps from UPS dates, times and offsets', () => {
    expect(upsTimestamp({ date: '20261127', time: '074200', gmtOffset: '-05:00' })).toBe(
      '2026-11-27T07:42:00-05:00',
    );
    expect(upsTimestamp({ date: '20261127', time: '74200', gmtOffset: '+1:00' })).toBe(
      '2026-11-27T07:42:00+01:00',
    );
    // Without an offset the GMT fields are exact; without those, the local time is taken as UTC.
    expect(upsTimestamp({ date: '20261127', time: '074200', gmtDate: '20261127', gmtTime: '12:42:00' })).toBe(
      '2026-11-27T12:42:00Z',
    );
    expect(upsTimestamp({ date: '20261127', time: '074200' })).toBe('2026-11-27T07:42:00Z');
    expect(upsTimestamp({ date: '27.11.2026', time: '074200' })).toBeNull();
  });
});

describe('UPS failed attempts', () => {
  const body = (...activity: Array<[string, string, string]>) => ({
    trackResponse: {
      shipment: [
        {
          inquiryNumber: '1ZATTEMPT',
          package: [
            {
              trackingNumber: '1ZATTEMPT',
              activity: activity.map(([statusCode, date, time]) => ({
                date,
                time,
                gmtOffset: '-05:00',
                status: { statusCode, description: `UPS ${statusCode}` },
              })),
            },
          ],
        },
      ],
    },
  });
  const statuses = (...activity: Array<[string, string, string]>) =>
    parseUpsTracking('1ZATTEMPT', body(...activity)).events.map((e) => e.status_code);

  it('a delivery-change request right after an attempt is part of that attempt, not a second one', () => {
    expect(
      statuses(['082', '20261128', '090000'], ['022', '20261127', '170000'], ['072', '20261127', '080000']),
    ).toEqual(['FailedAttemptFirst', 'FailedAttemptFirst', 'OutForDelivery']);
  });

  it("keeps UPS's own second and final attempts", () => {
    expect(
      statuses(
        ['024', '20261129', '170000'],
        ['072', '20261129', '080000'],
        ['023', '20261128', '170000'],
        ['072', '20261128', '080000'],
        ['022', '20261127', '170000'],
      ),
    ).toEqual([
      'FailedAttemptFinal',
      'OutForDelivery',
      'FailedAttemptSecond',
      'OutForDelivery',
      'FailedAttemptFirst',
    ]);
  });
});

describe('UPS adapter against the fake UPS server', () => {
  let fake: Awaited<ReturnType<typeof startFakeUps>>;
  let upsAdapter: ReturnType<typeof createUpsAdapter>;
  const fetchOne = (tn: string) =>
    upsAdapter.fetchTrackings([tn], AbortSignal.timeout(1000)).then((r) => r[0]!);

  beforeAll(async () => {
    fake = await startFakeUps();
    upsAdapter = createUpsAdapter({
      clientId: FAKE_UPS_CLIENT_ID,
      clientSecret: FAKE_UPS_CLIENT_SECRET,
      baseUrl: fake.url,
    });
  });
  afterAll(() => fake.close());

  // First on purpose: the adapter holds no token yet, so every token it fetches shows here.
  it('renews an expired token once and then reads the parcel', async () => {
    const result = await fetchOne('UPSEXPIRED1');
    expect(result.found).toBe(true);
    expect(fake.tokenCalls()).toBe(2);
    expect(fake.calls('UPSEXPIRED1')).toBe(2);
  });

  it('reads the activities newest first, keeps raw code and text, and maps places and offsets', async () => {
    const result = await fetchOne('1Z999AA10123456784');
    expect(result.found).toBe(true);
    expect(result.events.map((e) => e.status_code)).toEqual([
      'OutForDelivery',
      'InTransit',
      'InTransit',
      'InboundScan',
      'WarehousePrepared',
    ]);
    expect(result.events[0]).toMatchObject({
      event_timestamp: '2026-11-27T07:42:00-05:00',
      raw_code: 'I:OF:072',
      raw_text: 'Loaded on Delivery Vehicle ',
      details: 'Loaded on Delivery Vehicle',
      location: { city: 'Wayne', postal_code: '07470', country_iso3: 'USA' },
      estimated_delivery: {
        start_date: '2026-11-27',
        end_date: '2026-11-27',
        start_time: '10:30',
        end_time: '14:30',
      },
    });
    // The label has no offset: UTC is assumed.
    expect(result.events.at(-1)).toMatchObject({
      event_timestamp: '2026-11-25T18:02:11Z',
      raw_code: 'M:MP:003',
      location: { city: null, postal_code: null, country_iso3: 'USA' },
    });
    expect(result.events.slice(1).every((e) => e.estimated_delivery === undefined)).toBe(true);
  });

  it('reads a delivery: signer, where, and bookkeeping that keeps the status before it', async () => {
    const result = await fetchOne('UPSDLV1');
    expect(result.events.map((e) => e.status_code)).toEqual([
      'Delivered',
      'OutForDelivery',
      'InTransit',
      'InTransit',
      'InboundScan',
      'InboundScan',
      'WarehousePrepared',
    ]);
    expect(result.events[0]).toMatchObject({
      event_timestamp: '2026-11-27T14:23:00-05:00',
      signer: 'MILLER',
      delivery_location_type: 'Doorstep',
      estimated_delivery: null,
    });
    expect(result.events[4]).toMatchObject({
      raw_code: 'I:DI:082',
      raw_text: 'Delivery Instructions Received',
    });
  });

  it('reads a parcel waiting at an Access Point', async () => {
    const result = await fetchOne('UPSAP1');
    expect(result.events[0]).toMatchObject({
      status_code: 'PickupReady',
      delivery_location_type: 'ParcelShop',
      pickup_location: {
        name: 'THE UPS STORE 1234',
        address: '1 Main St, 07470 Wayne',
        country_iso3: 'USA',
        opening_hours: [],
      },
    });
  });

  it.each(['UPSNF1', 'UPSINV1'])('%s means not found yet', async (tn) => {
    expect(await fetchOne(tn)).toEqual({ trackingNumber: tn, found: false, events: [] });
  });

  it.each([
    ['UPS429x', 'rate_limited', 30],
    ['UPS429NRx', 'rate_limited', null],
    ['UPS500x', 'unavailable', null],
    ['UPSBADx', 'bad_response', null],
    ['UPSSHAPEx', 'bad_response', null],
  ])('%s → CarrierError %s', async (tn, kind, retryAfter) => {
    const error = await fetchOne(tn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe(kind);
    expect((error as CarrierError).retryAfterS).toBe(retryAfter);
  });

  it('says auth when the renewed token is refused too', async () => {
    const tokensBefore = fake.tokenCalls();
    const error = await fetchOne('UPS401x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe('auth');
    expect(fake.tokenCalls()).toBe(tokensBefore + 1);
    expect(fake.calls('UPS401x')).toBe(2);
  });

  it('gives up when the caller aborts a slow answer', async () => {
    const started = Date.now();
    const error = await upsAdapter
      .fetchTrackings(['UPSSLOW1'], AbortSignal.timeout(200))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is offered only with both credentials', () => {
    expect(upsAdapter.isConfigured()).toBe(true);
    const only = (clientId?: string, clientSecret?: string) =>
      createUpsAdapter({ clientId, clientSecret, baseUrl: fake.url }).isConfigured();
    expect(only(FAKE_UPS_CLIENT_ID, undefined)).toBe(false);
    expect(only(undefined, FAKE_UPS_CLIENT_SECRET)).toBe(false);
  });
});
