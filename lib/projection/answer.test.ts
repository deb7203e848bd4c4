import { describe, expect, it } from 'vitest';
import type { CheckpointRow } from '@/lib/db/schema';
import { orderAnswer } from './answer';
import { bundle, checkpoint, hoursAgo, input, NOW } from './fixtures';
import { orderPageParts } from './order-page';
import { parcelView, returnJourney, returnSteps } from './parcel-state';
import { projectOrderPage } from './project-order';
import type { ProjectionInput, TrackingBundle } from './types';

// NOW is 2026-11-28 12:00 UTC, 13:00 in Berlin.
const answer = (trackings: TrackingBundle[], overrides: Partial<ProjectionInput> = {}) => {
  const { info, extras } = projectOrderPage(input(trackings, overrides));
  return orderAnswer(info, extras, NOW);
};
const parcel = (checkpoints: CheckpointRow[], id: number, overrides: Parameters<typeof bundle>[1] = {}) =>
  bundle(checkpoints, { id, public_id: `trk_${id}`, position: id, ...overrides });
const eta = (start: string, end = start, from?: string, to?: string) =>
  JSON.stringify({ start_date: start, end_date: end, start_time: from ?? null, end_time: to ?? null });
const shop = JSON.stringify({
  name: 'Kiosk am Markt',
  address: 'Markt 9',
  city: 'Leipzig',
  postal_code: '04109',
  country_iso3: 'DEU',
  opening_hours: [],
  held_until: '2026-12-03',
});

