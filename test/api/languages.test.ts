import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import {
  baseUrl,
  browserPage,
  call,
  newTenant,
  openDb,
  sampleOrder,
  skipReason,
  type Tenant,
  uniqueTag,
} from './context';

// Which language a page speaks: `lang`, else the shopper's choice in the switcher (a cookie), else
// the order's own, else the browser's Accept-Language, else English.

const get = browserPage;

const htmlLang = async (res: Response) => /<html lang="([^"]+)"/.exec(await res.text())?.[1];

describe.skipIf(skipReason !== '')('page language', () => {
  let db: Db;
  let shop: Tenant;
  const german = sampleOrder(uniqueTag());
  const unnamed = sampleOrder(uniqueTag(), { language_iso2: undefined });

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Languages');
    for (const order of [german, unnamed]) {
      expect(
        (await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status,
      ).toBe(201);
    }
  });
  afterAll(() => db.destroy());

  const track = (order: typeof german, extra: Record<string, string> = {}) =>
    `/track?${new URLSearchParams({ account: String(shop.id), order_number: order.order_number, ...extra })}`;

  it("follows the browser's language on a page without an order", async () => {
    expect(await htmlLang(await get('/', { 'accept-language': 'fa-IR, ar;q=0.9, de;q=0.8' }))).toBe('ar');
    expect(await htmlLang(await get('/', { 'accept-language': 'zh-HK, en;q=0.5' }))).toBe('zh-TW');
    expect(await htmlLang(await get('/', { 'accept-language': 'xx, *;q=0.5' }))).toBe('en');
    expect(await htmlLang(await get('/?lang=de', { 'accept-language': 'ar' }))).toBe('de');
    // The headers the proxy hands the language on with are its own: a client's are replaced.
    expect(await htmlLang(await get('/', { 'x-portal-lang': 'ar', 'x-portal-accept-lang': 'ar' }))).toBe(
      'en',
    );
  });

  // A postal code unlocks the order: the page sends the shopper on to a signed link in the
  // language it chose for the order (and without the code).
  const unlock = async (order: typeof german, headers: Record<string, string> = {}) => {
    const res = await get(track(order, { postal_code: '10557' }), headers);
    expect([303, 307]).toContain(res.status);
    return new URL(res.headers.get('location')!, baseUrl);
  };

  it("puts the order's own language above the browser's, and the browser's above English", async () => {
    expect((await unlock(german, { 'accept-language': 'ar' })).searchParams.get('lang')).toBe('de');
    expect((await unlock(unnamed, { 'accept-language': 'xx, ar;q=0.9' })).searchParams.get('lang')).toBe(
      'ar',
    );
    expect((await unlock(unnamed)).searchParams.get('lang')).toBe('en');
  });

  it('remembers the language chosen in the switcher, above the order’s and the browser’s', async () => {
    const back = track(german);
    const chose = await get(`/language?${new URLSearchParams({ lang: 'ar', back })}`);
    expect(chose.status).toBe(303);
    expect(chose.headers.get('location')).toBe(`${back}&lang=ar`);
    const cookie = chose.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lang=ar;.*Path=\/;.*Max-Age=31536000;.*SameSite=Lax;.*HttpOnly/i);
    const asShopper = { cookie: 'lang=ar', 'accept-language': 'de' };
    expect((await unlock(german, asShopper)).searchParams.get('lang')).toBe('ar');
    expect(await htmlLang(await get('/', asShopper))).toBe('ar');
    // The signed link without its `lang` opens in the chosen language; with one (a link from an
    // email) in that one.
    const link = await unlock(german);
    const page = (lang?: string) => {
      if (lang) link.searchParams.set('lang', lang);
      else link.searchParams.delete('lang');
      return get(`${link.pathname}${link.search}`, asShopper);
    };
    const chosen = await page();
    expect(chosen.status).toBe(200);
    expect(await htmlLang(chosen)).toBe('ar');
    expect(await htmlLang(await page('en'))).toBe('en');
    // A cookie naming no language the portal has is ignored.
    expect(
      (await unlock(german, { cookie: 'lang=xx', 'accept-language': 'ar' })).searchParams.get('lang'),
    ).toBe('de');
  });

  it('sends the switcher nowhere but this site, and only for a language it has', async () => {
    for (const back of ['//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
      const res = await call(`/language?${new URLSearchParams({ lang: 'de', back })}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].attr).toBe('back');
    }
    const normalized = await get(
      `/language?${new URLSearchParams({ lang: 'de', back: '/.//evil.example/x' })}`,
    );
    expect(normalized.headers.get('location')).toMatch(/^\/(?![/\\])/);
    const unknown = await call('/language?lang=xx&back=/');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].attr).toBe('lang');
    expect((await get('/language?lang=de')).headers.get('location')).toBe('/?lang=de');
  });

  it("offers the carrier's words behind a disclosure on a page in another language, ours first", async () => {
    const order = sampleOrder(uniqueTag());
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    const event = (details: string, language?: string) => ({
      courier: 'dhl',
      tracking_number: order.trackings[0]!.tracking_number,
      event_status: 'InTransit',
      event_timestamp: '2026-11-30T10:00:00+01:00',
      event_details: details,
      ...(language ? { event_details_language: language } : {}),
    });
    const post = (body: unknown) => call('/v4/track/events/', { method: 'POST', token: shop.write, body });
    expect((await post(event('The parcel was sorted in Leipzig.', 'en'))).status).toBe(202);
    const bad = await post(event('x', 'english!'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].attr).toBe('event_details_language');

    const html = async (lang: string) => {
      const link = await unlock(order);
      link.searchParams.set('lang', lang);
      return (await get(`${link.pathname}${link.search}`)).text();
    };
    const german = await html('de');
    // Our own words for the status, the carrier's in English on demand, marked as English.
    expect(german).toContain('Ihr Paket ist auf dem Weg zu Ihnen.');
    expect(german).toMatch(
      /<summary[^>]*>Im Wortlaut des Paketdienstes<\/summary><p lang="en" dir="auto">The parcel was sorted in Leipzig\.<\/p>/,
    );
    const english = await html('en');
    expect(english).toMatch(/<p lang="en" dir="auto"[^>]*>The parcel was sorted in Leipzig\.<\/p>/);
    expect(english).not.toContain('original text');
  });
});
