import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import {
  baseUrl,
  call,
  info,
  newTenant,
  openDb,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
  orderIdOf,
  signedInStaff,
  staffPage,
} from './context';
import { postServerAction, serverActionId } from '../support/server-actions';

// The staff order view: everything about one of the account's orders, and nothing of another's.
describe.skipIf(skipReason !== '')('staff order view', () => {
  let db: Db;
  let shop: Tenant;
  let other: Tenant;
  let cookie: string;
  let ownId: number;
  let otherId: number;
  const own = sampleOrder(uniqueTag());
  const foreign = sampleOrder(uniqueTag());

  const page = (path: string) => staffPage(path, cookie);

  beforeAll(async () => {
    db = openDb();
    [shop, other] = await Promise.all([newTenant(db, 'Order view shop'), newTenant(db, 'Other shop')]);
    for (const [tenant, body] of [
      [shop, own],
      [other, foreign],
    ] as const) {
      expect((await call('/v4/track/orders/', { method: 'PUT', token: tenant.write, body })).status).toBe(
        201,
      );
    }
    const tn = own.trackings[0]!.tracking_number;
    const events = await call('/v4/track/events/', {
      method: 'POST',
      token: shop.write,
      body: [
        {
          courier: 'dhl',
          tracking_number: tn,
          event_status: 'InTransit',
          event_timestamp: '2026-11-21T08:00:00+01:00',
          raw_code: 'PO-77',
          raw_text: 'Sendung im Paketzentrum bearbeitet',
        },
      ],
    });
    expect(events.status).toBeLessThan(300);
    [ownId, otherId] = await Promise.all([
      orderIdOf(db, shop.id, own.order_number),
      orderIdOf(db, other.id, foreign.order_number),
    ]);
    cookie = await signedInStaff(db, shop.id, 'agent');
  });
  afterAll(() => db.destroy());

  it("shows the order, the carrier's own code and text with their source, and who looked it up", async () => {
    const lookup = await info({ account: shop.id, order_number: own.order_number, postal_code: '10557' });
    expect(lookup.status).toBe(200);
    // The access log is written within about a second.
    let html = '';
    for (let i = 0; i < 50; i++) {
      const res = await page(`/staff/orders/${ownId}?lang=en`);
      expect(res.status).toBe(200);
      html = await res.text();
      if (html.includes('Postal code')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(html).toContain(own.order_number);
    expect(html).toContain('PO-77');
    expect(html).toContain('Sendung im Paketzentrum bearbeitet');
    expect(html).toContain('API event');
    expect(html).toContain('Who looked this order up');
    expect(html).toMatch(/<td>API<\/td><td>Order number<\/td><td>Postal code<\/td><td>Full view/);
  });

  it('shows how many identical lookups a row of the access log stands for', async () => {
    await db
      .insertInto('access_log')
      .values({
        account_id: shop.id,
        order_id: ownId,
        tracking_id: null,
        at: new Date().toISOString(),
        channel: 'widget',
        lookup_type: 'order_number',
        proof: 'signature',
        outcome: 'full',
        ip_hash: 'polling-client',
        count: 14,
      })
      .execute();
    const html = await (await page(`/staff/orders/${ownId}?lang=en`)).text();
    expect(html).toContain('×14</span><span class="sr-only">14 lookups</span>');
    // A row for one lookup shows no count.
    expect(html).not.toContain('×1<');
  });

  it('mints a signed link, widget URL and email snippet in the chosen language that open the order', async () => {
    const html = await (await page(`/staff/orders/${ownId}?lang=en&link_lang=de&link_lifetime=7d`)).text();
    const url = /value="(http[^"]*\/track\?[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(url).toBeDefined();
    const params = new URL(url!).searchParams;
    expect(params.get('lang')).toBe('de');
    const opened = await info(Object.fromEntries(params));
    expect(opened.headers.get('x-access-level')).toBe('full');
    expect(html).toContain('info-widget');
    expect(html).toContain('&lt;img');
  });

  it("answers another account's order, or an id that is no order, as not found", async () => {
    expect((await page(`/staff/orders/${otherId}`)).status).toBe(404);
    expect((await page('/staff/orders/999999999')).status).toBe(404);
    expect((await page('/staff/orders/abc')).status).toBe(404);
  });

  it("refuses the refresh action for another account's order, and for a visitor without a session", async () => {
    const refresh = serverActionId('app/staff/(portal)/orders/[id]/actions.ts', 'refreshOrderAction');
    const run = (orderId: number, headers: Record<string, string>) =>
      postServerAction(baseUrl, `/staff/orders/${ownId}`, refresh, { order_id: String(orderId) }, headers);
    const own = await run(ownId, { cookie });
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toMatch(new RegExp(`^/staff/orders/${ownId}\\?refreshed=`));
    // The other account's id in the form field: the same answer as an order that does not exist.
    expect((await run(otherId, { cookie })).status).toBe(404);
    expect((await run(999_999_999, { cookie })).status).toBe(404);
    const anonymous = await run(ownId, {});
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/staff/sign-in');
  });

  it('sends a visitor without a session to sign in', async () => {
    const res = await fetch(`${baseUrl}/staff/orders/${ownId}`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    expect(res.headers.get('location')).toContain('/staff/sign-in');
  });
});