describe('the order answer', () => {
  it('out for delivery: arriving today with the time window', () => {
    const out = parcel(
      [
        checkpoint('InboundScan', hoursAgo(30)),
        checkpoint('OutForDelivery', hoursAgo(2), {
          estimated_delivery: eta('2026-11-28', undefined, '13:30', '14:30'),
        }),
      ],
      1,
    );
    expect(answer([out])).toEqual({
      kind: 'arriving',
      day: 'today',
      start: '2026-11-28',
      end: '2026-11-28',
      from: '13:30:00',
      to: '14:30:00',
      timeZone: 'Europe/Berlin',
    });
  });

  it('in transit: tomorrow, a later day, or late without a new date', () => {
    const tomorrow = parcel(
      [checkpoint('InTransit', hoursAgo(5), { estimated_delivery: eta('2026-11-29') })],
      1,
    );
    expect(answer([tomorrow])).toMatchObject({ kind: 'arriving', day: 'tomorrow', from: null });
    const later = parcel(
      [checkpoint('InTransit', hoursAgo(5), { estimated_delivery: eta('2026-12-01', '2026-12-02') })],
      1,
    );
    expect(answer([later])).toMatchObject({
      kind: 'arriving',
      day: 'later',
      start: '2026-12-01',
      end: '2026-12-02',
    });
    const late = parcel(
      [checkpoint('InTransit', hoursAgo(50), { estimated_delivery: eta('2026-11-26') })],
      1,
      {
        announced_delivery_date: '2026-11-26',
      },
    );
    expect(answer([late])).toMatchObject({ kind: 'delayed' });
  });

  it('ready for pickup: until when, where, and directions from the address', () => {
    const pickup = parcel(
      [
        checkpoint('InboundScan', hoursAgo(50)),
        checkpoint('PickupReady', hoursAgo(20), {
          pickup_location: shop,
          delivery_location_type: 'ParcelShop',
        }),
      ],
      1,
      { announced_delivery_date: '2026-11-26' },
    );
    const full = answer([pickup]);
    expect(full).toMatchObject({ kind: 'pickup', place: 'Kiosk am Markt', until: '2026-12-03' });
    expect(full.kind === 'pickup' && decodeURIComponent(full.directionsUrl ?? '')).toContain(
      'Markt 9, 04109 Leipzig',
    );
    // The limited view names the point and its city: no street, no postal code (the proof).
    const limited = answer([pickup], { level: 'limited' });
    expect(limited).toMatchObject({ kind: 'pickup', place: 'Kiosk am Markt', until: '2026-12-03' });
    const url = limited.kind === 'pickup' ? decodeURIComponent(limited.directionsUrl ?? '') : '';
    expect(url).toContain('Kiosk am Markt, Leipzig');
    expect(url).not.toContain('Markt 9');
    expect(url).not.toContain('04109');
  });

  it('a failed attempt held at a post office: held until', () => {
    const held = parcel([checkpoint('FailedAttemptFinal', hoursAgo(20), { pickup_location: shop })], 1);
    expect(answer([held])).toMatchObject({ kind: 'held', place: 'Kiosk am Markt', until: '2026-12-03' });
    const failed = parcel([checkpoint('FailedAttemptFirst', hoursAgo(20))], 1);
    expect(answer([failed])).toMatchObject({ kind: 'action', action: 'arrange_redelivery' });
  });

  it('delivered: where from the delivery location type; who only at the full level', () => {
    const neighbour = parcel(
      [
        checkpoint('Delivered', hoursAgo(3), {
          delivery_location_type: 'Neighbor',
          delivery_extra_info: 'Neighbour: Schmitz, no. 50',
        }),
      ],
      1,
    );
    expect(answer([neighbour])).toMatchObject({
      kind: 'delivered',
      to: 'Neighbor',
      detail: 'Neighbour: Schmitz, no. 50',
    });
    expect(answer([neighbour], { level: 'limited' })).toMatchObject({
      kind: 'delivered',
      to: 'Neighbor',
      detail: null,
    });
  });

  it('a problem: the next step', () => {
    const customs = parcel([checkpoint('Exception', hoursAgo(3), { exception_type: 'Customs' })], 1);
    expect(answer([customs])).toMatchObject({ kind: 'action', action: 'pay_duties' });
  });

  it('before shipping: the announced window, or none once it has passed', () => {
    const label = parcel([], 1, {
      announced_delivery_date: '2026-12-01',
      announced_delivery_date_min: '2026-11-30',
    });
    expect(answer([label])).toMatchObject({
      kind: 'preparing',
      expected: { start: '2026-11-30', end: '2026-12-01' },
    });
    const carrierWindow = parcel(
      [
        checkpoint('PickUpScheduled', hoursAgo(2), {
          estimated_delivery: eta('2026-11-30', undefined, '09:00', '13:00'),
        }),
      ],
      1,
      { announced_delivery_date: '2026-12-01' },
    );
    expect(answer([carrierWindow])).toMatchObject({
      kind: 'preparing',
      expected: { start: '2026-11-30', from: '09:00:00', to: '13:00:00' },
    });
    expect(answer([parcel([], 1, { announced_delivery_date: '2026-11-20' })])).toMatchObject({
      expected: null,
    });
    expect(answer([])).toMatchObject({ kind: 'preparing', expected: null });
  });

  it('a multi-parcel order answers with its most urgent parcel; a return is newer news than a delivery', () => {
    const delivered = parcel([checkpoint('Delivered', hoursAgo(30))], 1);
    const inTransit = parcel(
      [checkpoint('InTransit', hoursAgo(5), { estimated_delivery: eta('2026-11-29') })],
      2,
    );
    expect(answer([delivered, inTransit])).toMatchObject({ kind: 'arriving', day: 'tomorrow' });
    const ownReturn = parcel([checkpoint('Return', hoursAgo(5))], 2, { is_return: 1 });
    expect(answer([delivered, ownReturn])).toMatchObject({ kind: 'return', step: 2, ownReturn: true });
    const received = parcel([checkpoint('ReturnProcessed', hoursAgo(5))], 2, { is_return: 1 });
    expect(answer([delivered, received])).toMatchObject({ kind: 'return', step: 4 });
  });
});

