import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rotateLinkSecret } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { keysUnder } from '../support/redis';
import {
  call,
  freshIp,
  info,
  newTenant,
  openDb,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
} from './context';

describe.skipIf(skipReason !== '')('signed links and lockout', () => {
  let db: Db;
  let shop: Tenant;
  const order = sampleOrder(uniqueTag());

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db);
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
  });
  afterAll(() => db.destroy());

  const link = (params: Record<string, string>, token = shop.read) =>
    call(`/v4/track/orders/link/?${new URLSearchParams(params)}`, { token });

  it('mints a page URL and a widget URL whose s opens the full view', async () => {
    const r = await link({ order_number: order.order_number, lang: 'de', expires_in: '2h' });
    expect(r.status).toBe(200);
    const url = new URL(r.body.url);
    expect(url.pathname).toBe('/track');
    expect(new URL(r.body.widget_url).pathname).toBe('/v4/track/orders/info-widget/');
    expect(url.searchParams.get('s')).toBe(r.body.s);
    const href = r.body.url.replace(/&/g, '&amp;');
    expect(r.body.email_html).toBe(
      `<a href="${href}" style="display:block"><img src="${r.body.widget_url.replace(/&/g, '&amp;')}" alt="Aktueller Status der Bestellung ${order.order_number}" width="600" height="320" style="display:block;border:0;max-width:100%;height:auto"></a>` +
        // With images blocked, the status in words and a way to the page remain.
        `<p lang="de" dir="ltr" style="margin:8px 0 0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.4">Bestellung ${order.order_number}: Versanddaten ausstehend<br><a href="${href}">Bestellung verfolgen</a></p>`,
    );
    const expiresIn = Date.parse(r.body.expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(7000_000);
    expect(expiresIn).toBeLessThan(7300_000);
    const view = await info(Object.fromEntries(url.searchParams));
    expect(view.status).toBe(200);
    expect(view.headers.get('x-access-level')).toBe('full');
    expect(view.body.recipient_name).toBe('Erika Mustermann');
  });

  it('tracking-number links sign courier:number', async () => {
    const tn = order.trackings[0]!.tracking_number;
    const r = await link({ tracking_number: tn, courier: 'DHL' });
    expect(r.status).toBe(200);
    const params = Object.fromEntries(new URL(r.body.url).searchParams);
    expect((await info(params)).headers.get('x-access-level')).toBe('full');
  });

  it('links keep working after the secret is rotated once, not twice', async () => {
    const r = await link({ order_number: order.order_number });
    const params = Object.fromEntries(new URL(r.body.url).searchParams);
    await rotateLinkSecret(db, shop.id);
    expect((await info(params)).status).toBe(200);
    await rotateLinkSecret(db, shop.id);
    expect((await info(params)).status).toBe(404);
  });

  it('link minting needs a read token, an existing order of the account and a lookup', async () => {
    expect((await call(`/v4/track/orders/link/?order_number=${order.order_number}`)).status).toBe(401);
    expect((await link({ order_number: order.order_number }, shop.write)).status).toBe(403);
    expect((await link({ order_number: 'NOPE' })).status).toBe(404);
    expect((await link({})).body.errors[0].code).toBe('lookup_required');
    expect((await link({ order_number: order.order_number, expires_in: 'soon' })).body.errors[0].attr).toBe(
      'expires_in',
    );
  });

  it('a link lives at most ten years; a longer lifetime is a 400, never a link the API refuses', async () => {
    for (const expires_in of ['100000000d', '999999999999', '3651d']) {
      const r = await link({ order_number: order.order_number, expires_in });
      expect(r.status, expires_in).toBe(400);
      expect(r.body.errors[0].attr).toBe('expires_in');
    }
    const longest = await link({ order_number: order.order_number, expires_in: '3650d' });
    expect(longest.status).toBe(200);
    expect((await info(Object.fromEntries(new URL(longest.body.url).searchParams))).status).toBe(200);
  });

  it('locks an identifier out after 5 failed proofs, from any address, with Retry-After', async () => {
    const target = sampleOrder(uniqueTag());
    await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: target });
    const params = { account: shop.id, order_number: target.order_number };
    for (let i = 0; i < 5; i++) expect((await info({ ...params, postal_code: `0000${i}` })).status).toBe(404);
    const locked = await info({ ...params, postal_code: '10557' }, { ip: freshIp() });
    expect(locked.status).toBe(429);
    expect(locked.body.errors[0].code).toBe('rate_limited');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(1700);
    expect(retryAfter).toBeLessThanOrEqual(1800);
    // Staff and merchants with a token are not locked out.
    expect((await info(params, { token: shop.read })).status).toBe(200);
    // With several instances the failures are counted where all of them see them.
    const redisPrefix = inject('redisPrefix');
    if (redisPrefix) expect(await keysUnder(`${redisPrefix}:fail`)).not.toHaveLength(0);
  });

  it('locks an address out after 5 failed proofs on different identifiers', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect(
        (await info({ account: shop.id, order_number: `GUESS-${i}`, postal_code: '12345' }, { ip })).status,
      ).toBe(404);
    }
    const other = sampleOrder(uniqueTag());
    await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: other });
    expect(
      (await info({ account: shop.id, order_number: other.order_number, postal_code: '10557' }, { ip }))
        .status,
    ).toBe(429);
    expect(
      (await info({ account: shop.id, order_number: other.order_number, postal_code: '10557' })).status,
    ).toBe(200);
  });

  it('limits anonymous lookups per address (60 a minute)', async () => {
    const ip = freshIp();
    const q = { tracking_number: order.trackings[0]!.tracking_number, courier: 'dhl' };
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await info(q, { ip })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
