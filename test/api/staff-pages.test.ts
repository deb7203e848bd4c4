import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import {
  baseUrl,
  call,
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

// The staff search and watchlist pages: the account's own orders and parcels, never another's,
// and a page (not a 500) whatever the query string holds.
describe.skipIf(skipReason !== '')('staff search and watchlist pages', () => {
  let db: Db;
  let shop: Tenant;
  let other: Tenant;
  let cookie: string;
  let ownId: number;
  const tag = uniqueTag();
  const own = sampleOrder(tag);
  // The other account's order shares the own order's number prefix: a search by that prefix
  // would find it if the account were not part of every query.
  const foreign = sampleOrder(`${tag}Z`);

  const page = (path: string) => staffPage(path, cookie);
  const html = async (path: string) => {
    const res = await page(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    db = openDb();
    [shop, other] = await Promise.all([newTenant(db, 'Pages shop'), newTenant(db, 'Other pages shop')]);
    // An exception reported an hour ago: recent enough that the parcel is not expired yet.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    for (const [tenant, body] of [
      [shop, own],
      [other, foreign],
    ] as const) {
      const put = await call('/v4/track/orders/', { method: 'PUT', token: tenant.write, body });
      expect(put.status).toBe(201);
      const events = await call('/v4/track/events/', {
        method: 'POST',
        token: tenant.write,
        body: [
          {
            courier: 'dhl',
            tracking_number: body.trackings[0]!.tracking_number,
            event_status: 'Exception',
            event_timestamp: at,
            raw_text: 'Beschädigt',
          },
        ],
      });
      expect(events.status).toBeLessThan(300);
    }
    ownId = await orderIdOf(db, shop.id, own.order_number);
    cookie = await signedInStaff(db, shop.id, 'agent');
  });
  afterAll(() => db.destroy());

  it('finds an order by its tracking number and links to its view', async () => {
    const tn = own.trackings[0]!.tracking_number;
    const body = await html(`/staff?lang=en&q=${encodeURIComponent(tn)}`);
    expect(body).toContain(`href="/staff/orders/${ownId}?lang=en"`);
    expect(body).toContain(own.order_number);
    expect(body).toContain(tn);
    expect(body).toContain('Found by tracking number');
    expect(body).toContain('Erika Mustermann');
    expect(body).toContain('Problem with the delivery');
  });

  it("finds an order by a prefix of its number, and never another account's", async () => {
    const prefix = own.order_number.slice(0, -2).toLowerCase();
    const body = await html(`/staff?lang=en&q=${encodeURIComponent(prefix)}`);
    expect(body).toContain(`href="/staff/orders/${ownId}?lang=en"`);
    expect(body).not.toContain(foreign.order_number);
    expect(body).not.toContain(foreign.trackings[0]!.tracking_number);
    for (const q of [foreign.order_number, foreign.trackings[0]!.tracking_number, foreign.customer_number]) {
      const none = await html(`/staff?lang=en&q=${encodeURIComponent(q)}`);
      expect(none).toContain('Nothing found for');
      expect(none).not.toContain('/staff/orders/');
    }
  });

  it('pages through many results with next and previous links that keep the query', async () => {
    const prefix = `PG-${uniqueTag()}`;
    for (let i = 0; i < 21; i++) {
      const tag = uniqueTag();
      const body = sampleOrder(tag, { order_number: `${prefix}-${String(i).padStart(2, '0')}` });
      expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body })).status).toBe(201);
    }
    const first = await html(`/staff?lang=en&q=${prefix}`);
    expect(first).toContain(`${prefix}-19`);
    expect(first).not.toContain(`${prefix}-20`);
    expect(first).toContain(`href="?q=${prefix}&amp;page=2&amp;lang=en"`);
    expect(first).not.toContain('Previous page');
    const second = await html(`/staff?lang=en&q=${prefix}&page=2`);
    expect(second).toContain(`${prefix}-20`);
    expect(second).not.toContain(`${prefix}-19`);
    expect(second).toContain(`href="?q=${prefix}&amp;page=1&amp;lang=en"`);
    expect(second).not.toContain('Next page');
  });

  it('shows a hint for an empty search and a message for one that cannot be run', async () => {
    expect(await html('/staff?lang=en')).toContain('Type an order or tracking number');
    const long = await html(`/staff?lang=en&q=${'x'.repeat(300)}`);
    expect(long).toContain('That search cannot be run');
  });

  it('counts and lists the own parcel with an exception, not the other account’s', async () => {
    // One own parcel has an exception; the other account's would make it two.
    const counts = await html('/staff/watchlist?lang=en');
    expect(counts).toMatch(/Exception<\/span><span>1 parcel<\/span>/);
    const list = await html('/staff/watchlist?lang=en&reason=exception');
    expect(list).toContain(`href="/staff/orders/${ownId}?lang=en"`);
    expect(list).toContain(own.trackings[0]!.tracking_number);
    expect(list).not.toContain(foreign.order_number);
    expect(list).not.toContain(foreign.trackings[0]!.tracking_number);
    // The carrier's latest news is a problem: explained in one sentence.
    expect(list).toContain('The carrier’s latest news is a problem');
  });

  it('filters the list by courier and age, and sorts either way', async () => {
    const dhl = await html('/staff/watchlist?lang=en&reason=exception&courier=dhl&sort=newest');
    expect(dhl).toContain(own.trackings[0]!.tracking_number);
    const ups = await html('/staff/watchlist?lang=en&reason=exception&courier=ups');
    expect(ups).not.toContain(own.trackings[0]!.tracking_number);
    expect(ups).toContain('No parcels are on the list for this reason');
    const old = await html('/staff/watchlist?lang=en&reason=exception&min_age=30');
    expect(old).not.toContain(own.trackings[0]!.tracking_number);
  });

  it('answers a page, not an error, whatever the query string holds', async () => {
    const paths = [
      '/staff?q=%00',
      '/staff?q=%25_%5C',
      '/staff?q=a&page=abc',
      '/staff?q=a&page=-1',
      '/staff?q=a&page=999999',
      '/staff?q=a&q=b&page=1&page=2',
      `/staff?q=${'%C3%A4'.repeat(400)}`,
      '/staff?q=%F0%9F%93%A6&lang=xx',
      '/staff/watchlist?reason=nope&courier=&min_age=abc&sort=zzz&page=0',
      `/staff/watchlist?reason=exception&client_key=${'k'.repeat(300)}&courier=${'c'.repeat(100)}`,
      '/staff/watchlist?reason=exception&min_age=-5&page=99999999999',
      '/staff/watchlist?reason=__proto__&courier=constructor',
    ];
    for (const path of paths) expect((await page(path)).status, path).toBe(200);
  });

  it('sends a visitor without a session to sign in', async () => {
    for (const path of ['/staff?q=ORD', '/staff/watchlist?reason=exception']) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(400);
      expect(res.headers.get('location')).toContain('/staff/sign-in');
    }
  });
});
