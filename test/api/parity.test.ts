import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLink } from '@/lib/access/signature';
import { createToken } from '@/lib/access/tokens';
import { createDb } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { DEMO_ACCOUNT_ID, DEMO_LINK_SECRET, DEMO_LOOKUPS } from '@/lib/demo/demo-data';
import { seedDemoShop } from '@/lib/demo/seed';
import { startPortal } from '../support/server';
import { skipReason } from './context';

// Issue 10: our server answers the public read API itself; plain `next start` answers it through
// the route handlers. Both, on one database, must answer every request alike: status, body and
// the headers that matter. It runs in the api-sqlite project only (vitest.config.mts).
const HEADERS = [
  'content-type',
  'cache-control',
  'content-language',
  'x-access-level',
  'x-live-refresh',
  'etag',
  'retry-after',
  'allow',
  'vary',
  'x-content-type-options',
  'referrer-policy',
];

describe.skipIf(skipReason !== '')('our server and next start answer alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-parity-'));
  const databaseUrl = `file:${join(dir, 'portal.db')}`;
  let ours: Awaited<ReturnType<typeof startPortal>>;
  let theirs: Awaited<ReturnType<typeof startPortal>>;
  let token = '';

  beforeAll(async () => {
    const db = createDb(databaseUrl);
    await migrateToLatest(db);
    await seedDemoShop(db);
    token = (await createToken(db, DEMO_ACCOUNT_ID, ['read'], 'parity')).token;
    await db.destroy();
    const env = { DATABASE_URL: databaseUrl, TRUSTED_PROXY_HOPS: '1', ANON_RATE_LIMIT_PER_MIN: '2' };
    [ours, theirs] = await Promise.all([startPortal(env, 'portal'), startPortal(env, 'next')]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([ours?.stop(), theirs?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  let client = 0;
  /** The same request to both servers, from a client address of its own (the same on both). */
  async function both(path: string, init: RequestInit = {}, ip = `192.0.2.${++client}`) {
    const ask = async (base: string) => {
      const res = await fetch(`${base}${path}`, {
        ...init,
        headers: { 'x-forwarded-for': ip, ...(init.headers as Record<string, string>) },
      });
      const body = Buffer.from(await res.arrayBuffer());
      const headers = Object.fromEntries(HEADERS.map((h) => [h, res.headers.get(h)]));
      // Next varies every answer on its router's request headers, and on the encoding because it
      // compresses; our server does neither for the API (a proxy in front compresses).
      headers.vary =
        (headers.vary ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v && !/^(rsc|next-router-.*|accept-encoding)$/i.test(v))
          .join(', ') || null;
      return { status: res.status, headers, body: body.toString('base64') };
    };
    return [await ask(ours.url), await ask(theirs.url)] as const;
  }

  const order = DEMO_LOOKUPS.inTransit;
  const byOrder = `account=${DEMO_ACCOUNT_ID}&order_number=${order.order_number}`;
  const signed = () => {
    const s = signLink(
      DEMO_LINK_SECRET,
      { account: DEMO_ACCOUNT_ID, lookup: 'order_number', value: order.order_number },
      4102444800,
    );
    return `${byOrder}&s=${s}`;
  };

  it.each([
    [
      'full view by postal code, with slash',
      `/v4/track/orders/info/?${byOrder}&postal_code=${order.postal_code}`,
    ],
    [
      'full view, without slash and by the alias',
      `/v4/track/orders/info?${byOrder}&recipient_postal_code=${order.postal_code}&lang=ar`,
    ],
    ['signed link', `/v4/track/orders/info/?${signed()}&lang=de-DE`],
    ['unknown tracking number', '/v4/track/orders/info/?tracking_number=NOPE&courier=dhl'],
    ['verification required', `/v4/track/orders/info/?${byOrder}`],
    ['lookup required', '/v4/track/orders/info/?lang=de'],
    ['invalid parameters', '/v4/track/orders/info/?account=0x3E9&external_order_id=x'],
    ['wrong proof', `/v4/track/orders/info/?${byOrder}&postal_code=99999`],
    ['widget', `/v4/track/orders/info-widget/?${signed()}`],
    ['widget error', '/v4/track/orders/info-widget/?account=1'],
    ['unknown path', '/v4/track/orders/nope'],
  ])('%s', async (_, path) => {
    const [a, b] = await both(path);
    expect(a).toEqual(b);
  });

  it('HEAD, OPTIONS and methods the address does not serve', async () => {
    for (const method of ['HEAD', 'OPTIONS', 'POST', 'DELETE']) {
      const [a, b] = await both(`/v4/track/orders/info/?${byOrder}&postal_code=${order.postal_code}`, {
        method,
      });
      expect(a, method).toEqual(b);
    }
  });

  it('the widget answers 304 to its own ETag', async () => {
    const [first] = await both(`/v4/track/orders/info-widget/?${signed()}`);
    const etag = first.headers.etag!;
    const [a, b] = await both(`/v4/track/orders/info-widget/?${signed()}`, {
      headers: { 'if-none-match': etag },
    });
    expect(a.status).toBe(304);
    expect(a).toEqual(b);
  });

  it('the link API, with a token and without', async () => {
    const path = `/v4/track/orders/link/?order_number=${order.order_number}&lang=de`;
    const [a, b] = await both(path, { headers: { authorization: `Bearer ${token}` } });
    expect(a.status).toBe(200);
    // The signature's expiry follows the clock, and each server has its own port.
    const unsigned = (r: typeof a) => ({
      ...r,
      body: Buffer.from(r.body, 'base64')
        .toString()
        .replace(/\d{10}\.[\w-]{43}/g, 'S')
        .replace(/"expires_at":"[^"]+"/, '')
        .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN'),
    });
    expect(unsigned(a)).toEqual(unsigned(b));
    const [c, d] = await both(path);
    expect(c).toEqual(d);
  });

  it('rate limits: the third anonymous request of a client is a 429 with Retry-After on both', async () => {
    const ip = '198.18.9.9';
    for (let i = 0; i < 2; i++) await both(`/v4/track/orders/info/?${byOrder}`, {}, ip);
    const [a, b] = await both(`/v4/track/orders/info/?${byOrder}`, {}, ip);
    expect(a.status).toBe(429);
    expect({ ...a, headers: { ...a.headers, 'retry-after': 'n' } }).toEqual({
      ...b,
      headers: { ...b.headers, 'retry-after': 'n' },
    });
  });
});
