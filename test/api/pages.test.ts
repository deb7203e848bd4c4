import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '@/lib/branding/colors';
import { setBranding } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import {
  call,
  newTenant,
  openDb,
  orderPage,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
} from './context';

describe.skipIf(skipReason !== '')('shopper pages: branding per account and client key', () => {
  let db: Db;
  let shop: Tenant;
  const main = sampleOrder(uniqueTag());
  const outlet = sampleOrder(uniqueTag(), { client_key: 'outlet' });

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Brand test');
    await setBranding(db, shop.id, { name: 'Main Street Shoes', primary_color: '#ffeb3b' });
    await setBranding(db, shop.id, { name: 'Shoe Outlet', primary_color: '#0f5c4d' }, 'outlet');
    for (const order of [main, outlet]) {
      expect(
        (await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status,
      ).toBe(201);
    }
  });
  afterAll(() => db.destroy());

  const page = async (order: typeof main) => {
    const html = await orderPage(shop.id, order.order_number);
    const brand = /--brand:(#[0-9a-f]{6});--on-brand:(#[0-9a-f]{6})/.exec(html);
    return { html, color: brand?.[1], onColor: brand?.[2] };
  };

  it("uses the account's brand, with its colour adjusted to reach AA", async () => {
    const { html, color, onColor } = await page(main);
    expect(html).toContain('Main Street Shoes');
    expect(color).toBeTruthy();
    expect(color).not.toBe('#ffeb3b');
    expect(contrastRatio(color!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(color!, onColor!)).toBeGreaterThanOrEqual(4.5);
  });

  it("uses the client key's own brand for that shop's orders", async () => {
    const { html, color } = await page(outlet);
    expect(html).toContain('Shoe Outlet');
    expect(html).not.toContain('Main Street Shoes');
    expect(color).toBe('#0f5c4d');
  });
});

describe.skipIf(skipReason !== '')('shopper pages: a return and its refund', () => {
  let db: Db;
  let shop: Tenant;

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Refund test');
  });
  afterAll(() => db.destroy());

  /** The page of a new order: a delivered parcel and a return received by the shop. */
  async function returnPage(additional_attributes?: Record<string, unknown>) {
    const order = sampleOrder(uniqueTag());
    const [sent, back] = order.trackings.map((t) => ({ ...t, courier: 'dhl' }));
    const body = { ...order, trackings: [sent, { ...back, is_return: true, additional_attributes }] };
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body })).status).toBe(201);
    const events = [
      {
        tracking_number: sent!.tracking_number,
        event_status: 'Delivered',
        event_timestamp: '2026-11-20T12:00:00+01:00',
      },
      {
        tracking_number: back!.tracking_number,
        event_status: 'Return',
        event_timestamp: '2026-11-24T09:00:00+01:00',
      },
      {
        tracking_number: back!.tracking_number,
        event_status: 'ReturnProcessed',
        event_timestamp: '2026-11-26T09:00:00+01:00',
      },
    ].map((event) => ({ ...event, courier: 'dhl' }));
    expect(
      (await call('/v4/track/events/', { method: 'POST', token: shop.write, body: events })).status,
    ).toBe(202);
    return orderPage(shop.id, order.order_number);
  }

  it('shows "Refund processed" as the fifth step, dated in the time zone, once the shop reports it', async () => {
    // 23:30 UTC is already Saturday in Berlin, the tracking's time zone.
    const html = await returnPage({ refund_processed_at: '2026-11-27T23:30:00Z', note: 'card' });
    expect(html).toContain('The shop has processed your refund');
    expect(html).toContain('Refund processed on Saturday, November 28');
    expect(html).toMatch(/aria-current="step"[^>]*>(?:(?!<\/li>).)*Step 5 of 5: Refund processed/);
  });

  it('keeps a return at four steps without a refund, or with one that is no date', async () => {
    for (const attributes of [undefined, { refund_processed_at: 'next week' }]) {
      const html = await returnPage(attributes);
      expect(html).toContain('The shop has received your return');
      expect(html).toMatch(/aria-current="step"[^>]*>(?:(?!<\/li>).)*Step 4 of 4: Received by the shop/);
      expect(html).not.toContain('Refund processed');
    }
  });
});
