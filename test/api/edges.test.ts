import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBranding } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import {
  call,
  info,
  newTenant,
  openDb,
  orderPage,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
} from './context';

describe.skipIf(skipReason !== '')('unknown addresses under /v4/', () => {
  const paths = [
    '/v4/track/nope',
    '/v4/',
    '/v4',
    '/v4/track/orders/info/extra',
    '/v4/track/orders/info-widget/x/y',
    '/v4/track/events/extra/',
  ];
  it.each(paths)('%s answers 404 with the error envelope for every method', async (path) => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const r = await call(path, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.headers.get('content-type'), `${method} ${path}`).toContain('application/json');
      expect(r.body, `${method} ${path}`).toEqual({
        type: 'client_error',
        errors: [{ code: 'not_found', detail: expect.any(String), attr: null }],
      });
    }
    const head = await call(path, { method: 'HEAD' });
    expect(head.status).toBe(404);
  });

  it('the detail follows lang', async () => {
    const r = await call('/v4/track/nope?lang=de');
    expect(r.body.errors[0].detail).toBe('Unter dieser Adresse gibt es keine API.');
  });

  it('the routes keep their addresses, with and without the trailing slash', async () => {
    for (const path of ['/v4/track/orders/info', '/v4/track/orders/info/']) {
      const r = await call(`${path}?order_number=X-1`);
      expect(r.status, path).toBe(400);
      expect(r.body.errors[0].code).toBe('lookup_required');
    }
    for (const path of ['/v4/track/events', '/v4/track/events/', '/v4/track/orders', '/v4/track/orders/']) {
      const r = await call(path, { method: 'DELETE' });
      expect(r.status, path).toBe(405);
    }
    const options = await call('/v4/track/orders/info-widget', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
  });
});

describe.skipIf(skipReason !== '')('keys named like Object members', () => {
  let db: Db;
  let shop: Tenant;

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Proto shop');
    await setBranding(db, shop.id, { name: 'Edge Case Outfitters' });
  });
  afterAll(() => db.destroy());

  it.each([
    ['constructor', 'Constructor'],
    ['__proto__', 'Proto'],
  ])('a tracking of courier %s is named by its code, title-cased', async (courier, name) => {
    const order = sampleOrder(uniqueTag(), {
      trackings: [{ tracking_number: `PROTO${uniqueTag()}`, courier, recipient_postal_code: '10557' }],
    });
    const put = await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order });
    expect(put.status).toBe(201);
    const r = await info({ account: shop.id, order_number: order.order_number }, { token: shop.read });
    expect(r.status).toBe(200);
    expect(r.body.trackings[0].courier_info).toMatchObject({
      courier,
      courier_name: name,
      courier_tracking_url: null,
    });
  });

  const pageOf = (order: ReturnType<typeof sampleOrder>) => orderPage(shop.id, order.order_number);

  it("a shop's client_key constructor keeps the account's brand", async () => {
    const order = sampleOrder(uniqueTag(), { client_key: 'constructor' });
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    expect(await pageOf(order)).toContain('Edge Case Outfitters');
  });

  it('a brand stored for client_key __proto__ is its own', async () => {
    await setBranding(db, shop.id, { name: 'Prototype Outlet' }, '__proto__');
    const order = sampleOrder(uniqueTag(), { client_key: '__proto__' });
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    expect(await pageOf(order)).toContain('Prototype Outlet');
  });
});

describe.skipIf(skipReason !== '')('events dated in the future', () => {
  let db: Db;
  let shop: Tenant;

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Future shop');
  });
  afterAll(() => db.destroy());

  const post = (body: unknown) => call('/v4/track/events/', { method: 'POST', token: shop.write, body });
  const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const event = (tracking_number: string, event_status: string, event_timestamp: string) => ({
    courier: 'dhl',
    tracking_number,
    event_status,
    event_timestamp,
  });
  const lookup = (tn: string) =>
    info({ tracking_number: tn, courier: 'dhl', single_tracking: true }, { token: shop.read });

  it('an event more than 7 days ahead is a 400 naming the field, and nothing is written', async () => {
    const tn = `FUT${uniqueTag()}`;
    const single = await post(event(tn, 'Delivered', '9999-12-31T23:59:59Z'));
    expect(single.status).toBe(400);
    expect(single.body).toEqual({
      type: 'client_error',
      errors: [{ code: 'invalid', detail: expect.any(String), attr: 'event_timestamp' }],
    });
    expect((await lookup(tn)).status).toBe(404);

    const list = await post([event(tn, 'InTransit', daysAhead(-1)), event(tn, 'Delivered', daysAhead(8))]);
    expect(list.status).toBe(400);
    expect(list.body.errors.map((e: { attr: string }) => e.attr)).toEqual(['[1].event_timestamp']);
    const wrapped = await post({ events: [event(tn, 'Delivered', '9999-12-31T23:59:59+14:00')] });
    expect(wrapped.status).toBe(400);
    expect(wrapped.body.errors.map((e: { attr: string }) => e.attr)).toEqual(['events[0].event_timestamp']);
    expect((await lookup(tn)).status).toBe(404);
  });

  it("a refused batch leaves an existing tracking's status as it was", async () => {
    const order = sampleOrder(uniqueTag());
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    const tn = order.trackings[0]!.tracking_number;
    expect((await post(event(tn, 'InTransit', daysAhead(-2)))).status).toBe(202);
    const r = await post([event(tn, 'OutForDelivery', daysAhead(-1)), event(tn, 'Delivered', daysAhead(30))]);
    expect(r.status).toBe(400);
    const t = (await lookup(tn)).body.trackings[0];
    expect(t.checkpoints).toHaveLength(1);
    expect(t.last_delivery_status.status_code).toBe('InTransit');
  });

  it('an event up to 7 days ahead is accepted', async () => {
    const tn = `SOON${uniqueTag()}`;
    const r = await post(event(tn, 'Scheduled', daysAhead(6.9)));
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ accepted: 1, stored: 1 });
  });
});

