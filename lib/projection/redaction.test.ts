import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/messages';
import { widgetModel } from '@/lib/widget/model';
import { bundle, checkpoint, hoursAgo, input, NOW, orderRow } from './fixtures';
import { orderPageParts } from './order-page';
import { projectOrder } from './project-order';
import type { AccessLevel } from './types';

// Every field of the response at each access level, projected from an order with every field
// filled and personal data wherever it can arrive. The expectations are docs/api.md's "Access
// levels"; a field they do not name is status data, the same at both levels.

/** What docs/api.md says the limited view sets to null (or [] for a list). */
const HIDDEN = new Set([
  'recipient_name',
  'recipient_email',
  'trackings[].recipient_name',
  'trackings[].recipient_email',
  'trackings[].recipient_postal_code',
  'trackings[].shipping_address',
  'trackings[].articles',
  'trackings[].pod_signature',
  'trackings[].last_delivery_status.delivery_extra_info',
  'trackings[].checkpoints[].delivery_extra_info',
]);

/**
 * What it reduces: location type only, city and country, a pickup point without street, our text,
 * the merchant's attributes to a return's refund date.
 */
const REDUCED = new Set([
  'trackings[].additional_attributes',
  'trackings[].delivery_location',
  'trackings[].action_box.label_communication',
  'trackings[].action_box.address',
  'trackings[].checkpoints[].location',
  'trackings[].checkpoints[].status_details',
]);

/** Fields the projection never fills: we store no messages sent to the shopper. */
const NEVER_FILLED = new Set(['trackings[].reporting_info.contacted_with_messages']);

const PII = {
  'first name': 'Zelda',
  'last name': 'Quimby',
  email: '@inbox.example',
  street: 'Lindenhof',
  'postal code': '47110',
  phone: '5550199',
  'a neighbour': 'Ottokar',
};

const personalDataIn = (value: unknown) => {
  const text = JSON.stringify(value) ?? '';
  return Object.entries(PII)
    .filter(([, marker]) => text.includes(marker))
    .map(([kind]) => kind);
};

const branding = { name: 'Nordlicht', logoUrl: null, color: '#0f5c4d', onColor: '#ffffff' };
const street = (n: number) => `Lindenhof ${n}`;
// A point without a name is called by its street, in the full view.
const pickupPoint = (name: string | null) =>
  JSON.stringify({
    name,
    address: street(5),
    city: 'Köln',
    postal_code: '47110',
    country_iso3: 'DEU',
    opening_hours: [{ day: 'mon', open: '09:00', close: '18:00' }],
  });
const window = JSON.stringify({
  start_date: '2026-11-28',
  end_date: '2026-11-29',
  start_time: '10:00',
  end_time: '12:00',
});

function maximalOrder(level: AccessLevel) {
  const order = orderRow({
    client_key: 'shop-a',
    recipient_name: 'Zelda Quimby',
    recipient_email: 'zelda@inbox.example',
    shipping_address: JSON.stringify({
      first_name: 'Zelda',
      last_name: 'Quimby',
      company_name: 'Quimby Ltd',
      address_line: street(17),
      address_line_extra: 'c/o Ottokar',
      postal_code: '47110',
      city: 'Köln',
      country_iso3: 'DEU',
      region_code: 'NW',
      phone: '+49 170 5550199',
    }),
  });
  const parcel = (id: number, overrides: Parameters<typeof bundle>[1] = {}) => ({
    id,
    public_id: `trk_${id}`,
    position: id,
    tracking_number: `JJD00${id}`,
    recipient_postal_code: '47110',
    ...overrides,
  });
  const delivered = bundle(
    [
      checkpoint('OrderProcessed', hoursAgo(100)),
      checkpoint('InboundScan', hoursAgo(70), {
        location: JSON.stringify({
          name: 'Zelda Quimby',
          address: street(2),
          city: 'Köln',
          postal_code: '47110',
          country_iso3: 'DEU',
        }),
        event_details: 'Handed over by Zelda Quimby',
      }),
      checkpoint('InTransit', hoursAgo(60), {
        location: JSON.stringify({ text: `Ottokar's garage, ${street(19)}` }),
        estimated_delivery: window,
      }),
      checkpoint('Exception', hoursAgo(50), {
        exception_type: 'AddressIssue',
        event_details: `${street(17)} not found, phoned +49 170 5550199`,
      }),
      checkpoint('FailedAttemptFirst', hoursAgo(40), { delivery_extra_info: 'Card left with Ottokar' }),
      checkpoint('PickupReady', hoursAgo(30), {
        pickup_location: pickupPoint('Kiosk am Ring'),
        delivery_location_type: 'ParcelShop',
      }),
      checkpoint('Delivered', hoursAgo(4), {
        pickup_location: pickupPoint('Kiosk am Ring'),
        delivery_location_type: 'ParcelShop',
        delivery_extra_info: 'Collected by Zelda Quimby',
        event_details: 'Signed by Z. Quimby',
      }),
    ],
    parcel(1, {
      announced_delivery_date: '2026-11-27',
      announced_delivery_date_min: '2026-11-26',
      additional_attributes: JSON.stringify({ phone: '+49 170 5550199' }),
      identifiers_consignment: 'CONSIGNMENT-1',
      last_mile_courier: 'dpd',
      pod_identifier: 'POD-1',
      pod_signature: 'Z. Quimby',
      pod_date: '2026-11-28',
    }),
  );
  delivered.articles = [
    {
      id: 1,
      order_id: 1,
      tracking_id: 1,
      position: 0,
      data: JSON.stringify({ article_name: 'Scarf for Zelda' }),
    },
  ];
  const trackings = [
    delivered,
    bundle(
      [
        checkpoint('InboundScan', hoursAgo(50)),
        checkpoint('PickupReady', hoursAgo(5), {
          pickup_location: pickupPoint(null),
          delivery_location_type: 'ParcelLocker',
        }),
      ],
      parcel(2),
    ),
    bundle(
      [
        checkpoint('InboundScan', hoursAgo(30)),
        checkpoint('OutForDelivery', hoursAgo(2), { estimated_delivery: window }),
      ],
      parcel(3),
    ),
    bundle(
      [
        checkpoint('InboundScan', hoursAgo(30)),
        checkpoint('Exception', hoursAgo(3), { exception_type: 'Customs' }),
      ],
      parcel(4),
    ),
    bundle(
      [
        checkpoint('InboundScan', hoursAgo(60)),
        checkpoint('ReturnWarning', hoursAgo(20)),
        checkpoint('Return', hoursAgo(10)),
      ],
      parcel(5, {
        is_return: 1,
        additional_attributes: JSON.stringify({ refund_processed_at: '2026-11-27', approved_by: 'Ottokar' }),
      }),
    ),
  ];
  const history = new Map([['dhl:DEU', Array.from({ length: 20 }, (_, i) => (24 + 3 * i) * 3_600_000)]]);
  return projectOrder(
    input(trackings, { order, level, transitHistory: history, liveRefreshCouriers: new Set(['dhl']) }),
  );
}

