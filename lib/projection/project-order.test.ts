import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/messages';
import { STATUS_CODES } from '@/lib/status/vocabulary';
import { bundle, checkpoint, hoursAgo, input, NOW, orderRow } from './fixtures';
import { projectOrder } from './project-order';

const project = (...args: Parameters<typeof input>) => projectOrder(input(...args));
const only = (...args: Parameters<typeof input>) => project(...args).trackings[0]!;

// Every status code after an InboundScan and an InTransit scan: what the shopper sees.
// [code, lifecycle, step, icon, action box type, next action, is_exception, is_return]
const TABLE = [
  ['Pending', 'Pending', 1, 'order_processed', 'order-processed', 'none', false, false],
  ['OrderProcessed', 'InfoReceived', 1, 'order_processed', 'order-processed', 'none', false, false],
  ['WarehousePrepared', 'InfoReceived', 1, 'order_processed', 'order-processed', 'none', false, false],
  ['PickUpScheduled', 'InfoReceived', 1, 'order_processed', 'order-processed', 'none', false, false],
  ['InboundScan', 'InTransit', 2, 'in_transit', null, 'none', false, false],
  ['InTransit', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['ExportHub', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['ImportHub', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['CustomsIn', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['CustomsReleased', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['DestinationDeliveryCenter', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['Scheduled', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['OutForDelivery', 'OutForDelivery', 4, 'out_for_delivery', 'prediction', 'none', false, false],
  ['Rerouted', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  ['FailedAttemptFirst', 'FailedAttempt', 4, 'warning', 'next-action', 'arrange_redelivery', false, false],
  ['FailedAttemptSecond', 'FailedAttempt', 4, 'warning', 'next-action', 'arrange_redelivery', false, false],
  ['FailedAttemptFinal', 'FailedAttempt', 4, 'warning', 'next-action', 'contact_courier', false, false],
  ['Stored', 'InTransit', 3, 'in_transit', null, 'none', false, false],
  [
    'PickupReady',
    'AvailableForPickup',
    4,
    'pickup',
    'pickup-location-unknown',
    'collect_parcel',
    false,
    false,
  ],
  ['Delivered', 'Delivered', 5, 'delivered', null, 'none', false, false],
  ['ReturnWarning', 'Returned', 3, 'return', 'returned', 'collect_parcel', false, true],
  ['Return', 'Returned', 3, 'return', 'returned', 'none', false, true],
  ['ReturnProcessed', 'Returned', 3, 'return', 'returned', 'none', false, true],
  ['Exception', 'Exception', 3, 'warning', 'next-action', 'contact_courier', true, false],
  ['Cancelled', 'Exception', 3, 'warning', 'next-action', 'contact_merchant', true, false],
] as const;

describe('projection: every status code', () => {
  it('the table covers the whole vocabulary', () => {
    expect(TABLE.map((row) => row[0]).sort()).toEqual([...STATUS_CODES].sort());
  });

  for (const [code, lifecycle, step, icon, box, next, isException, isReturn] of TABLE) {
    it(`${code} → ${lifecycle}, step ${step}`, () => {
      const t = only([
        bundle([
          checkpoint('InboundScan', hoursAgo(48)),
          checkpoint('InTransit', hoursAgo(30)),
          checkpoint(code, hoursAgo(2)),
        ]),
      ]);
      const s = t.last_delivery_status;
      expect([s.status_code, s.lifecycle_status, s.step, s.icon_hint]).toEqual([code, lifecycle, step, icon]);
      expect(t.action_box?.type ?? null).toBe(box);
      expect(s.next_action).toBe(next);
      expect([t.is_exception, t.is_return]).toEqual([isException, isReturn]);
      expect(s.status_text).toBeTruthy();
      expect(s.status_text).not.toContain('status.');
    });
  }
});

describe('projection: derived fields', () => {
  it('the newest checkpoint by timestamp wins, not the last in the array', () => {
    const t = only([
      bundle([
        checkpoint('OutForDelivery', hoursAgo(1)),
        checkpoint('InboundScan', hoursAgo(40)),
        checkpoint('InTransit', hoursAgo(20)),
      ]),
    ]);
    expect(t.last_delivery_status.status_code).toBe('OutForDelivery');
    expect(t.checkpoints.map((c) => c.status_code)).toEqual(['InboundScan', 'InTransit', 'OutForDelivery']);
  });

  it('compares instants across UTC offsets', () => {
    const t = only([
      bundle([
        checkpoint('Delivered', '2026-11-27T10:30:00+01:00'),
        checkpoint('OutForDelivery', '2026-11-27T09:45:00Z'),
      ]),
    ]);
    // 09:45Z is after 10:30+01:00 (09:30Z).
    expect(t.last_delivery_status.status_code).toBe('OutForDelivery');
  });

  it('hidden checkpoints never decide the status', () => {
    const t = only([
      bundle([checkpoint('InTransit', hoursAgo(5)), checkpoint('Exception', hoursAgo(1), { is_hidden: 1 })]),
    ]);
    expect(t.last_delivery_status.status_code).toBe('InTransit');
    expect(t.checkpoints).toHaveLength(1);
  });

  it('each checkpoint of an exception or return shows the step the parcel had reached by then', () => {
    const t = only([
      bundle([
        checkpoint('InboundScan', hoursAgo(50)),
        checkpoint('OutForDelivery', hoursAgo(30)),
        checkpoint('Exception', hoursAgo(20)),
        checkpoint('ReturnWarning', hoursAgo(10)),
        checkpoint('Return', hoursAgo(5)),
      ]),
    ]);
    expect(t.checkpoints.map((c) => [c.status_code, c.step])).toEqual([
      ['InboundScan', 2],
      ['OutForDelivery', 4],
      ['Exception', 4],
      ['ReturnWarning', 4],
      ['Return', 4],
    ]);
  });

  it('a delivery window the carrier gave only in part still has every field of the seed', () => {
    const t = only([
      bundle([
        checkpoint('InTransit', hoursAgo(5), {
          estimated_delivery: JSON.stringify({ start_date: '2026-11-30' }),
        }),
      ]),
    ]);
    expect(t.checkpoints[0]!.estimated_delivery_date).toEqual({
      start_date: '2026-11-30',
      end_date: null,
      start_time: null,
      end_time: null,
    });
  });

  it('a tracking without events is Pending at step 1', () => {
    const t = only([bundle([])]);
    expect(t.last_delivery_status).toMatchObject({
      status_code: 'Pending',
      lifecycle_status: 'Pending',
      step: 1,
      event_timestamp: null,
    });
  });

  it('expires after 30 days without an event, but never once delivered', () => {
    const stale = only([
      bundle([checkpoint('InTransit', hoursAgo(24 * 31))], { created_at: hoursAgo(24 * 40) }),
    ]);
    expect(stale.last_delivery_status.lifecycle_status).toBe('Expired');
    expect(stale.last_delivery_status.step).toBe(3);
    expect(stale.action_box?.type).toBe('next-action');
    const fresh = only([
      bundle([checkpoint('InTransit', hoursAgo(24 * 29))], { created_at: hoursAgo(24 * 40) }),
    ]);
    expect(fresh.last_delivery_status.lifecycle_status).toBe('InTransit');
    const done = only([
      bundle([checkpoint('Delivered', hoursAgo(24 * 60))], { created_at: hoursAgo(24 * 70) }),
    ]);
    expect(done.last_delivery_status.lifecycle_status).toBe('Delivered');
  });

  it('is delayed when the announced date has passed and it is not delivered', () => {
    const late = only([
      bundle([checkpoint('InTransit', hoursAgo(5))], { announced_delivery_date: '2026-11-27' }),
    ]);
    expect(late.is_delayed).toBe(true);
    expect(late.reporting_info.is_customer_promise_exceeded).toBe(true);
    const today = only([
      bundle([checkpoint('InTransit', hoursAgo(5))], { announced_delivery_date: '2026-11-28' }),
    ]);
    expect(today.is_delayed).toBe(false);
    const delivered = only([
      bundle([checkpoint('Delivered', hoursAgo(50))], { announced_delivery_date: '2026-11-27' }),
    ]);
    expect(delivered.is_delayed).toBe(false);
    expect(delivered.reporting_info.is_customer_promise_exceeded).toBe(false);
    const deliveredLate = only([
      bundle([checkpoint('Delivered', hoursAgo(2))], { announced_delivery_date: '2026-11-27' }),
    ]);
    expect(deliveredLate.reporting_info.is_customer_promise_exceeded).toBe(true);
  });

  it('is delayed when the carrier estimate has passed; the estimate drives the prediction box', () => {
    const estimate = JSON.stringify({
      start_date: '2026-11-29',
      end_date: '2026-11-29',
      start_time: '10:00',
      end_time: '12:00',
    });
    const t = only([bundle([checkpoint('InTransit', hoursAgo(5), { estimated_delivery: estimate })])]);
    expect(t.is_delayed).toBe(false);
    expect(t.action_box).toMatchObject({
      type: 'prediction',
      raw: {
        earliest_date: '2026-11-29',
        latest_date: '2026-11-29',
        has_time: true,
        // Sent as HH:MM, answered as the seed writes times.
        earliest_time: '10:00:00',
        latest_time: '12:00:00',
      },
    });
    expect(t.action_box!.label_communication).toMatch(/Sunday, November\s29/);
    expect(t.action_box!.label_communication).toMatch(/10:00\sAM\s–\s12:00\sPM/);
    const passed = JSON.stringify({
      start_date: '2026-11-26',
      end_date: '2026-11-27',
      start_time: null,
      end_time: null,
    });
    expect(
      only([bundle([checkpoint('InTransit', hoursAgo(5), { estimated_delivery: passed })])]).is_delayed,
    ).toBe(true);
  });

  it('uses the tracking time zone for "today"', () => {
    // 2026-11-28T12:00Z is already the 29th in Auckland.
    const t = only([
      bundle([checkpoint('InTransit', hoursAgo(5))], {
        announced_delivery_date: '2026-11-28',
        timezone: 'Pacific/Auckland',
      }),
    ]);
    expect(t.is_delayed).toBe(true);
  });

  it('shows the pickup location with address and opening hours', () => {
    const pickup = JSON.stringify({
      name: 'Kiosk am Markt',
      address: 'Marktplatz 3',
      city: 'Berlin',
      postal_code: '10117',
      country_iso3: 'DEU',
      opening_hours: [{ day: 'mon', open: '09:00', close: '18:00' }],
    });
    const t = only([
      bundle([
        checkpoint('PickupReady', hoursAgo(3), {
          pickup_location: pickup,
          delivery_location_type: 'ParcelShop',
        }),
      ]),
    ]);
    expect(t.action_box).toMatchObject({
      type: 'pickup-location',
      address: 'Kiosk am Markt, Marktplatz 3, 10117 Berlin, Germany',
      opening_hours: [{ day: 'mon', open: '09:00:00', close: '18:00:00' }],
    });
    expect(t.delivery_location).toBe('ParcelShop: Kiosk am Markt, Marktplatz 3, 10117 Berlin, Germany');
    expect(t.last_delivery_status.next_action).toBe('collect_parcel');
    // The pickup point's postal code would hint at the recipient's, the proof of the full view.
    const limited = only([bundle([checkpoint('PickupReady', hoursAgo(3), { pickup_location: pickup })])], {
      level: 'limited',
    });
    expect(limited.action_box!.address).toBe('Kiosk am Markt, Berlin, Germany');
    expect(limited.action_box!.opening_hours).toHaveLength(1);
  });

  it('a pickup point without a name is called by its street only in the full view', () => {
    const pickup = JSON.stringify({
      name: null,
      address: 'Marktplatz 3',
      city: 'Berlin',
      postal_code: '10117',
    });
    const at = (level: 'full' | 'limited') =>
      only([bundle([checkpoint('PickupReady', hoursAgo(3), { pickup_location: pickup })])], { level })
        .action_box!.label_communication;
    expect(at('full')).toContain('Marktplatz 3');
    expect(at('limited')).not.toContain('Marktplatz');
    expect(at('limited')).toContain('Berlin');
  });

  it('exceptions explain themselves and say what to do', () => {
    const t = only([
      bundle([
        checkpoint('CustomsIn', hoursAgo(9)),
        checkpoint('Exception', hoursAgo(2), { exception_type: 'Customs' }),
      ]),
    ]);
    expect(t.last_delivery_status.exception_type).toBe('Customs');
    expect(t.last_delivery_status.next_action).toBe('pay_duties');
    expect(t.last_delivery_status.status_details).toMatch(/duties/);
    expect(t.action_box).toMatchObject({ type: 'next-action', label: 'Pay the import duties' });
    expect(t.reporting_info.exception_messages).toHaveLength(1);
  });

  it('reporting dates and flags', () => {
    const t = only([
      bundle([
        checkpoint('OrderProcessed', hoursAgo(100)),
        checkpoint('InboundScan', hoursAgo(70)),
        checkpoint('InTransit', hoursAgo(60)),
        checkpoint('FailedAttemptFirst', hoursAgo(30)),
        checkpoint('PickupReady', hoursAgo(20)),
        checkpoint('Delivered', hoursAgo(4), { delivery_location_type: 'ParcelShop' }),
      ]),
    ]);
    expect(t.reporting_info).toMatchObject({
      courier_dropoff_date: hoursAgo(70),
      in_transit_date: hoursAgo(60),
      pickup_date: hoursAgo(4),
      delivery_date: hoursAgo(4),
      returned_date: null,
      has_failed_attempt: true,
      is_forgotten: false,
      // Ordered 5 days ago, first carrier scan 70 h ago: 50 h after the order.
      is_delayed_dispatch: true,
    });
  });

  it('flags a forgotten parcel: no carrier scan 3 days after the tracking was created', () => {
    const old = only([bundle([checkpoint('OrderProcessed', hoursAgo(90))], { created_at: hoursAgo(80) })]);
    expect(old.reporting_info.is_forgotten).toBe(true);
    const young = only([bundle([checkpoint('OrderProcessed', hoursAgo(60))], { created_at: hoursAgo(60) })]);
    expect(young.reporting_info.is_forgotten).toBe(false);
  });

  it('trending late comes from the account history, and is normal with 0 without one', () => {
    // 20 past deliveries that took 24 h, 27 h, … 81 h.
    const history = new Map([['dhl:DEU', Array.from({ length: 20 }, (_, i) => (24 + 3 * i) * 3_600_000)]]);
    const at = (elapsedH: number) =>
      only([bundle([checkpoint('InTransit', hoursAgo(elapsedH))])], { transitHistory: history })
        .reporting_info;
    expect(at(12)).toMatchObject({ trending_late_probability: 0, trending_late_status: 'normal' });
    expect(at(36)).toMatchObject({ trending_late_probability: 0.25, trending_late_status: 'normal' });
    expect(at(70)).toMatchObject({ trending_late_probability: 0.8, trending_late_status: 'at_risk' });
    expect(at(80)).toMatchObject({ trending_late_probability: 0.95, trending_late_status: 'late' });
    expect(at(90)).toMatchObject({ trending_late_probability: 1, trending_late_status: 'late' });
    const none = only([bundle([checkpoint('InTransit', hoursAgo(200))])]).reporting_info;
    expect(none).toMatchObject({ trending_late_probability: 0, trending_late_status: 'normal' });
    const otherLane = only(
      [bundle([checkpoint('InTransit', hoursAgo(80))], { destination_country_iso3: 'AUT' })],
      { transitHistory: history },
    );
    expect(otherLane.reporting_info.trending_late_status).toBe('normal');
  });

  it('the limited view keeps status data and drops every piece of PII', () => {
    const location = JSON.stringify({
      name: 'Packstation 101',
      address: 'Heidestraße 1',
      city: 'Berlin',
      postal_code: '10557',
      country_iso3: 'DEU',
    });
    const rows = [
      bundle([
        checkpoint('InTransit', hoursAgo(30), { location }),
        checkpoint('Delivered', hoursAgo(3), {
          delivery_location_type: 'Neighbor',
          delivery_extra_info: 'Mrs. Mustermann',
          event_details: 'Signed by Erika',
        }),
      ]),
    ];
    const full = project(rows);
    const limited = project(rows, { level: 'limited' });
    expect(full.recipient_name).toBe('Erika Mustermann');
    expect(full.trackings[0]!.shipping_address?.postal_code).toBe('10557');
    const text = JSON.stringify(limited);
    for (const pii of ['Erika', 'Mustermann', 'Heidestraße', '10557', 'example.com'])
      expect(text).not.toContain(pii);
    const t = limited.trackings[0]!;
    expect(t.checkpoints[0]!.location).toBe('Berlin, Germany');
    expect(t.delivery_location).toBe('Neighbor');
    expect(t.last_delivery_status.status_code).toBe('Delivered');
    expect(t.pod_signature).toBeNull();
    expect(Object.keys(limited).sort()).toEqual(Object.keys(full).sort());
    expect(Object.keys(t).sort()).toEqual(Object.keys(full.trackings[0]!).sort());
  });

  it('translates every text into the chosen language', () => {
    const de = only([bundle([checkpoint('OutForDelivery', hoursAgo(1))])], {
      locale: 'de',
      t: translatorFor('de'),
    });
    expect(de.last_delivery_status.status_text).toBe(translatorFor('de')('status.OutForDelivery.text'));
    expect(de.last_delivery_status.status_text).not.toBe('Out for delivery');
    expect(de.action_box!.label).not.toBe('Expected delivery');
  });

  it('a tracking without an order has null order fields', () => {
    const info = project([bundle([], { order_id: null })], { order: null });
    expect(info).toMatchObject({
      order_number: null,
      order_date: null,
      recipient_name: null,
      client_key: null,
    });
    expect(info.trackings[0]!.recipient_postal_code).toBe('10557');
  });

  it('carries a window of the newest checkpoints and says how many it left out', () => {
    // 250 scans over 250 hours, the newest an exception: derived fields still see all of them.
    const scans = Array.from({ length: 250 }, (_, i) =>
      checkpoint(i === 0 ? 'InboundScan' : i === 249 ? 'Exception' : 'InTransit', hoursAgo(250 - i)),
    );
    const window = (offset: number) => only([bundle(scans)], { checkpointWindow: { offset, limit: 200 } });
    const newest = window(0);
    expect(newest.checkpoints).toHaveLength(200);
    expect(newest.checkpoints_omitted).toBe(50);
    expect(newest.checkpoints.at(-1)!.status_code).toBe('Exception');
    expect(newest.checkpoints[0]!.event_timestamp).toBe(scans[50]!.event_timestamp);
    expect(newest.last_delivery_status.status_code).toBe('Exception');
    expect(newest.reporting_info.courier_dropoff_date).toBe(scans[0]!.event_timestamp);
    // The exception keeps the step reached, even though the scans that reached it are left out.
    expect(newest.checkpoints.at(-1)!.step).toBe(3);
    const older = window(200);
    expect(older.checkpoints.map((c) => c.event_timestamp)).toEqual(
      scans.slice(0, 50).map((c) => c.event_timestamp),
    );
    expect(older.checkpoints_omitted).toBe(200);
    expect(window(1000).checkpoints).toEqual([]);
    expect(only([bundle(scans)]).checkpoints_omitted).toBe(0);
  });

  it('lists each exception message once, a handful at most', () => {
    const scans = Array.from({ length: 500 }, (_, i) =>
      checkpoint('Exception', hoursAgo(500 - i), { exception_type: i % 2 ? 'Weather' : 'AddressIssue' }),
    );
    expect(only([bundle(scans)]).reporting_info.exception_messages).toHaveLength(2);
  });

  it('is deterministic', () => {
    const rows = [bundle([checkpoint('InTransit', hoursAgo(30)), checkpoint('OutForDelivery', hoursAgo(1))])];
    expect(project(rows)).toEqual(project(rows));
    expect(orderRow().order_date).toBe(new Date(NOW.getTime() - 5 * 86_400_000).toISOString());
  });
});

describe('texts in the language asked for', () => {
  const pickup = JSON.stringify({
    name: 'Kiosk am Markt',
    address: 'Marktplatz 3',
    city: 'Köln',
    postal_code: '50667',
    country_iso3: 'DEU',
  });
  const location = JSON.stringify({ city: 'Köln', country_iso3: 'DEU' });
  const rows = () => [
    bundle([
      checkpoint('InTransit', hoursAgo(30), { location }),
      checkpoint('PickupReady', hoursAgo(3), { pickup_location: pickup }),
    ]),
  ];

  it('names countries in that language', () => {
    const at = (locale: 'en' | 'de' | 'ar') => only(rows(), { locale, t: translatorFor(locale) });
    expect(at('en').checkpoints[0]!.location).toBe('Köln, Germany');
    expect(at('de').checkpoints[0]!.location).toBe('Köln, Deutschland');
    expect(at('de').action_box!.address).toBe('Kiosk am Markt, Marktplatz 3, 50667 Köln, Deutschland');
    // Arabic script separates with its own comma.
    expect(at('ar').checkpoints[0]!.location).toBe('Köln، ألمانيا');
  });

  it('writes delivery window times as that language does: 12-hour in English, 24-hour in German', () => {
    const estimate = JSON.stringify({
      start_date: '2026-11-28',
      end_date: '2026-11-28',
      start_time: '13:30',
      end_time: '14:30:00',
    });
    const rows = () => [
      bundle([checkpoint('OutForDelivery', hoursAgo(2), { estimated_delivery: estimate })]),
    ];
    const window = (locale: 'en' | 'de' | 'ar') =>
      only(rows(), { locale, t: translatorFor(locale) }).action_box!.label_communication;
    // Intl's own ranges: one day period for both ends in English, "Uhr" once in German.
    expect(window('en')).toMatch(/1:30\s–\s2:30\sPM/);
    expect(window('de')).toMatch(/13:30–14:30\sUhr/);
    expect(window('ar')).toMatch(/نوفمبر، 1:30\s?–\s?2:30\sم/);
  });

  it('keeps a country code no table knows', () => {
    const unknown = JSON.stringify({ city: 'Nowhere', country_iso3: 'XXZ' });
    const t = only([bundle([checkpoint('InTransit', hoursAgo(3), { location: unknown })])]);
    expect(t.checkpoints[0]!.location).toBe('Nowhere, XXZ');
  });
});

describe('keys the merchant or the client chose', () => {
  it.each([
    ['constructor', 'Constructor'],
    ['__proto__', 'Proto'],
    ['toString', 'ToString'],
  ])('courier %s is named by its code, title-cased', (courier, name) => {
    const t = only([bundle([checkpoint('InTransit', hoursAgo(3))], { courier, last_mile_courier: courier })]);
    expect(t.courier_info).toMatchObject({
      courier,
      courier_name: name,
      courier_tracking_url: null,
      last_mile_courier_name: name,
    });
  });

  it('article fields named like Object members keep their own value', () => {
    const data = JSON.stringify({ article_name: 'Scarf', constructor: null, toString: null, valueOf: 'v' });
    const t = only([bundle([checkpoint('InTransit', hoursAgo(3))])], {
      orderArticles: [{ id: 1, order_id: 1, tracking_id: null, position: 0, data }],
    });
    const out = t.articles[0]!;
    expect(Object.getOwnPropertyDescriptor(out, 'constructor')?.value).toBeNull();
    expect(Object.getOwnPropertyDescriptor(out, 'toString')?.value).toBeNull();
    expect(out.valueOf).toBe('v');
    expect(JSON.parse(JSON.stringify(out))).toMatchObject({ article_name: 'Scarf', constructor: null });
  });
});
