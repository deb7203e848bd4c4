import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAuth, createStaffLockout, type StaffAuth } from '@/lib/access/staff-auth';
import { setBranding } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { getInstanceSecret } from '@/lib/db/staff';
import { createStaffUser } from '@/lib/staff/users';
import { baseUrl, freshIp, newTenant, openDb, skipReason } from './context';

// Staff sign-in and the portal's gates, over HTTP against the running server. Users are made with
// the same function as the CLI, on the server's database.
describe.skipIf(skipReason !== '')('staff sign-in and the staff portal', () => {
  let db: Db;
  let auth: StaffAuth;
  let shopName: string;
  let agent: { email: string; password: string };
  let admin: { email: string; password: string };
  let fresh: { email: string; password: string };
  const tag = randomUUID().slice(0, 8);

  async function makeUser(account: number, role: 'admin' | 'agent', password?: string) {
    const email = `${role}.${randomUUID().slice(0, 8)}@example.com`;
    const created = await createStaffUser(db, auth, { account, email, role, password });
    return { email, password: password ?? created.oneTimePassword! };
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': freshIp(),
        origin: baseUrl,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const signIn = (email: string, password: string) => post('/api/auth/sign-in/email', { email, password });
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  const page = (path: string, cookie?: string) =>
    fetch(`${baseUrl}${path}`, {
      redirect: 'manual',
      headers: { 'x-forwarded-for': freshIp(), ...(cookie ? { cookie } : {}) },
    });

  beforeAll(async () => {
    db = openDb();
    auth = createStaffAuth(db, {
      secret: await getInstanceSecret(db, 'staff_auth'),
      lockout: createStaffLockout({ maxFailures: 5, minutes: 15 }),
    });
    const shop = await newTenant(db, 'Staff shop');
    shopName = `Staff Shop ${tag}`;
    await setBranding(db, shop.id, { name: shopName, primary_color: '#0f5c4d' });
    agent = await makeUser(shop.id, 'agent', `agent password ${tag}`);
    admin = await makeUser(shop.id, 'admin', `admin password ${tag}`);
    fresh = await makeUser(shop.id, 'agent');
  });
  afterAll(() => db.destroy());

  it('a wrong password and an unknown email get the same 401', async () => {
    const wrong = await signIn(agent.email, 'not the password at all');
    const unknown = await signIn(`nobody.${tag}@example.com`, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('locks an email after 5 failed sign-ins, from any address, for a right password too', async () => {
    const user = await makeUser((await newTenant(db)).id, 'agent', `locked password ${tag}`);
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong ${i} password`)).status).toBe(401);
    const locked = await signIn(user.email, user.password);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'SIGN_IN_LOCKED' });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.headers.getSetCookie()).toEqual([]);
    // The sign-in page says for how long, in minutes.
    const html = await (await page('/staff/sign-in?error=locked&minutes=15&lang=en')).text();
    expect(html).toContain('Try again in 15 minutes.');
  });

  it('a right password sets an HttpOnly session cookie that the session endpoint knows', async () => {
    const res = await signIn(agent.email, agent.password);
    expect(res.status).toBe(200);
    // __Secure- in production, where browsers take it over https and on localhost.
    const setCookie = res.headers
      .getSetCookie()
      .find((c) => /^(__Secure-)?portal-staff\.session_token=/.test(c));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const session = await fetch(`${baseUrl}/api/auth/get-session`, { headers: { cookie: cookieOf(res) } });
    expect((await session.json()).user.email).toBe(agent.email);
  });

  it('nobody signs up', async () => {
    const email = `signup.${tag}@example.com`;
    const res = await post('/api/auth/sign-up/email', {
      email,
      password: 'a long enough password',
      name: 'X',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(
      await db.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirst(),
    ).toBe(undefined);
  });

  it('/staff sends a signed-out visitor to the sign-in page', async () => {
    for (const path of ['/staff', '/staff/watchlist', '/staff/settings', '/staff/change-password']) {
      const res = await page(path);
      expect(res.status, path).toBe(307);
      expect(new URL(res.headers.get('location')!, baseUrl).pathname, path).toBe('/staff/sign-in');
    }
    // A cookie that names no session is no better.
    const forged = await page('/staff', 'portal-staff.session_token=forged.value');
    expect(forged.status).toBe(307);
  });

  it('the sign-in page answers, with a form that names its fields', async () => {
    const res = await page('/staff/sign-in');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="email"');
    expect(html).toContain('name="password"');
    expect(html).not.toContain('Try again in');
  });

  it('an agent sees the branded portal but gets 403 on admin pages; an admin gets them', async () => {
    const agentCookie = cookieOf(await signIn(agent.email, agent.password));
    const home = await page('/staff?lang=en', agentCookie);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain(shopName);
    expect(html).toContain('Order or tracking number, email, customer number or reference');
    expect(html).toContain('href="/staff/watchlist"');
    expect(html).not.toContain('href="/staff/settings"');

    for (const path of ['/staff/settings', '/staff/settings/two-factor']) {
      const forbidden = await page(`${path}?lang=en`, agentCookie);
      expect(forbidden.status, path).toBe(403);
      expect(await forbidden.text()).toContain('Admins only');
    }

    const adminCookie = cookieOf(await signIn(admin.email, admin.password));
    const settings = await page('/staff/settings?lang=en', adminCookie);
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain('href="/staff/settings"');
  });

  it('a user with a one-time password is sent to change it before anything else', async () => {
    const res = await signIn(fresh.email, fresh.password);
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    const home = await page('/staff', cookie);
    expect(home.status).toBe(307);
    expect(new URL(home.headers.get('location')!, baseUrl).pathname).toBe('/staff/change-password');
    expect((await page('/staff/change-password', cookie)).status).toBe(200);
  });

  it('signing out ends the session', async () => {
    const cookie = cookieOf(await signIn(agent.email, agent.password));
    expect((await page('/staff', cookie)).status).toBe(200);
    const out = await post('/api/auth/sign-out', {}, { cookie });
    expect(out.status).toBe(200);
    expect((await page('/staff', cookie)).status).toBe(307);
  });
});