describe('parcels on the order page', () => {
  const at = (h: number) => hoursAgo(h);
  const order = [
    parcel([checkpoint('Delivered', at(30))], 1),
    parcel([checkpoint('Return', at(20))], 2, { is_return: 1 }),
    parcel([checkpoint('Cancelled', at(90))], 3),
    parcel([checkpoint('OutForDelivery', at(2))], 4),
    parcel([checkpoint('InTransit', at(5))], 5),
    parcel([], 6),
    parcel([checkpoint('Exception', at(3), { exception_type: 'Customs' })], 7),
    parcel([checkpoint('PickupReady', at(3))], 8),
  ];

  it('are ordered by urgency, delivered and replaced ones collapsed', () => {
    const { info } = projectOrderPage(input(order));
    const parts = orderPageParts(info);
    expect(parts.parcels.map((p) => p.tracking.tracking_id)).toEqual([
      'trk_7',
      'trk_8',
      'trk_4',
      'trk_5',
      'trk_6',
      'trk_1',
      'trk_2',
      'trk_3',
    ]);
    expect(parts.parcels.filter((p) => p.collapsed).map((p) => p.tracking.tracking_id)).toEqual([
      'trk_1',
      'trk_3',
    ]);
    // The return is not a parcel the shopper waits for.
    expect([parts.delivered, parts.awaited]).toEqual([1, 6]);
  });

  it('a single delivered parcel stays open', () => {
    const { info } = projectOrderPage(input([order[0]!]));
    expect(orderPageParts(info).parcels[0]?.collapsed).toBe(false);
  });
});

describe('a return as its own journey', () => {
  const journey = (
    checkpoints: CheckpointRow[],
    isReturn = 1,
    overrides: Parameters<typeof bundle>[1] = {},
    level: ProjectionInput['level'] = 'full',
  ) => {
    const tracking = parcel(checkpoints, 1, { is_return: isReturn, ...overrides });
    const { info } = projectOrderPage(input([tracking], { level }));
    return returnJourney(info.trackings[0]!);
  };
  const refunded = (value: unknown) => ({
    additional_attributes: JSON.stringify({ refund_processed_at: value }),
  });
  const received = [checkpoint('Return', hoursAgo(30)), checkpoint('ReturnProcessed', hoursAgo(2))];

  it('the shopper return: registered, handed in, on its way back, received', () => {
    const own = (step: number) => ({ step, ownReturn: true, refundedAt: null });
    expect(journey([])).toEqual(own(1));
    expect(journey([checkpoint('Return', hoursAgo(30))])).toEqual(own(2));
    expect(journey([checkpoint('InboundScan', hoursAgo(30)), checkpoint('InTransit', hoursAgo(20))])).toEqual(
      own(3),
    );
    expect(journey(received)).toEqual(own(4));
  });

  it('a parcel the courier sends back: on its way back, then received; not while it can be collected', () => {
    const outbound = [
      checkpoint('InboundScan', hoursAgo(90)),
      checkpoint('FailedAttemptFirst', hoursAgo(60)),
    ];
    expect(journey([...outbound, checkpoint('ReturnWarning', hoursAgo(40))], 0)).toBeNull();
    expect(journey([...outbound, checkpoint('Return', hoursAgo(20))], 0)).toEqual({
      step: 3,
      ownReturn: false,
      refundedAt: null,
    });
    expect(journey([...outbound, checkpoint('ReturnProcessed', hoursAgo(2))], 0)).toEqual({
      step: 4,
      ownReturn: false,
      refundedAt: null,
    });
    expect(journey([checkpoint('InTransit', hoursAgo(20))], 0)).toBeNull();
  });

  it('a refund the shop reports is the fifth and last step, at either access level', () => {
    for (const at of ['2026-11-27', '2026-11-27T23:30:00Z', '2026-11-28T00:30:00+01:00']) {
      for (const level of ['full', 'limited'] as const) {
        const back = journey(received, 1, refunded(at), level);
        expect(back).toEqual({ step: 5, ownReturn: true, refundedAt: at });
        expect(returnSteps(back!)).toEqual([1, 2, 3, 4, 5]);
      }
    }
    const sentBack = [
      checkpoint('FailedAttemptFinal', hoursAgo(90)),
      checkpoint('ReturnProcessed', hoursAgo(2)),
    ];
    expect(journey(sentBack, 0, refunded('2026-11-27'))).toMatchObject({ step: 5, ownReturn: false });
  });

  it('without a refund, or with one that is no date, a return keeps its four steps', () => {
    expect(returnSteps(journey(received)!)).toEqual([1, 2, 3, 4]);
    for (const value of [
      '2026-11-27T10:00:00',
      '27.11.2026',
      'soon',
      '2026-02-30',
      20261127,
      null,
      { at: 1 },
    ]) {
      const back = journey(received, 1, refunded(value));
      expect(back).toEqual({ step: 4, ownReturn: true, refundedAt: null });
      expect(returnSteps(back!)).toEqual([1, 2, 3, 4]);
    }
    expect(journey(received, 1, { additional_attributes: JSON.stringify(['2026-11-27']) })?.step).toBe(4);
    expect(journey(received, 1, { additional_attributes: 'not json' })?.step).toBe(4);
  });

  it("the answer says the refund was processed, in the return's time zone", () => {
    const delivered = parcel([checkpoint('Delivered', hoursAgo(100))], 1);
    const back = parcel(received, 2, {
      is_return: 1,
      timezone: 'America/New_York',
      ...refunded('2026-11-28T03:00:00Z'),
    });
    expect(answer([delivered, back])).toEqual({
      kind: 'return',
      step: 5,
      ownReturn: true,
      refundedAt: '2026-11-28T03:00:00Z',
      timeZone: 'America/New_York',
    });
  });
});

