import { describe, expect, it } from 'vitest';
import { eventInputSchema, type EventInput } from '@/lib/schemas/event';
import { orderInputSchema, type OrderInput } from '@/lib/schemas/order';
import { LIFECYCLE_BY_STATUS, STATUS_CODES, TERMINAL_STATUS_CODES } from '@/lib/status/vocabulary';
import { buildDemoShop, DEMO_ACCOUNT_ID, DEMO_LOOKUPS } from './demo-data';

// The day before Europe's spring DST switch, so one-day shifts cross an offset change.
const NOW = new Date('2026-03-28T10:17:42.123Z');
const DAY_MS = 86_400_000;
const shop = buildDemoShop(NOW);

const keyOf = (e: { courier?: string; tracking_number?: string }) => `${e.courier}:${e.tracking_number}`;

function eventsOf(trackingKey: string, events: EventInput[] = shop.events) {
  return events.filter((e) => keyOf(e) === trackingKey);
}

function newest(events: EventInput[]) {
  return [...events].sort((a, b) => Date.parse(b.event_timestamp) - Date.parse(a.event_timestamp))[0];
}

function orderByNumber(orderNumber: string): OrderInput {
  const order = shop.orders.find((o) => o.order_number === orderNumber);
  if (!order) throw new Error(`no order ${orderNumber}`);
  return order;
}

