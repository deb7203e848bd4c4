import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibleAccent } from '@/lib/branding/colors';
import { setBranding } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import {
  baseUrl,
  freshIp,
  newTenant,
  openDb,
  call,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
} from './context';
import { pixelsOf, progressSegments } from '../support/pixels';

async function widget(params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/v4/track/orders/info-widget/?${new URLSearchParams(params)}`, {
    headers: { 'x-forwarded-for': freshIp(), ...headers },
  });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe.skipIf(skipReason !== '')('GET /v4/track/orders/info-widget/', () => {
  let db: Db;
  let shop: Tenant;
  const order = sampleOrder(uniqueTag());
  const brand = '#7a1f5c';
  const byTracking = () => ({ tracking_number: order.trackings[0]!.tracking_number, courier: 'dhl' });

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Widget shop');
    await setBranding(db, shop.id, { name: 'Widget Shop', primary_color: brand });
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    await call('/v4/track/events/', {
      method: 'POST',
      token: shop.write,
      body: { ...byTracking(), event_status: 'InTransit', event_timestamp: '2026-11-27T09:00:00+01:00' },
    });
  });
  afterAll(() => db.destroy());

  it('draws a 1200 px wide PNG (600 CSS px at 2x) in the brand colour', async () => {
    const { res, body } = await widget({ ...byTracking(), lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const image = PNG.sync.read(body);
    expect([image.width, image.height]).toEqual([1200, 640]);
    expect(pixelsOf(body, accessibleAccent(brand))).toBeGreaterThan(20_000);
    expect(body.length).toBeLessThan(200_000);
  });

  it('answers 304 to a matching If-None-Match and caches briefly without a token', async () => {
    const first = await widget({ ...byTracking(), lang: 'de' });
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"w.+"$/);
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await widget({ ...byTracking(), lang: 'de' }, { 'if-none-match': etag });
    expect(again.res.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherLanguage = await widget({ ...byTracking(), lang: 'en' }, { 'if-none-match': etag });
    expect(otherLanguage.res.status).toBe(200);
  });

  it('draws the same card, without PII, for the limited and the full view', async () => {
    const limited = await widget({ ...byTracking(), lang: 'en' });
    const full = await widget({ ...byTracking(), lang: 'en' }, { authorization: `Bearer ${shop.read}` });
    expect(full.res.status).toBe(200);
    expect(full.res.headers.get('cache-control')).toBe('private, max-age=60');
    expect(full.res.headers.get('etag')).toBe(limited.res.headers.get('etag'));
    expect(full.body.equals(limited.body)).toBe(true);
  });

  it('changes its ETag when the order changes', async () => {
    const before = (await widget({ ...byTracking(), lang: 'en' })).res.headers.get('etag');
    await call('/v4/track/events/', {
      method: 'POST',
      token: shop.write,
      body: { ...byTracking(), event_status: 'OutForDelivery', event_timestamp: '2026-11-28T07:00:00+01:00' },
    });
    const after = (await widget({ ...byTracking(), lang: 'en' })).res.headers.get('etag');
    expect(after).not.toBe(before);
  });

  /** A new order of the shop with these trackings and events, and the lookup of its first tracking. */
  async function orderWith(
    trackings: Array<{ is_return?: boolean; events: Array<Record<string, unknown>> }>,
  ) {
    const fresh = sampleOrder(uniqueTag());
    const own = trackings.map((tr, i) => ({
      ...fresh.trackings[0]!,
      tracking_number: `${fresh.trackings[0]!.tracking_number}${i}`,
      is_return: tr.is_return ?? false,
    }));
    await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: { ...fresh, trackings: own } });
    for (const [i, tr] of trackings.entries()) {
      for (const event of tr.events) {
        const body = { tracking_number: own[i]!.tracking_number, courier: 'dhl', ...event };
        expect((await call('/v4/track/events/', { method: 'POST', token: shop.write, body })).status).toBe(
          202,
        );
      }
    }
    return { tracking_number: own[0]!.tracking_number, courier: 'dhl' };
  }

  const GREY = '#d4d4d4';
  const AMBER = '#b45309';
  const ACTION_BAND = '#fef3c7';
  const segments = (png: Buffer) => progressSegments(png, [accessibleAccent(brand), GREY, AMBER], 130);

  it('draws a problem state with its action band and the step it stopped at in amber', async () => {
    const lookup = await orderWith([
      {
        events: [
          { event_status: 'InTransit', event_timestamp: '2026-11-27T09:00:00+01:00' },
          {
            event_status: 'Exception',
            event_timestamp: '2026-11-28T09:00:00+01:00',
            exception_type: 'Customs',
            next_action: 'pay_duties',
          },
        ],
      },
    ]);
    const { res, body } = await widget({ ...lookup, lang: 'en' });
    expect(res.status).toBe(200);
    const b = accessibleAccent(brand);
    expect(segments(body)).toEqual([b, b, AMBER, GREY, GREY]);
    expect(pixelsOf(body, ACTION_BAND)).toBeGreaterThan(30_000);
  });

  it('draws a return as its own three steps, right to left in Arabic, without an action band', async () => {
    const lookup = await orderWith([
      { events: [{ event_status: 'Delivered', event_timestamp: '2026-11-25T12:00:00+01:00' }] },
      { is_return: true, events: [{ event_status: 'Return', event_timestamp: '2026-11-27T09:00:00+01:00' }] },
    ]);
    const b = accessibleAccent(brand);
    const en = await widget({ ...lookup, lang: 'en' });
    expect(segments(en.body)).toEqual([b, b, GREY]);
    expect(pixelsOf(en.body, ACTION_BAND)).toBe(0);
    const ar = await widget({ ...lookup, lang: 'ar' });
    expect(segments(ar.body)).toEqual([GREY, b, b]);
    const he = await widget({ ...lookup, lang: 'he' });
    expect(segments(he.body)).toEqual([GREY, b, b]);
  });

  it("gives email_html the image's own aspect and a text fallback in the email's language", async () => {
    const lookup = await orderWith([
      { events: [{ event_status: 'OutForDelivery', event_timestamp: '2026-11-28T08:00:00+01:00' }] },
    ]);
    const link = await call(`/v4/track/orders/link/?${new URLSearchParams({ ...lookup, lang: 'ar' })}`, {
      token: shop.read,
    });
    const html: string = link.body.email_html;
    const [, width, height] = /<img [^>]*width="(\d+)" height="(\d+)"/.exec(html)!;
    const image = PNG.sync.read(
      (await widget(Object.fromEntries(new URL(link.body.widget_url).searchParams))).body,
    );
    expect(Number(width) / Number(height)).toBe(image.width / image.height);
    expect(Number(width) * 2).toBe(image.width);
    expect(html).toContain('style="display:block;border:0;max-width:100%;height:auto"');
    expect(html).toMatch(
      /<p lang="ar" dir="rtl"[^>]*>[^<]*خرج للتوصيل[^<]*<br><a href="[^"]+">تتبّع طلبك<\/a><\/p>$/,
    );
  });

  it('renders an Arabic card', async () => {
    const { res, body } = await widget({ ...byTracking(), lang: 'ar' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('ar');
    expect(PNG.sync.read(body).width).toBe(1200);
  });

  it('fails like the info API, with the JSON envelope and the real status', async () => {
    const cases: Array<[Record<string, string>, Record<string, string>, number, string]> = [
      [{ external_order_id: 'nope', account: '1' }, {}, 400, 'invalid'],
      [{ order_number: 'X' }, {}, 400, 'lookup_required'],
      [byTracking(), { authorization: 'Bearer osp_wrong' }, 401, 'unauthorized'],
      [{ account: String(shop.id), order_number: order.order_number }, {}, 401, 'verification_required'],
      [{ tracking_number: 'NOPE', courier: 'dhl' }, {}, 404, 'not_found'],
    ];
    for (const [params, headers, status, code] of cases) {
      const { res, body } = await widget(params, headers);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(JSON.parse(body.toString()).errors[0].code).toBe(code);
    }
  });

  it('answers 429 once the identifier is locked out', async () => {
    const target = sampleOrder(uniqueTag());
    await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: target });
    const params = { account: String(shop.id), order_number: target.order_number };
    for (let i = 0; i < 5; i++)
      expect((await widget({ ...params, postal_code: `9999${i}` })).res.status).toBe(404);
    const { res } = await widget({ ...params, postal_code: '10557' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('tells whether a card came from the cache to the merchant only', async () => {
    const anonymous = [
      await widget({ ...byTracking(), lang: 'ar' }),
      await widget({ ...byTracking(), lang: 'ar' }),
    ];
    expect(anonymous.map(({ res }) => res.headers.get('x-widget-cache'))).toEqual([null, null]);
    const { res } = await widget({ ...byTracking(), lang: 'ar' }, { authorization: `Bearer ${shop.read}` });
    expect(res.headers.get('x-widget-cache')).toBe('hit');
  });
});
