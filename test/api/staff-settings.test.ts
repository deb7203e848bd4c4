import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLink } from '@/lib/access/signature';
import type { Db } from '@/lib/db/client';
import { getAccount } from '@/lib/db/accounts';
import { getStaffMember } from '@/lib/db/staff';
import { recordAudit } from '@/lib/staff/audit';
import {
  baseUrl,
  call,
  freshIp,
  info,
  newTenant,
  openDb,
  sampleOrder,
  signedInStaff,
  skipReason,
  type Tenant,
  uniqueTag,
  staffPage,
} from './context';
import { callStateServerAction, postServerAction, serverActionId } from '../support/server-actions';

// The admin settings over HTTP: the pages, and each server action called as a browser calls it
// and as a crafted request would — by another account's admin, by an agent, signed out.

const SETTINGS_PAGES = [
  '/staff/settings',
  '/staff/settings/tokens',
  '/staff/settings/access',
  '/staff/settings/users',
  '/staff/settings/audit',
  '/staff/settings/two-factor',
];

const actionId = (name: string) => serverActionId('app/staff/(portal)/settings/actions.ts', name);

type Fields = Record<string, string | readonly string[]>;

/** A form posted without JavaScript, as `<form action={…}>` does: the action answers a redirect. */
async function postForm(cookie: string | null, path: string, action: string, fields: Record<string, string>) {
  const res = await postServerAction(baseUrl, path, actionId(action), fields, {
    'x-forwarded-for': freshIp(),
    ...(cookie ? { cookie } : {}),
  });
  return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() };
}

/** A form that answers with a secret (`useActionState`), posted as React posts it. */
async function callStateAction(cookie: string | null, path: string, action: string, fields: Fields) {
  const res = await callStateServerAction(baseUrl, path, actionId(action), { status: 'idle' }, fields, {
    'x-forwarded-for': freshIp(),
    ...(cookie ? { cookie } : {}),
  });
  return { status: res.status, redirect: res.headers.get('x-action-redirect') ?? '', text: await res.text() };
}