function localDate(instant: number, timeZone: string) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** The zone's UTC offset in minutes, worked out from its wall clock rather than from a named offset. */
function offsetMinutes(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

function parseOffset(timestamp: string) {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(timestamp);
  if (!match) throw new Error(`no offset in ${timestamp}`);
  const [, sign, hh, mm] = match;
  return (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
}

const ZONES_BY_COUNTRY: Record<string, string[]> = {
  DEU: ['Europe/Berlin'],
  AUT: ['Europe/Vienna'],
  CHE: ['Europe/Zurich'],
  NLD: ['Europe/Amsterdam'],
  FRA: ['Europe/Paris'],
  GBR: ['Europe/London'],
  ESP: ['Europe/Madrid'],
  ITA: ['Europe/Rome'],
  SWE: ['Europe/Stockholm'],
  USA: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
};

function orderOfTracking(key: string) {
  return shop.orders.find((o) => o.trackings.some((t) => keyOf(t) === key));
}

describe('buildDemoShop', () => {
  it('produces bodies the write API accepts', () => {
    expect(shop.orders.length).toBeGreaterThanOrEqual(22);
    for (const order of shop.orders) expect(() => orderInputSchema.parse(order)).not.toThrow();
    for (const event of shop.events) expect(() => eventInputSchema.parse(event)).not.toThrow();
  });

  it('uses every status code in some event', () => {
    const used = new Set(shop.events.map((e) => e.event_status));
    expect(STATUS_CODES.filter((code) => !used.has(code))).toEqual([]);
  });

  it('is deterministic', () => {
    expect(buildDemoShop(new Date(NOW.getTime()))).toEqual(shop);
    expect(DEMO_ACCOUNT_ID).toBe(1001);
  });

  it.each([1, -1, 220])('shifts every timestamp and date by whole days when now moves %i day(s)', (days) => {
    const shifted = buildDemoShop(new Date(NOW.getTime() + days * DAY_MS));
    expect(shifted.events).toHaveLength(shop.events.length);
    shop.events.forEach((event, i) => {
      const other = shifted.events[i]!;
      expect(keyOf(other)).toBe(keyOf(event));
      expect(Date.parse(other.event_timestamp) - Date.parse(event.event_timestamp)).toBe(days * DAY_MS);
    });
    shop.orders.forEach((order, i) => {
      const other = shifted.orders[i]!;
      expect(Date.parse(other.order_date!) - Date.parse(order.order_date!)).toBe(days * DAY_MS);
      order.trackings.forEach((tracking, j) => {
        const announced = tracking.announced_delivery_date;
        if (!announced) return;
        const moved = other.trackings[j]!.announced_delivery_date!;
        expect(Date.parse(moved) - Date.parse(announced)).toBe(days * DAY_MS);
      });
    });
  });

  it('only sends events for trackings of some order', () => {
    const known = new Set(shop.orders.flatMap((o) => o.trackings.map(keyOf)));
    for (const event of shop.events) {
      expect(event.tracking_id).toBeUndefined();
      expect(known.has(keyOf(event)), keyOf(event)).toBe(true);
    }
  });

  it('writes each timestamp with the offset of its place at that instant', () => {
    const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
    for (const event of shop.events) {
      expect(event.event_timestamp).toMatch(shape);
      const instant = Date.parse(event.event_timestamp);
      const country =
        event.location && 'country_iso3' in event.location ? event.location.country_iso3 : undefined;
      const zones = country ? ZONES_BY_COUNTRY[country]! : [orderOfTracking(keyOf(event))!.timezone!];
      const candidates = zones.map((tz) => offsetMinutes(instant, tz));
      expect(candidates, event.event_timestamp).toContain(parseOffset(event.event_timestamp));
    }
    for (const order of shop.orders) {
      expect(order.order_date).toMatch(shape);
      const instant = Date.parse(order.order_date!);
      expect(parseOffset(order.order_date!)).toBe(offsetMinutes(instant, order.timezone!));
      expect(ZONES_BY_COUNTRY[order.destination_country_iso3!]).toContain(order.timezone);
    }
  });

  it('follows DST: a Berlin event is +01:00 in winter and +02:00 in summer', () => {
    const winter = eventsOf(
      'dhl:00340434166170416000',
      buildDemoShop(new Date('2026-01-15T12:00:00Z')).events,
    );
    const summer = eventsOf(
      'dhl:00340434166170416000',
      buildDemoShop(new Date('2026-07-15T12:00:00Z')).events,
    );
    expect(winter.every((e) => e.event_timestamp.endsWith('+01:00'))).toBe(true);
    expect(summer.every((e) => e.event_timestamp.endsWith('+02:00'))).toBe(true);
  });

  it('keeps events in the past and after the order date', () => {
    for (const event of shop.events) {
      const order = orderOfTracking(keyOf(event))!;
      expect(Date.parse(event.event_timestamp)).toBeLessThanOrEqual(NOW.getTime());
      expect(Date.parse(event.event_timestamp)).toBeGreaterThan(Date.parse(order.order_date!));
    }
  });

  it('lists some trackings out of chronological order on purpose', () => {
    const trackings = new Set(shop.events.map(keyOf));
    const unordered = [...trackings].filter((key) => {
      const times = eventsOf(key).map((e) => Date.parse(e.event_timestamp));
      return times.some((t, i) => i > 0 && t < times[i - 1]!);
    });
    expect(unordered.length).toBeGreaterThanOrEqual(3);
  });

  it('gives orders unique identifiers', () => {
    const numbers = shop.orders.map((o) => o.order_number);
    const ids = shop.orders.map((o) => o.external_order_id);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const order of shop.orders) {
      expect(order.order_number).toMatch(/^NL-\d{5}$/);
      expect(order.recipient_email).toMatch(/@example\.(com|org|co\.uk)$/);
      expect(order.articles!.length).toBeGreaterThanOrEqual(1);
      expect(order.articles!.length).toBeLessThanOrEqual(3);
    }
  });

  it('covers the shapes an order can take', () => {
    expect(shop.orders.filter((o) => o.trackings.length >= 2).length).toBeGreaterThanOrEqual(3);
    expect(shop.orders.some((o) => o.trackings.length === 0)).toBe(true);
    const allTrackings = shop.orders.flatMap((o) => o.trackings);
    expect(allTrackings.some((t) => eventsOf(keyOf(t)).length === 0)).toBe(true);
    expect(allTrackings.some((t) => t.is_return === true)).toBe(true);
    expect(new Set(allTrackings.map((t) => t.courier))).toEqual(
      new Set(['dhl', 'ups', 'fedex', 'usps', 'postnl', 'dpd', 'gls', 'demo']),
    );
    expect(new Set(shop.orders.map((o) => o.destination_country_iso3))).toEqual(
      new Set(Object.keys(ZONES_BY_COUNTRY)),
    );
    for (const lang of ['de', 'en', 'fr', 'nl', 'es', 'it', 'sv']) {
      expect(shop.orders.some((o) => o.language_iso2 === lang)).toBe(true);
    }
    expect(shop.orders.some((o) => o.shipping_address?.postal_code === '94103-1234')).toBe(true);
    expect(shop.orders.some((o) => o.customer_number)).toBe(true);
    expect(shop.orders.some((o) => o.external_reference)).toBe(true);
  });

  it('has pickup locations with addresses and opening hours', () => {
    const pickups = shop.events.filter((e) => e.event_status === 'PickupReady');
    const types = new Set(pickups.map((e) => e.delivery_location_type));
    expect(types).toEqual(new Set(['ParcelShop', 'ParcelLocker']));
    for (const event of pickups) {
      expect(event.pickup_location?.address).toBeTruthy();
      expect(event.pickup_location?.postal_code).toBeTruthy();
      const days = new Set<string>(event.pickup_location?.opening_hours.map((h) => h.day));
      for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']) expect(days.has(day)).toBe(true);
    }
  });

  it('carries raw carrier wording on every event and estimates on some', () => {
    for (const event of shop.events) {
      expect(event.raw_code).toBeTruthy();
      expect(event.raw_text).toBeTruthy();
      expect(event.event_details).toBeTruthy();
    }
    const estimates = shop.events.flatMap((e) =>
      e.estimated_delivery_date ? [e.estimated_delivery_date] : [],
    );
    expect(estimates.some((d) => d.start_time && d.end_time)).toBe(true);
    const delivered = shop.events
      .filter((e) => e.event_status === 'Delivered')
      .map((e) => e.delivery_location_type);
    expect(delivered).toEqual(expect.arrayContaining(['Recipient', 'Neighbor', 'Mailbox', 'ParcelShop']));
    const exceptions = shop.events.map((e) => e.exception_type);
    expect(exceptions).toEqual(expect.arrayContaining(['Customs', 'AddressIssue', 'Damaged']));
  });

  it('has delayed and on-time parcels and an expired one', () => {
    const open = shop.orders.flatMap((o) =>
      o.trackings
        .filter((t) => t.announced_delivery_date)
        .map((t) => ({ t, last: newest(eventsOf(keyOf(t))), today: localDate(NOW.getTime(), o.timezone!) })),
    );
    const notDelivered = open.filter(({ last }) => !last || !TERMINAL_STATUS_CODES.has(last.event_status));
    expect(notDelivered.some(({ t, today }) => t.announced_delivery_date! < today)).toBe(true);
    expect(notDelivered.some(({ t, today }) => t.announced_delivery_date! > today)).toBe(true);
    const expired = notDelivered.filter(
      ({ last }) => last && NOW.getTime() - Date.parse(last.event_timestamp) >= 35 * DAY_MS,
    );
    expect(expired.length).toBeGreaterThanOrEqual(1);
  });

  it('has a DHL → Germany transit-time history of 1 to 4 days', () => {
    const history = shop.orders.filter((o) => {
      const age = NOW.getTime() - Date.parse(o.order_date!);
      return o.destination_country_iso3 === 'DEU' && age >= 20 * DAY_MS && age <= 90 * DAY_MS;
    });
    const transitHours = history.flatMap((o) =>
      o.trackings
        .filter((t) => t.courier === 'dhl')
        .flatMap((t) => {
          const events = eventsOf(keyOf(t));
          const inbound = events.find((e) => e.event_status === 'InboundScan');
          const delivered = events.find((e) => e.event_status === 'Delivered');
          if (!inbound || !delivered) return [];
          return [(Date.parse(delivered.event_timestamp) - Date.parse(inbound.event_timestamp)) / 3_600_000];
        }),
    );
    expect(transitHours.length).toBeGreaterThanOrEqual(12);
    for (const hours of transitHours) {
      expect(hours).toBeGreaterThanOrEqual(24);
      expect(hours).toBeLessThanOrEqual(96);
    }
  });

  describe('DEMO_LOOKUPS', () => {
    const lastStatuses = (orderNumber: string) =>
      orderByNumber(orderNumber).trackings.map((t) => newest(eventsOf(keyOf(t)))?.event_status);

    it('match the order postal codes', () => {
      for (const lookup of Object.values(DEMO_LOOKUPS)) {
        expect(orderByNumber(lookup.order_number).shipping_address?.postal_code).toBe(lookup.postal_code);
      }
    });

    it('point at orders in the state they advertise', () => {
      const inTransit = orderByNumber(DEMO_LOOKUPS.inTransit.order_number);
      const today = localDate(NOW.getTime(), inTransit.timezone!);
      expect(lastStatuses(DEMO_LOOKUPS.inTransit.order_number).map((s) => LIFECYCLE_BY_STATUS[s!])).toEqual([
        'InTransit',
      ]);
      expect(inTransit.trackings[0]!.announced_delivery_date! > today).toBe(true);

      expect(lastStatuses(DEMO_LOOKUPS.pickup.order_number)).toEqual(['PickupReady']);
      const pickup = newest(eventsOf(keyOf(orderByNumber(DEMO_LOOKUPS.pickup.order_number).trackings[0]!)));
      expect(pickup?.delivery_location_type).toBe('ParcelShop');

      const multi = lastStatuses(DEMO_LOOKUPS.multiParcel.order_number);
      expect(multi).toHaveLength(3);
      expect(multi.filter((s) => s === 'Delivered')).toHaveLength(2);

      const delayed = orderByNumber(DEMO_LOOKUPS.delayed.order_number);
      expect(
        delayed.trackings[0]!.announced_delivery_date! < localDate(NOW.getTime(), delayed.timezone!),
      ).toBe(true);
      expect(lastStatuses(DEMO_LOOKUPS.delayed.order_number)).not.toContain('Delivered');

      expect(lastStatuses(DEMO_LOOKUPS.exception.order_number)).toEqual(['Exception']);
      expect(lastStatuses(DEMO_LOOKUPS.returned.order_number)).toEqual(['ReturnProcessed']);
      // The shop reports the refund after the parcel is back, so the demo shows the fifth step.
      const [returned] = orderByNumber(DEMO_LOOKUPS.returned.order_number).trackings;
      const refundedAt = Date.parse(String(returned!.additional_attributes?.refund_processed_at));
      const backAt = Date.parse(newest(eventsOf(keyOf(returned!)))!.event_timestamp);
      expect(backAt < refundedAt && refundedAt < NOW.getTime()).toBe(true);
    });
  });
});