type Fields = { values: Map<string, unknown[]>; objects: Set<string> };

/**
 * Each field path (`trackings[].checkpoints[].location`) with its values in document order. Objects
 * and lists of them are walked into; a hidden or reduced field is one value, whatever it holds.
 */
function fields(root: unknown): Fields {
  const found: Fields = { values: new Map(), objects: new Set() };
  const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';
  const walk = (value: unknown, path: string) => {
    const walkable = Array.isArray(value) ? value.length > 0 && value.every(isObject) : isObject(value);
    if (path && (HIDDEN.has(path) || REDUCED.has(path) || !walkable)) {
      found.values.set(path, [...(found.values.get(path) ?? []), value]);
      return;
    }
    if (path) found.objects.add(path);
    if (Array.isArray(value)) for (const item of value) walk(item, `${path}[]`);
    else
      for (const [key, child] of Object.entries(value as object)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(root, '');
  return found;
}

const isEmpty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);

describe('redaction: every field of the response at each access level', () => {
  const full = maximalOrder('full');
  const limited = maximalOrder('limited');
  const atFull = fields(full);
  const atLimited = fields(limited);

  it('the order has every field filled and every kind of personal data in it', () => {
    const unfilled = [...atFull.values]
      .filter(([path, values]) => !atFull.objects.has(path) && values.every(isEmpty))
      .map(([path]) => path);
    expect(unfilled.sort()).toEqual([...NEVER_FILLED].sort());
    expect(personalDataIn(full)).toEqual(Object.keys(PII));
    expect([...HIDDEN, ...REDUCED].filter((path) => !atFull.values.has(path))).toEqual([]);
  });

  it('both levels answer the same fields, the limited one without personal data', () => {
    expect([...atLimited.values.keys()].sort()).toEqual([...atFull.values.keys()].sort());
    expect(personalDataIn(limited)).toEqual([]);
  });

  const expectation = {
    shown: 'is status data: the same at both levels',
    hidden: 'is null (or []) at limited',
    reduced: 'is reduced at limited',
  };
  describe.each([...atFull.values.keys()])('%s', (path) => {
    const fullValues = atFull.values.get(path)!;
    const limitedValues = atLimited.values.get(path) ?? [];
    const expected = HIDDEN.has(path) ? 'hidden' : REDUCED.has(path) ? 'reduced' : 'shown';

    it(`${expectation[expected]}, with no personal data there`, () => {
      expect(personalDataIn(limitedValues)).toEqual([]);
      if (expected === 'hidden') expect(limitedValues.every(isEmpty)).toBe(true);
      if (expected === 'shown') expect(limitedValues).toEqual(fullValues);
      if (expected === 'reduced') {
        expect(limitedValues).not.toEqual(fullValues);
        expect(limitedValues.some((v) => !isEmpty(v))).toBe(true);
      }
    });
  });

  it('the widget model carries no personal data at either level', () => {
    for (const info of [full, limited]) {
      expect(personalDataIn(widgetModel(info, branding, 'en', translatorFor('en'), NOW))).toEqual([]);
    }
  });

  it('what the order page hands its parts carries none at limited', () => {
    expect(personalDataIn(orderPageParts(limited))).toEqual([]);
    expect(personalDataIn(orderPageParts(full))).not.toEqual([]);
  });
});
