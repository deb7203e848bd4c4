import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
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
} from './context';

// Issue 10: our server answers GET on the public read API itself (the fast path) and hands
// everything else, pages and HEAD included, to Next, whose route handlers are bundled copies of
// the same modules. Limits and caches must still exist once per process.
describe.skipIf(skipReason !== '')('one state per process, whichever path', () => {
  let db: Db;
  let shop: Tenant;
  const order = sampleOrder(uniqueTag());
  const tn = { tracking_number: order.trackings[0]!.tracking_number, courier: 'dhl' };

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'One state');
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
  });
  afterAll(() => db.destroy());

  it('a lockout earned through the API shows on the /track page', async () => {
    for (let i = 0; i < 5; i++) expect((await info({ ...tn, postal_code: `7777${i}` })).status).toBe(404);
    const page = await call(`/track?${new URLSearchParams({ ...tn, postal_code: '10557', lang: 'en' })}`);
    expect(String(page.body)).toContain('unlocking is paused');
  });

  it('a widget card drawn on one path is a cache hit on the other, both ways', async () => {
    const widget = (params: Record<string, string>, method: 'GET' | 'HEAD') =>
      fetch(`${baseUrl}/v4/track/orders/info-widget/?${new URLSearchParams(params)}`, {
        method,
        headers: { 'x-forwarded-for': freshIp(), authorization: `Bearer ${shop.read}` },
      });
    // GET is the fast path, HEAD goes through Next's route handler.
    const first = await widget({ ...tn, lang: 'en' }, 'GET');
    expect(first.headers.get('x-widget-cache')).toBe('miss');
    expect((await widget({ ...tn, lang: 'en' }, 'HEAD')).headers.get('x-widget-cache')).toBe('hit');
    const drawnByNext = await widget({ ...tn, lang: 'de' }, 'HEAD');
    expect(drawnByNext.headers.get('x-widget-cache')).toBe('miss');
    expect((await widget({ ...tn, lang: 'de' }, 'GET')).headers.get('x-widget-cache')).toBe('hit');
  });
});
