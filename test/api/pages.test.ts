import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '@/lib/branding/colors';
import { setBranding } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { call, newTenant, openDb, sampleOrder, skipReason, type Tenant, uniqueTag } from './context';

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
    const q = new URLSearchParams({
      account: String(shop.id),
      order_number: order.order_number,
      postal_code: '10557',
      lang: 'en',
    });
    const r = await call(`/track?${q}`);
    expect(r.status).toBe(200);
    const brand = /--brand:(#[0-9a-f]{6});--on-brand:(#[0-9a-f]{6})/.exec(r.body as string);
    return { html: r.body as string, color: brand?.[1], onColor: brand?.[2] };
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