describe.skipIf(skipReason !== '')('staff admin settings', () => {
  let db: Db;
  let shop: Tenant;
  let other: Tenant;
  let admin: string;
  let otherAdmin: string;
  let agent: string;
  const order = sampleOrder(uniqueTag());

  const page = staffPage;
  const html = async (path: string, cookie: string) => {
    const res = await page(path, cookie);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const tokensOf = (accountId: number) =>
    db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  const membersOf = (accountId: number) =>
    db
      .selectFrom('staff_members')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('user_id')
      .execute();
  const auditOf = (accountId: number) =>
    db.selectFrom('audit_log').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  const userIdOf = async (cookie: string) => {
    const res = await fetch(`${baseUrl}/api/auth/get-session`, { headers: { cookie, origin: baseUrl } });
    return ((await res.json()) as { user: { id: string } }).user.id;
  };

  beforeAll(async () => {
    db = openDb();
    [shop, other] = await Promise.all([newTenant(db, 'Settings shop'), newTenant(db, 'Other settings shop')]);
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    admin = await signedInStaff(db, shop.id, 'admin');
    otherAdmin = await signedInStaff(db, other.id, 'admin');
    agent = await signedInStaff(db, shop.id, 'agent');
  });
  afterAll(() => db.destroy());

  it('every settings page answers an admin, in the settings navigation', async () => {
    for (const path of SETTINGS_PAGES) {
      const body = await html(`${path}?lang=en`, admin);
      expect(body).toContain('aria-label="Settings"');
      expect(body).toContain('href="/staff/settings/branding"');
    }
  });

  it('a token created in settings works on the API, is shown once, and is refused at once after revoking', async () => {
    const created = await callStateAction(admin, '/staff/settings/tokens', 'createTokenAction', {
      name: 'Helpdesk',
      scopes: ['read'],
    });
    expect(created.status).toBe(200);
    const token = /osp_[\w-]{43}/.exec(created.text)?.[0];
    expect(token).toBeDefined();
    const lookup = { account: shop.id, order_number: order.order_number };
    const read = await info(lookup, { token });
    expect([read.status, read.body.recipient_name]).toEqual([200, 'Erika Mustermann']);

    const row = (await tokensOf(shop.id)).find((t) => t.name === 'Helpdesk')!;
    const list = await html('/staff/settings/tokens?lang=en', admin);
    expect(list).toContain(row.token_prefix);
    expect(list).not.toContain(token);
    const audit = await html('/staff/settings/audit?lang=en', admin);
    expect(audit).toContain('Created an API token “Helpdesk” with scopes read');
    expect(audit).not.toContain(token);

    const revoked = await postForm(admin, '/staff/settings/tokens', 'revokeTokenAction', {
      id: String(row.id),
    });
    expect([revoked.status, revoked.location]).toEqual([303, '/staff/settings/tokens?notice=revoked']);
    expect((await info(lookup, { token })).status).toBe(401);
    expect(await html('/staff/settings/audit?lang=en', admin)).toContain('Revoked the API token “Helpdesk”');
  });

  it('refuses a bad token form with a message, creating nothing', async () => {
    const before = (await tokensOf(shop.id)).length;
    const bad: Fields[] = [{ name: '', scopes: ['read'] }, { name: 'x', scopes: ['root'] }, { name: 'x' }];
    for (const fields of bad) {
      const res = await callStateAction(admin, '/staff/settings/tokens', 'createTokenAction', fields);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Give the token a name');
    }
    expect((await tokensOf(shop.id)).length).toBe(before);
  });

  it('a link signed before the secret is rotated still opens the order, on the page and the API', async () => {
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const s = signLink(
      shop.linkSecret,
      { account: shop.id, lookup: 'order_number', value: order.order_number },
      expires,
    );
    const rotated = await callStateAction(admin, '/staff/settings/access', 'rotateLinkSecretAction', {});
    expect(rotated.status).toBe(200);
    const account = (await getAccount(db, shop.id))!;
    expect(account.link_secret).not.toBe(shop.linkSecret);
    expect(account.link_secret_previous).toBe(shop.linkSecret);
    expect(rotated.text).toContain(account.link_secret);

    const lookup = { account: shop.id, order_number: order.order_number, s };
    const api = await info(lookup);
    expect([api.status, api.headers.get('x-access-level')]).toEqual([200, 'full']);
    const track = await fetch(
      `${baseUrl}/track?${new URLSearchParams({ ...lookup, account: String(shop.id), lang: 'en' })}`,
      {
        headers: { 'x-forwarded-for': freshIp() },
      },
    );
    expect(track.status).toBe(200);
    expect(await track.text()).toContain(`>Order ${order.order_number}</h1>`);
    expect(await html('/staff/settings/audit?lang=en', admin)).toContain('Rotated the link secret');
    const accessPage = await html('/staff/settings/access?lang=en', admin);
    expect(accessPage).not.toContain(account.link_secret);
    expect(accessPage).toContain('A previous secret is still accepted');
  });

  it('saves the access policy, which the API applies at once, and refuses an incoherent one', async () => {
    const fields = (trackingNoProof: string, trackingWithProof = 'full') => ({
      'tracking_number.no_proof': trackingNoProof,
      'tracking_number.with_proof': trackingWithProof,
      'tracking_id.no_proof': 'limited',
      'tracking_id.with_proof': 'full',
      'external_order_id.no_proof': 'limited',
      'external_order_id.with_proof': 'full',
      'order_number.no_proof': 'verify',
      'order_number.with_proof': 'full',
      'external_reference.no_proof': 'verify',
      'external_reference.with_proof': 'verify',
      'customer_number.no_proof': 'verify',
      'customer_number.with_proof': 'verify',
      'recipient_email.no_proof': 'verify',
      'recipient_email.with_proof': 'verify',
    });
    const lookup = { account: shop.id, tracking_number: order.trackings[0]!.tracking_number, courier: 'dhl' };
    expect((await info(lookup)).status).toBe(200);
    const bad = await postForm(
      admin,
      '/staff/settings/access',
      'updateAccessPolicyAction',
      fields('limited', 'verify'),
    );
    expect(bad.location).toBe('/staff/settings/access?error=invalid');
    const saved = await postForm(
      admin,
      '/staff/settings/access',
      'updateAccessPolicyAction',
      fields('verify'),
    );
    expect(saved.location).toBe('/staff/settings/access?notice=policy_saved');
    try {
      expect((await info(lookup)).status).toBe(401);
      const pageHtml = await html('/staff/settings/access?lang=en&notice=policy_saved', admin);
      expect(pageHtml).toContain('The access policy was saved');
      expect(pageHtml).toContain('Some lookups differ from the defaults.');
      expect(await html('/staff/settings/audit?lang=en', admin)).toContain(
        'Changed what these lookups show: Tracking number and courier',
      );
    } finally {
      await postForm(admin, '/staff/settings/access', 'updateAccessPolicyAction', fields('limited'));
    }
    expect((await getAccount(db, shop.id))!.access_policy).toBeNull();
  });

  it('invites a colleague with a one-time password shown once, changes the role, removes them with their sessions', async () => {
    const email = `invited.${uniqueTag().toLowerCase()}@example.com`;
    const invited = await callStateAction(admin, '/staff/settings/users', 'inviteStaffAction', {
      email,
      role: 'agent',
      name: 'Invited Colleague',
    });
    expect(invited.status).toBe(200);
    const password = /"secret":"([\w-]{20})"/.exec(invited.text)?.[1];
    expect(password).toBeDefined();
    // The one-time password signs the colleague in (to change it first).
    const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp(), origin: baseUrl },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    const member = (await membersOf(shop.id)).find((m) => m.must_change_password === 1)!;
    expect((await getStaffMember(db, member.user_id))?.email).toBe(email);
    const users = await html('/staff/settings/users?lang=en', admin);
    expect(users).toContain(email);
    expect(users).not.toContain(password);

    const role = await postForm(admin, '/staff/settings/users', 'changeRoleAction', {
      user_id: member.user_id,
      role: 'admin',
    });
    expect(role.location).toBe('/staff/settings/users?notice=role_changed');
    expect((await getStaffMember(db, member.user_id))?.role).toBe('admin');

    const removed = await postForm(admin, '/staff/settings/users', 'removeStaffAction', {
      user_id: member.user_id,
    });
    expect(removed.location).toBe('/staff/settings/users?notice=removed');
    expect(await getStaffMember(db, member.user_id)).toBeUndefined();
    const sessions = await db
      .selectFrom('staff_sessions')
      .select('id')
      .where('user_id', '=', member.user_id)
      .execute();
    expect(sessions).toEqual([]);
    const audit = await html('/staff/settings/audit?lang=en', admin);
    expect(audit).toContain('Invited a user as Agent');
    expect(audit).toContain('Changed a role from Agent to Admin');
    expect(audit).toContain('Removed a user (Admin)');
  });

  it('a removed user is signed out at once', async () => {
    const colleague = await signedInStaff(db, shop.id, 'agent');
    expect((await page('/staff?lang=en', colleague)).status).toBe(200);
    const removed = await postForm(admin, '/staff/settings/users', 'removeStaffAction', {
      user_id: await userIdOf(colleague),
    });
    expect(removed.location).toBe('/staff/settings/users?notice=removed');
    const after = await page('/staff?lang=en', colleague);
    expect(after.headers.get('location')).toContain('/staff/sign-in');
  });

  it('pages through the audit log with its cursor; a garbage cursor shows the first page', async () => {
    const tenant = await newTenant(db, 'Audit pages shop');
    const cookie = await signedInStaff(db, tenant.id, 'admin');
    const actor = { userId: 'u-audit', accountId: tenant.id, email: 'auditor@example.com' };
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < 27; i++) {
      await recordAudit(
        db,
        actor,
        { action: 'token.create', target: `osp_p${String(i).padStart(2, '0')}` },
        new Date(t0 + i * 1000),
      );
    }
    const first = await html('/staff/settings/audit?lang=en', cookie);
    expect(first).toContain('osp_p26');
    expect(first).toContain('osp_p02');
    expect(first).not.toContain('osp_p01');
    const older = /href="(\/staff\/settings\/audit\?before=[^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    const second = await html(older!, cookie);
    expect(second).toContain('osp_p01');
    expect(second).toContain('osp_p00');
    expect(second).not.toContain('osp_p02');
    expect(second).not.toContain('Older entries');
    for (const before of [
      'garbage',
      '2026-11-01T00:00:00.000Z~0',
      `${'9'.repeat(300)}`,
      '2026-13-45T99:99:99Z~5',
    ]) {
      expect(
        await html(`/staff/settings/audit?lang=en&before=${encodeURIComponent(before)}`, cookie),
      ).toContain('osp_p26');
    }
  });

  it('the last admin can neither step down nor remove themself', async () => {
    const lone = await newTenant(db, 'Lone admin shop');
    const loneAdmin = await signedInStaff(db, lone.id, 'admin');
    const id = await userIdOf(loneAdmin);
    const demote = await postForm(loneAdmin, '/staff/settings/users', 'changeRoleAction', {
      user_id: id,
      role: 'agent',
    });
    expect(demote.location).toBe('/staff/settings/users?error=conflict');
    const remove = await postForm(loneAdmin, '/staff/settings/users', 'removeStaffAction', { user_id: id });
    expect(remove.location).toBe('/staff/settings/users?error=conflict');
    expect((await getStaffMember(db, id))?.role).toBe('admin');
    expect(await html('/staff/settings/users?lang=en&error=conflict', loneAdmin)).toContain(
      'The account needs at least one admin',
    );
  });

  it("an admin of another account can neither see nor change this account's settings", async () => {
    const [ownToken] = await tokensOf(shop.id);
    const ownMembers = await membersOf(shop.id);
    const before = { account: await getAccount(db, shop.id), audit: (await auditOf(shop.id)).length };

    // The pages show the other account's own things only.
    const pages = (await Promise.all(SETTINGS_PAGES.map((p) => html(`${p}?lang=en`, otherAdmin)))).join('\n');
    expect(pages).not.toContain(ownToken!.token_prefix);
    for (const m of ownMembers) expect(pages).not.toContain(m.user_id);
    const adminEmail = (await getStaffMember(db, await userIdOf(admin)))!.email;
    expect(pages).not.toContain(adminEmail);
    const lastEntry = (await auditOf(shop.id)).at(-1)!;
    const cursor = encodeURIComponent(`2999-01-01T00:00:00.000Z~${lastEntry.id + 1}`);
    expect(await html(`/staff/settings/audit?lang=en&before=${cursor}`, otherAdmin)).not.toContain(
      adminEmail,
    );

    // Ids of this account's objects, sent by the other account's admin, are not found.
    const revoke = await postForm(otherAdmin, '/staff/settings/tokens', 'revokeTokenAction', {
      id: String(ownToken!.id),
    });
    expect(revoke.location).toBe('/staff/settings/tokens?error=not_found');
    expect(
      (await info({ account: shop.id, order_number: order.order_number }, { token: shop.read })).status,
    ).toBe(200);
    for (const m of ownMembers) {
      const role = await postForm(otherAdmin, '/staff/settings/users', 'changeRoleAction', {
        user_id: m.user_id,
        role: m.role === 'admin' ? 'agent' : 'admin',
      });
      expect(role.location).toBe('/staff/settings/users?error=not_found');
      const remove = await postForm(otherAdmin, '/staff/settings/users', 'removeStaffAction', {
        user_id: m.user_id,
      });
      expect(remove.location).toBe('/staff/settings/users?error=not_found');
    }
    // A field naming this account changes nothing here: the account is the session's.
    await callStateAction(otherAdmin, '/staff/settings/users', 'inviteStaffAction', {
      email: `crafted.${uniqueTag().toLowerCase()}@example.com`,
      role: 'admin',
      account: String(shop.id),
    });
    await callStateAction(otherAdmin, '/staff/settings/tokens', 'createTokenAction', {
      name: 'crafted',
      scopes: ['write'],
      account: String(shop.id),
    });
    await callStateAction(otherAdmin, '/staff/settings/access', 'rotateLinkSecretAction', {
      account: String(shop.id),
    });

    expect(await membersOf(shop.id)).toEqual(ownMembers);
    expect((await tokensOf(shop.id)).find((t) => t.name === 'crafted')).toBeUndefined();
    expect(await getAccount(db, shop.id)).toEqual(before.account);
    expect((await auditOf(shop.id)).length).toBe(before.audit);
    expect((await tokensOf(other.id)).find((t) => t.name === 'crafted')).toBeDefined();
  });

  it('an agent reaches no settings page and no settings action, even called directly', async () => {
    for (const path of SETTINGS_PAGES) expect((await page(`${path}?lang=en`, agent)).status, path).toBe(403);
    const [token] = await tokensOf(shop.id);
    const members = await membersOf(shop.id);
    const before = {
      tokens: await tokensOf(shop.id),
      account: await getAccount(db, shop.id),
      audit: (await auditOf(shop.id)).length,
    };
    const agentId = await userIdOf(agent);
    const adminId = await userIdOf(admin);
    for (const cookie of [agent, null]) {
      const forms = [
        ['/staff/settings/tokens', 'revokeTokenAction', { id: String(token!.id) }],
        ['/staff/settings/access', 'updateAccessPolicyAction', { 'tracking_number.no_proof': 'verify' }],
        ['/staff/settings/users', 'changeRoleAction', { user_id: agentId, role: 'admin' }],
        ['/staff/settings/users', 'removeStaffAction', { user_id: adminId }],
      ] as const;
      for (const [path, action, fields] of forms) {
        const res = await postForm(cookie, path, action, fields);
        expect(res.location, action).not.toContain('notice=');
        // An agent is refused (Next answers the form post with its 403/404 page); nobody signed
        // out is sent to sign in.
        if (cookie) expect(res.status >= 400 && res.status < 500, `${action} ${res.status}`).toBe(true);
        else expect(res.location, action).toContain('/staff/sign-in');
      }
      const states = [
        ['/staff/settings/tokens', 'createTokenAction', { name: 'agent', scopes: ['read', 'write'] }],
        ['/staff/settings/access', 'rotateLinkSecretAction', {}],
        [
          '/staff/settings/users',
          'inviteStaffAction',
          { email: `agent.${uniqueTag()}@example.com`, role: 'admin' },
        ],
      ] as const;
      for (const [path, action, fields] of states) {
        const res = await callStateAction(cookie, path, action, fields);
        if (cookie) expect(res.status, action).toBe(403);
        else expect(res.redirect, action).toContain('/staff/sign-in');
        expect(res.text, action).not.toMatch(/osp_|"secret"/);
      }
    }
    expect(await tokensOf(shop.id)).toEqual(before.tokens);
    expect(await getAccount(db, shop.id)).toEqual(before.account);
    expect(await membersOf(shop.id)).toEqual(members);
    expect((await auditOf(shop.id)).length).toBe(before.audit);
  });
});
