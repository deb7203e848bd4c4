import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibleAccent } from '@/lib/branding/colors';
import { getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { HTML_PAGE, pngLogo, SAFE_SVG } from '@/test/support/logos';
import {
  baseUrl,
  call,
  freshIp,
  newTenant,
  openDb,
  sampleOrder,
  signedInStaff,
  skipReason,
  type Tenant,
  uniqueTag,
  staffPage,
} from './context';
import { pixelsOf } from '../support/pixels';

const PAGE = '/staff/settings/branding';

// The branding editor: an admin's save shows at once on the tracking page and the widget; agents
// and other accounts' admins can neither change nor preview a brand that is not theirs.
describe.skipIf(skipReason !== '')('staff branding editor', () => {
  let db: Db;
  let shop: Tenant;
  let other: Tenant;
  let admin: string;
  let agent: string;
  let otherAdmin: string;
  const northKey = `north-${uniqueTag()}`;
  const southKey = `south-${uniqueTag()}`;
  const own = sampleOrder(uniqueTag(), { client_key: northKey });
  const foreign = sampleOrder(uniqueTag(), { client_key: southKey });
  const byTracking = (order = own) => ({
    tracking_number: order.trackings[0]!.tracking_number,
    courier: 'dhl',
    lang: 'en',
  });

  const get = (path: string, cookie = admin) => staffPage(path, cookie);
  const track = async (order = own) =>
    (await get(`/track?${new URLSearchParams(byTracking(order))}`, '')).text();
  const widget = async (order = own) => {
    const res = await get(`/v4/track/orders/info-widget/?${new URLSearchParams(byTracking(order))}`, '');
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  /** The form's hidden fields that name the server action, as the page renders them for an admin. */
  async function actionFields(): Promise<Array<[string, string]>> {
    const html = await (await get(`${PAGE}?lang=en`)).text();
    const fields = [
      ...html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g),
    ].map((m): [string, string] => [m[1]!, (m[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')]);
    expect(fields.length).toBeGreaterThan(0);
    return fields;
  }

  /** Posts the editor's form as a browser without JavaScript would; answers the redirect's target. */
  async function save(
    cookie: string,
    values: Record<string, string>,
    logo?: { bytes: Buffer; name: string },
  ) {
    const form = new FormData();
    for (const [name, value] of await actionFields()) form.append(name, value);
    for (const [name, value] of Object.entries(values)) form.append(name, value);
    if (logo) form.append('logo', new Blob([new Uint8Array(logo.bytes)]), logo.name);
    const res = await fetch(`${baseUrl}${PAGE}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'x-forwarded-for': freshIp(), cookie, origin: baseUrl },
      body: form,
    });
    return { status: res.status, location: res.headers.get('location') ?? '' };
  }

  const audit = (accountId: number) =>
    db
      .selectFrom('audit_log')
      .select(['action', 'target', 'detail'])
      .where('account_id', '=', accountId)
      .execute();

  beforeAll(async () => {
    db = openDb();
    [shop, other] = await Promise.all([newTenant(db, 'Branding shop'), newTenant(db, 'Other brand shop')]);
    for (const [tenant, body] of [
      [shop, own],
      [other, foreign],
    ] as const) {
      expect((await call('/v4/track/orders/', { method: 'PUT', token: tenant.write, body })).status).toBe(
        201,
      );
    }
    [admin, agent, otherAdmin] = await Promise.all([
      signedInStaff(db, shop.id, 'admin'),
      signedInStaff(db, shop.id, 'agent'),
      signedInStaff(db, other.id, 'admin'),
    ]);
  });
  afterAll(() => db.destroy());

  it('saves name and colour, and the tracking page and the widget show them at once', async () => {
    const color = '#7a1f5c';
    // Seen once before the save, so the brand is in this instance's cache.
    expect(await track()).not.toContain('Saved Brand North');
    expect(pixelsOf(await widget(), accessibleAccent(color))).toBe(0);
    const saved = await save(admin, {
      client_key: northKey,
      name: 'Saved Brand North',
      primary_color: color,
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toContain('saved=1');
    const page = await track();
    expect(page).toContain('Saved Brand North');
    expect(page).toContain(`--brand:${accessibleAccent(color)}`);
    expect(pixelsOf(await widget(), accessibleAccent(color))).toBeGreaterThan(20_000);
    // Only that shop's brand changed; the account's own stays.
    expect((await getAccount(db, shop.id))!.brand_name).not.toBe('Saved Brand North');
    expect(await audit(shop.id)).toContainEqual({
      action: 'branding.update',
      target: northKey,
      detail: JSON.stringify({ name: 'Saved Brand North', primary_color: color }),
    });
  });

  it('stores a logo in the database and serves it with a long cache and nosniff; the page and widget show it', async () => {
    const logo = pngLogo([200, 30, 30], 60, 30);
    const before = await widget();
    const saved = await save(admin, { client_key: northKey }, { bytes: logo, name: 'logo.png' });
    expect(saved.location).toContain('saved=1');
    const entry = (await audit(shop.id)).find((e) => e.action === 'branding.logo')!;
    const { sha256 } = JSON.parse(entry.detail!) as { sha256: string };
    const path = `/brand/logo/${sha256}.png`;
    expect(await track()).toContain(`src="${path}"`);
    const res = await get(path, '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await res.arrayBuffer()).equals(logo)).toBe(true);
    // The widget draws the logo (its red) in place of the name.
    const after = await widget();
    expect(pixelsOf(before, '#c81e1e')).toBe(0);
    expect(pixelsOf(after, '#c81e1e')).toBeGreaterThan(1000);
    // Another extension, or a hash that is not stored, is no logo.
    expect((await get(`/brand/logo/${sha256}.svg`, '')).status).toBe(404);
    expect((await get(`/brand/logo/${'0'.repeat(64)}.png`, '')).status).toBe(404);
    expect((await get('/brand/logo/..%2F..%2Fetc%2Fpasswd', '')).status).toBe(404);
  });

  it('serves an SVG logo in a sandbox', async () => {
    const saved = await save(admin, {}, { bytes: Buffer.from(SAFE_SVG), name: 'logo.svg' });
    expect(saved.location).toContain('saved=1');
    const { logoUrl } = { logoUrl: (await getAccount(db, shop.id))!.brand_logo_url! };
    expect(logoUrl).toMatch(/^\/brand\/logo\/[0-9a-f]{64}\.svg$/);
    const res = await get(logoUrl, '');
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('still draws the widget when its logo cannot be decoded', async () => {
    // A PNG signature and header, then noise: accepted by the check, but no picture.
    const corrupt = Buffer.concat([pngLogo().subarray(0, 33), Buffer.alloc(200, 7)]);
    expect((await save(admin, {}, { bytes: corrupt, name: 'broken.png' })).location).toContain('saved=1');
    const res = await get('/staff/branding-preview/widget?lang=en');
    expect(res.status).toBe(200);
    expect(PNG.sync.read(Buffer.from(await res.arrayBuffer())).width).toBe(1200);
  });

  it('refuses an HTML file named .png and an SVG with a script, saving nothing of the form', async () => {
    const entries = (await audit(shop.id)).length;
    const html = await save(
      admin,
      { name: 'Not saved' },
      { bytes: Buffer.from(HTML_PAGE), name: 'logo.png' },
    );
    expect(html.status).toBe(303);
    expect(html.location).toContain('error=logoType');
    const script = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(
      (await save(admin, { name: 'Not saved' }, { bytes: script, name: 'logo.svg' })).location,
    ).toContain('error=logoUnsafeSvg');
    const large = Buffer.concat([pngLogo(), Buffer.alloc(600 * 1024)]);
    expect((await save(admin, { name: 'Not saved' }, { bytes: large, name: 'logo.png' })).location).toContain(
      'error=logoTooLarge',
    );
    const huge = await save(
      admin,
      { name: 'Not saved' },
      { bytes: Buffer.alloc(3 * 1024 * 1024), name: 'x.png' },
    );
    // Beyond what Next takes in a server action, and still a clear answer, not a 500.
    expect(huge).toEqual({ status: 303, location: expect.stringContaining('error=logoTooLarge') });
    const page = await (await get(`${PAGE}?lang=en&error=logoUnsafeSvg`)).text();
    expect(page).toContain('The SVG logo contains something that is not allowed');
    expect((await getAccount(db, shop.id))!.brand_name).not.toBe('Not saved');
    expect((await audit(shop.id)).length).toBe(entries);
  });

  it('saves the contact for shoppers, validated', async () => {
    const bad = await save(admin, { support_email: 'not an email', support_phone: '+49 30 1234567' });
    expect(bad.location).toContain('error=support_email');
    expect((await save(admin, { support_phone: '030 1234' })).location).toContain('error=support_phone');
    expect((await save(admin, { help_url: 'javascript:alert(1)' })).location).toContain('error=help_url');
    expect((await save(admin, { website_url: 'http://example.com' })).location).toContain(
      'error=website_url',
    );
    const ok = await save(admin, {
      support_email: 'help@example.com',
      support_phone: '+49 30 1234567',
      help_url: 'https://example.com/help',
      website_url: 'https://example.com',
    });
    expect(ok.location).toContain('saved=1');
    const account = (await getAccount(db, shop.id))!;
    expect([account.support_email, account.support_phone, account.help_url, account.website_url]).toEqual([
      'help@example.com',
      '+49 30 1234567',
      'https://example.com/help',
      'https://example.com',
    ]);
    expect((await audit(shop.id)).some((e) => e.action === 'contact.update' && e.target === null)).toBe(true);
  });

  it('previews unsaved values for the admin only', async () => {
    const query = new URLSearchParams({ name: 'Unsaved Preview', primary_color: '#0b6e4f', lang: 'en' });
    const page = await get(`/staff/branding-preview?${query}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const html = await page.text();
    expect(html).toContain('Unsaved Preview');
    expect(html).toContain(`--brand:${accessibleAccent('#0b6e4f')}`);
    const png = await get(`/staff/branding-preview/widget?${query}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('cache-control')).toBe('private, no-store');
    expect(pixelsOf(Buffer.from(await png.arrayBuffer()), accessibleAccent('#0b6e4f'))).toBeGreaterThan(
      20_000,
    );
    // Nothing was saved.
    expect((await getAccount(db, shop.id))!.brand_name).not.toBe('Unsaved Preview');
  });

  it('refuses an agent the page, the previews and the action', async () => {
    expect((await get(`${PAGE}?lang=en`, agent)).status).toBe(403);
    expect((await get('/staff/branding-preview?name=x', agent)).status).toBe(403);
    expect((await get('/staff/branding-preview/widget?name=x', agent)).status).toBe(403);
    expect((await get('/staff/branding-preview/widget?name=x', '')).status).toBe(401);
    const entries = (await audit(shop.id)).length;
    const attempt = await save(agent, { name: 'Agent Brand' });
    // forbidden() inside a no-JavaScript action post answers Next's access-denied page, not a redirect.
    expect([403, 404]).toContain(attempt.status);
    expect((await getAccount(db, shop.id))!.brand_name).not.toBe('Agent Brand');
    expect((await audit(shop.id)).length).toBe(entries);
  });

  it("keeps an admin of one account away from another's brand, previews and logo", async () => {
    const theirs = pngLogo([20, 20, 180]);
    expect(
      (await save(otherAdmin, { name: 'Their Brand' }, { bytes: theirs, name: 'l.png' })).location,
    ).toContain('saved=1');
    const theirUrl = (await getAccount(db, other.id))!.brand_logo_url!;
    const before = await getAccount(db, other.id);

    // Their client key, in the form, the page and the previews: as if it did not exist.
    const foreignKey = await save(admin, { client_key: southKey, name: 'Hijacked' });
    expect(foreignKey.location).toContain('error=client_key');
    expect((await get(`${PAGE}?client_key=${southKey}`)).status).toBe(404);
    expect((await get(`/staff/branding-preview?client_key=${southKey}`)).status).toBe(404);
    expect((await get(`/staff/branding-preview/widget?client_key=${southKey}`)).status).toBe(404);
    // An account field in the form is no way in: the session's account is the only one.
    expect(
      (await save(admin, { account: String(other.id), account_id: String(other.id), name: 'Own Again' }))
        .location,
    ).toContain('saved=1');
    expect((await getAccount(db, shop.id))!.brand_name).toBe('Own Again');
    // The same logo bytes uploaded, then replaced, by this account: theirs stays stored and served.
    await save(admin, { name: 'Own Again' }, { bytes: theirs, name: 'same.png' });
    await save(admin, { name: 'Own Again' }, { bytes: pngLogo([1, 2, 3]), name: 'new.png' });
    expect(await getAccount(db, other.id)).toEqual(before);
    expect(await track(foreign)).toContain('Their Brand');
    expect(await track(foreign)).not.toContain('Hijacked');
    const served = await get(theirUrl, '');
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(theirs)).toBe(true);
  });
});
