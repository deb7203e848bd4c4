import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import type { AccessLogRow } from '@/lib/db/schema';
import {
  baseUrl,
  call,
  freshIp,
  info,
  newTenant,
  openDb,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
  orderIdOf,
} from './context';

// The server logs every read of an order (API, widget, page) off the request path, within about a
// second: the test reads the server's database until the entries arrive.
describe.skipIf(skipReason !== '')('access log', () => {
  let db: Db;
  let shop: Tenant;
  let orderId: number;
  const order = sampleOrder(uniqueTag());

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db);
    const put = await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order });
    expect(put.status).toBe(201);
    orderId = await orderIdOf(db, shop.id, order.order_number);
  });
  afterAll(() => db.destroy());

  const readsOf = (rows: AccessLogRow[]) => rows.reduce((sum, r) => sum + r.count, 0);

  /** An order's entries once they stand for at least `reads` reads, oldest first. */
  async function entries(reads: number, id = orderId): Promise<AccessLogRow[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const rows = await db
        .selectFrom('access_log')
        .selectAll()
        .where('order_id', '=', id)
        .orderBy('id')
        .execute();
      if (readsOf(rows) >= reads || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('records each read with its channel, lookup, proof and outcome, and the address only as a salted hash', async () => {
    const ip = freshIp();
    const other = freshIp();
    const n = order.order_number;
    const tn = order.trackings[0]!.tracking_number;
    expect((await info({ account: shop.id, order_number: n, postal_code: '10557' }, { ip })).status).toBe(
      200,
    );
    expect(
      (await info({ account: shop.id, order_number: n, postal_code: '99999' }, { ip: other })).status,
    ).toBe(404);
    expect((await info({ account: shop.id, order_number: n }, { token: shop.read })).status).toBe(200);
    expect((await info({ tracking_number: tn, courier: 'dhl' }, { ip })).status).toBe(200);
    const link = await call(`/v4/track/orders/link/?order_number=${n}`, { token: shop.read });
    const signed = Object.fromEntries(new URL(link.body.url).searchParams);
    const widget = await call(`/v4/track/orders/info-widget/?${new URLSearchParams(signed)}`, { ip });
    expect(widget.status).toBe(200);
    const page = await fetch(`${baseUrl}/track?${new URLSearchParams({ ...signed, lang: 'en' })}`, {
      headers: { 'x-forwarded-for': ip },
    });
    expect(page.status).toBe(200);

    const rows = await entries(6);
    expect(rows.map((r) => [r.channel, r.lookup_type, r.proof, r.outcome])).toEqual([
      ['api', 'order_number', 'postal_code', 'full'],
      ['api', 'order_number', 'postal_code', 'refused'],
      ['api', 'order_number', 'token', 'full'],
      ['api', 'tracking_number', 'none', 'limited'],
      ['widget', 'order_number', 'signature', 'full'],
      ['page', 'order_number', 'signature', 'full'],
    ]);
    expect(rows.every((r) => r.account_id === shop.id)).toBe(true);
    const hashes = new Set(rows.filter((r) => r.proof !== 'token').map((r) => r.ip_hash));
    // The shopper's address and the guesser's: two clients, neither address stored.
    expect(hashes.size).toBe(2);
    expect(JSON.stringify(rows)).not.toContain(ip);
  });

  it('writes identical reads that arrive together as one row with their count', async () => {
    const polled = sampleOrder(uniqueTag());
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: polled })).status).toBe(
      201,
    );
    const polledId = await orderIdOf(db, shop.id, polled.order_number);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const read = await info(
        { account: shop.id, order_number: polled.order_number },
        { token: shop.read, ip },
      );
      expect(read.status).toBe(200);
    }
    const rows = await entries(5, polledId);
    expect(readsOf(rows)).toBe(5);
    // The writer's second may fall between two of the reads: then they are two rows.
    expect(rows.length).toBeLessThanOrEqual(2);
  });
});