describe('one notice per state', () => {
  const view = (trackingBundle: TrackingBundle, replaced = false) =>
    parcelView(projectOrderPage(input([trackingBundle])).info.trackings[0]!, replaced, NOW);

  it('a late parcel waiting at a pickup point is not "later than announced"', () => {
    const pickup = parcel([checkpoint('PickupReady', hoursAgo(20), { pickup_location: shop })], 1, {
      announced_delivery_date: '2026-11-25',
    });
    expect(projectOrderPage(input([pickup])).info.trackings[0]!.is_delayed).toBe(true);
    expect(view(pickup)).toMatchObject({
      notice: null,
      showsDetails: false,
      box: { type: 'pickup-location' },
    });
  });

  it('customs: the action box alone, no delay notice, no subtitle', () => {
    const customs = parcel([checkpoint('Exception', hoursAgo(3), { exception_type: 'Customs' })], 1, {
      announced_delivery_date: '2026-11-25',
    });
    expect(view(customs)).toMatchObject({ notice: null, showsDetails: false, box: { type: 'next-action' } });
  });

  it('a late parcel: the delay notice, and no estimate that has passed', () => {
    const late = parcel(
      [checkpoint('InTransit', hoursAgo(30), { estimated_delivery: eta('2026-11-26') })],
      1,
      {
        announced_delivery_date: '2026-11-25',
      },
    );
    expect(view(late)).toMatchObject({ notice: 'delayed', box: null, showsDetails: true });
    const newDate = parcel(
      [checkpoint('InTransit', hoursAgo(3), { estimated_delivery: eta('2026-11-30') })],
      1,
      {
        announced_delivery_date: '2026-11-25',
      },
    );
    expect(view(newDate)).toMatchObject({
      notice: 'delayed',
      box: { type: 'prediction' },
      showsDetails: false,
    });
  });

  it('a problem with nothing to do says there is one; a replaced label only that it was replaced', () => {
    const weather = parcel([checkpoint('Exception', hoursAgo(3), { exception_type: 'Weather' })], 1);
    expect(view(weather)).toMatchObject({ notice: 'exception', box: null });
    expect(view(weather, true)).toMatchObject({ notice: 'replaced', box: null });
  });

  it('a return label not scanned yet is not an order being prepared', () => {
    expect(view(parcel([], 1, { is_return: 1 }))).toMatchObject({
      notShipped: false,
      journey: { step: 1, ownReturn: true, refundedAt: null },
      box: null,
      showsDetails: false,
    });
  });

  it('before shipping: no box, no subtitle, one line that the shop is preparing it', () => {
    expect(view(parcel([checkpoint('OrderProcessed', hoursAgo(3))], 1))).toMatchObject({
      notShipped: true,
      box: null,
      showsDetails: false,
      notice: null,
    });
  });
});

describe('page extras', () => {
  const articles = [
    { id: 1, order_id: 1, tracking_id: null, position: 0, data: JSON.stringify({ article_name: 'Scarf' }) },
  ];

  it("the order's own items at the full level only", () => {
    const full = projectOrderPage(input([], { orderArticles: articles })).extras;
    expect(full.articles.map((a) => a.article_name)).toEqual(['Scarf']);
    const limited = projectOrderPage(input([], { orderArticles: articles, level: 'limited' })).extras;
    expect(limited.articles).toEqual([]);
  });
});
