import { buildDemoShop, DEMO_ACCOUNT_ID, DEMO_LOOKUPS } from './demo-data';

// The API reference's examples are the demo shop's, so they are real and cannot drift from the
// code: requests are built from the demo data here, and the answers are what the use cases make
// of them (example-answers.ts, committed as lib/http/openapi-examples.json).

/** The instant the examples are dated at; the demo data is placed relative to it. */
export const EXAMPLE_NOW = new Date('2026-11-28T12:00:00Z');
export const EXAMPLE_LOOKUP = { account: DEMO_ACCOUNT_ID, ...DEMO_LOOKUPS.inTransit, lang: 'en' } as const;
export const EXAMPLE_BASE_URL = 'https://track.example.com';

/** The bodies a shop would send for the example order: the order, and its carrier events. */
export function exampleRequests(now = EXAMPLE_NOW) {
  const shop = buildDemoShop(now);
  const order = shop.orders.find((o) => o.order_number === EXAMPLE_LOOKUP.order_number);
  if (!order) throw new Error(`The demo shop has no order ${EXAMPLE_LOOKUP.order_number}`);
  const ownTracking = (e: { courier?: string; tracking_number?: string }) =>
    order.trackings.some((t) => t.courier === e.courier && t.tracking_number === e.tracking_number);
  return {
    order,
    events: shop.events.filter(ownTracking),
    otherOrders: shop.orders.filter((o) => o !== order),
    otherEvents: shop.events.filter((e) => !ownTracking(e)),
  };
}
