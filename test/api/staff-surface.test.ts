import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { callStateServerAction, serverActionId, serverActionNames } from '../support/server-actions';
import {
  baseUrl,
  call,
  freshIp,
  newTenant,
  openDb,
  orderIdOf,
  sampleOrder,
  signedInStaff,
  skipReason,
  type Tenant,
  uniqueTag,
  staffPage,
} from './context';

// The whole staff surface, found rather than listed: every page and route under app/staff and
// every server action in the build must be classed below, so a new one cannot arrive unchecked.
// Each is then called signed out, by an agent and by another account's admin.

type Access = 'public' | 'staff' | 'admin';

/** Who may use a page or route, by its URL (route groups dropped, `[id]` as written). */
function pageAccess(path: string): Access | undefined {
  if (['/staff/sign-in', '/staff/sign-in/two-factor'].includes(path)) return 'public';
  if (path.startsWith('/staff/settings') || path.startsWith('/staff/branding-preview')) return 'admin';
  if (['/staff', '/staff/watchlist', '/staff/orders/[id]', '/staff/change-password'].includes(path))
    return 'staff';
  return undefined;
}

/** Who may call a server action, by `file#export`. */
function actionAccess(name: string): Access | undefined {
  const [file, exported] = name.split('#') as [string, string];
  if (file === 'app/staff/actions.ts') {
    // Signing in needs no session; the rest act on the caller's own session.
    return ['signInAction', 'verifyTwoFactorAction', 'signOutAction'].includes(exported) ? 'public' : 'staff';
  }
  if (file.startsWith('app/staff/(portal)/settings/')) return 'admin';
  if (file.startsWith('app/staff/(portal)/')) return 'staff';
  return undefined;
}

function staffPaths(): string[] {
  const root = join(process.cwd(), 'app/staff');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'page.tsx' || entry.name === 'route.ts') {
        const segments = relative(root, dir)
          .split(sep)
          .filter((s) => s !== '' && !/^\(.*\)$/.test(s));
        found.push(['/staff', ...segments].join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

describe.skipIf(skipReason !== '')('the staff surface', () => {
  let db: Db;
  let shop: Tenant;
  let other: Tenant;
  let orderId: number;
  let agent: string;
  let otherAdmin: string;
  const order = sampleOrder(uniqueTag());

  const get = staffPage;
  // As React posts an action, with two arguments that both refer to the (empty) form: a previous
  // state of '$K1' fits both kinds here, `(form)` and `(previousState, form)`. A refusal must come
  // before either is read.
  const act = (name: string, cookie?: string) => {
    const [file, exported] = name.split('#') as [string, string];
    return callStateServerAction(
      baseUrl,
      '/staff',
      serverActionId(file, exported),
      '$K1',
      {},
      {
        'x-forwarded-for': freshIp(),
        ...(cookie ? { cookie } : {}),
      },
    );
  };
  const fingerprint = async (accountId: number) => ({
    audit: await db.selectFrom('audit_log').select('id').where('account_id', '=', accountId).execute(),
    account: await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst(),
    tokens: await db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).execute(),
    staff: await db.selectFrom('staff_members').selectAll().where('account_id', '=', accountId).execute(),
  });

  beforeAll(async () => {
    db = openDb();
    [shop, other] = await Promise.all([newTenant(db, 'Surface shop'), newTenant(db, 'Surface other')]);
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    orderId = await orderIdOf(db, shop.id, order.order_number);
    [agent, otherAdmin] = await Promise.all([
      signedInStaff(db, shop.id, 'agent'),
      signedInStaff(db, other.id, 'admin'),
    ]);
  });
  afterAll(() => db.destroy());

  it('classes every staff page, route and server action', () => {
    const paths = staffPaths();
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !pageAccess(p))).toEqual([]);
    const actions = serverActionNames().filter((n) => n.startsWith('app/staff/'));
    expect(actions.length).toBeGreaterThan(8);
    expect(actions.filter((n) => !actionAccess(n))).toEqual([]);
  });

  it('sends a visitor without a session to sign in from every page but sign-in, and agents get 403 on admin pages', async () => {
    for (const path of staffPaths()) {
      const url = path.replace('[id]', String(orderId));
      const access = pageAccess(path)!;
      const signedOut = await get(url);
      if (access === 'public') {
        expect(signedOut.status, url).toBeLessThan(400);
        continue;
      }
      expect(signedOut.status, url).toBeGreaterThanOrEqual(300);
      expect(signedOut.status, url).toBeLessThan(500);
      if (signedOut.status < 400) expect(signedOut.headers.get('location'), url).toContain('/staff/sign-in');
      const asAgent = await get(url, agent);
      expect(asAgent.status, `${url} as agent`).toBe(access === 'admin' ? 403 : 200);
    }
  });

  it("shows another account's admin no order of this account", async () => {
    expect((await get(`/staff/orders/${orderId}`, otherAdmin)).status).toBe(404);
  });

  it('refuses every action to a visitor without a session, and every admin action to an agent, before reading the form', async () => {
    const before = await fingerprint(shop.id);
    for (const name of serverActionNames().filter((n) => n.startsWith('app/staff/'))) {
      const access = actionAccess(name)!;
      if (access === 'public') continue;
      const signedOut = await act(name);
      expect(signedOut.status, `${name} signed out`).toBeLessThan(500);
      expect(signedOut.headers.get('x-action-redirect') ?? '', `${name} signed out`).toContain(
        '/staff/sign-in',
      );
      if (access !== 'admin') continue;
      const asAgent = await act(name, agent);
      // React's answer carries the refusal, which the browser shows as the 403 page; the HTTP
      // status is Next's choice (403 when posted from the action's own page, else 200).
      expect(asAgent.status, `${name} as agent`).toBeLessThan(500);
      expect(await asAgent.text(), `${name} as agent`).toContain('NEXT_HTTP_ERROR_FALLBACK;403');
    }
    expect(await fingerprint(shop.id)).toEqual(before);
  });
});