describe.skipIf(skipReason !== '')('numbers beyond the database integer range', () => {
  let db: Db;
  let shop: Tenant;
  const order = sampleOrder(uniqueTag());

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Range shop');
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
  });
  afterAll(() => db.destroy());

  const tooBig = ['2147483648', '9999999999', '99999999999999'];

  it.each(tooBig)('account=%s is a 400 naming account on every lookup form', async (account) => {
    const lookups: Record<string, string>[] = [
      { account, order_number: order.order_number, postal_code: '10557' },
      { account, external_order_id: order.external_order_id },
      { account, tracking_number: order.trackings[0]!.tracking_number, courier: 'dhl' },
    ];
    for (const params of lookups) {
      for (const path of ['/v4/track/orders/info/', '/v4/track/orders/info-widget/']) {
        const r = await call(`${path}?${new URLSearchParams(params)}`);
        expect(r.status, `${path} ${JSON.stringify(params)}`).toBe(400);
        expect(r.body.errors).toEqual([{ code: 'invalid', detail: expect.any(String), attr: 'account' }]);
      }
    }
    const link = await call(
      `/v4/track/orders/link/?${new URLSearchParams({ account, order_number: order.order_number })}`,
      { token: shop.read },
    );
    expect(link.status).toBe(400);
    expect(link.body.errors[0].attr).toBe('account');
  });

  it('the largest account id is an ordinary miss', async () => {
    const r = await info({ account: 2147483647, order_number: order.order_number, postal_code: '10557' });
    expect(r.status).toBe(404);
  });

  it.each(tooBig)('the tracking page with account=%s answers, not a server error', async (account) => {
    const pages: Record<string, string>[] = [
      { account },
      { account, order_number: order.order_number, postal_code: '10557' },
    ];
    for (const q of pages) {
      const r = await call(`/track?${new URLSearchParams(q)}`);
      expect(r.status, JSON.stringify(q)).toBeLessThan(500);
    }
  });
});

// PostgreSQL cannot store U+0000 in text: a NUL byte anywhere a client can put one is a 400 naming
// the field, on every database, never the database's error.
describe.skipIf(skipReason !== '')('the NUL character', () => {
  let db: Db;
  let shop: Tenant;

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'NUL shop');
  });
  afterAll(() => db.destroy());

  it.each([
    ['order_number', `order_number=A%00B&account=1&postal_code=1`],
    ['tracking_number', 'tracking_number=%00&courier=dhl'],
    ['tracking_id', 'tracking_id=x%00'],
    ['recipient_postal_code', 'order_number=A&account=1&postal_code=1%00'],
  ])('in the lookup (%s) is refused by name', async (attr, query) => {
    const r = await call(`/v4/track/orders/info/?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'invalid', attr });
  });

  it('in a written order, however deep, is refused by path and nothing is stored', async () => {
    const order = sampleOrder(uniqueTag());
    const body = { ...order, articles: [{ article_name: 'Boots\u0000', quantity: 1 }] };
    const r = await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'invalid', attr: 'articles[0].article_name' });
    const stored = await db
      .selectFrom('orders')
      .select('id')
      .where('account_id', '=', shop.id)
      .where('order_number', '=', order.order_number)
      .execute();
    expect(stored).toEqual([]);
  });

  it('in the tracking page form is a page asking again, not an error', async () => {
    const r = await call('/track/lookup', {
      method: 'POST',
      rawBody: 'postal_code=1&order_number=%00',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBeLessThan(500);
  });
});
