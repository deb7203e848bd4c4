import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateToken } from '@/lib/access/tokens';
import { createStaffAuth, createStaffLockout, type StaffAuth } from '@/lib/access/staff-auth';
import { createAccount, getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { getInstanceSecret, getStaffMember } from '@/lib/db/staff';
import { DomainError } from '@/lib/errors';
import { type DbKind, openTestDb, postgresSkipReason } from '@/test/support/databases';
import { auditLogOf } from './audit';
import type { StaffSession } from './session';
import {
  accountAccessPolicy,
  accountTokens,
  changeStaffRole,
  createAccountToken,
  inviteStaff,
  removeStaff,
  revokeAccountToken,
  rotateAccountLinkSecret,
  updateAccessPolicy,
} from './settings';
import { createStaffUser } from './users';

const rejects = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
};

const DEFAULT_FORM = {
  tracking_number: { no_proof: 'limited', with_proof: 'full' },
  tracking_id: { no_proof: 'limited', with_proof: 'full' },
  external_order_id: { no_proof: 'limited', with_proof: 'full' },
  order_number: { no_proof: 'verify', with_proof: 'full' },
  external_reference: { no_proof: 'verify', with_proof: 'verify' },
  customer_number: { no_proof: 'verify', with_proof: 'verify' },
  recipient_email: { no_proof: 'verify', with_proof: 'verify' },
};

describe.each<DbKind>(['sqlite', 'postgres'])('admin settings (%s)', { timeout: 30_000 }, (kind) => {
  let db: Db;
  let auth: StaffAuth;
  let close: () => Promise<void>;
  let adminA: StaffSession;
  let adminB: StaffSession;
  const run = it.skipIf(kind === 'postgres' && postgresSkipReason !== '');

  const member = async (accountId: number, email: string, role: 'admin' | 'agent'): Promise<StaffSession> => {
    const { member: m } = await createStaffUser(db, auth, {
      account: accountId,
      email,
      role,
      password: 'a long enough password',
    });
    return { ...m, twoFactorEnabled: false };
  };
  const actions = async (accountId: number) =>
    (await auditLogOf(db, accountId)).entries.map((e) => [e.action, e.target]);

  beforeAll(async () => {
    if (kind === 'postgres' && postgresSkipReason) return;
    ({ db, close } = await openTestDb(kind, 'settings'));
    auth = createStaffAuth(db, {
      secret: await getInstanceSecret(db, 'staff_auth'),
      baseUrl: 'http://localhost:3000',
      lockout: createStaffLockout({ maxFailures: 5, minutes: 15 }),
    });
    const [a, b] = [await createAccount(db, { name: 'A' }), await createAccount(db, { name: 'B' })];
    adminA = await member(a.id, `admin-a-${kind}@shop.test`, 'admin');
    adminB = await member(b.id, `admin-b-${kind}@shop.test`, 'admin');
  }, 60_000);
  afterAll(async () => close?.());

  run("revokes a token of the admin's account only; another account's id is not found", async () => {
    const own = await createAccountToken(db, adminA, { name: 'helpdesk', scopes: ['read'] });
    const theirs = await createAccountToken(db, adminB, { name: 'shop', scopes: ['read', 'write'] });

    await rejects(revokeAccountToken(db, adminA, { id: theirs.id }), 'not_found');
    expect(await authenticateToken(db, theirs.token)).toMatchObject({ accountId: adminB.accountId });
    expect((await accountTokens(db, adminB)).find((t) => t.id === theirs.id)?.revokedAt).toBeNull();
    expect((await accountTokens(db, adminA)).map((t) => t.id)).not.toContain(theirs.id);

    expect(await authenticateToken(db, own.token)).not.toBeNull();
    await revokeAccountToken(db, adminA, { id: own.id });
    // At once, though the answer above was remembered.
    expect(await authenticateToken(db, own.token)).toBeNull();
    await rejects(revokeAccountToken(db, adminA, { id: own.id }), 'not_found');

    const log = (await auditLogOf(db, adminA.accountId)).entries;
    expect(log.slice(0, 2).map((e) => [e.action, e.target, e.actor_email])).toEqual([
      ['token.revoke', own.prefix, adminA.email],
      ['token.create', own.prefix, adminA.email],
    ]);
    // The secret is in no entry.
    expect(JSON.stringify(log)).not.toContain(own.token.slice(10));
    expect(JSON.parse(log[1]!.detail!)).toEqual({ name: 'helpdesk', scopes: ['read'] });
  });

  run('refuses bad token input with the field named, writing nothing', async () => {
    const before = (await accountTokens(db, adminA)).length;
    for (const input of [
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: 'x'.repeat(101), scopes: ['read'] },
      { name: 'x', scopes: ['read'], account: adminB.accountId },
      { id: '1; drop table api_tokens' },
    ]) {
      await rejects(createAccountToken(db, adminA, input), 'invalid');
    }
    await rejects(revokeAccountToken(db, adminA, { id: 'abc' }), 'invalid');
    expect((await accountTokens(db, adminA)).length).toBe(before);
  });

  run('rotates the link secret: the current becomes previous, audited without the secret', async () => {
    const before = (await getAccount(db, adminA.accountId))!;
    const { linkSecret } = await rotateAccountLinkSecret(db, adminA);
    const after = (await getAccount(db, adminA.accountId))!;
    expect(after.link_secret).toBe(linkSecret);
    expect(after.link_secret_previous).toBe(before.link_secret);
    const [entry] = (await auditLogOf(db, adminA.accountId)).entries;
    expect([entry!.action, entry!.detail]).toEqual(['link_secret.rotate', null]);
    expect((await getAccount(db, adminB.accountId))!.link_secret_previous).toBeNull();
  });

  run(
    'validates the access policy, stores what differs from the defaults and audits the change',
    async () => {
      const incoherent = { ...DEFAULT_FORM, tracking_number: { no_proof: 'limited', with_proof: 'verify' } };
      for (const input of [
        incoherent,
        { ...DEFAULT_FORM, order_number: { no_proof: 'full', with_proof: 'full' } },
        { tracking_number: DEFAULT_FORM.tracking_number },
        { ...DEFAULT_FORM, unknown_lookup: { no_proof: 'limited', with_proof: 'full' } },
      ]) {
        await rejects(updateAccessPolicy(db, adminA, input), 'invalid');
      }
      expect((await getAccount(db, adminA.accountId))!.access_policy).toBeNull();

      const stricter = { ...DEFAULT_FORM, tracking_number: { no_proof: 'verify', with_proof: 'full' } };
      expect(await updateAccessPolicy(db, adminA, stricter)).toEqual({ changed: ['tracking_number'] });
      expect(JSON.parse((await getAccount(db, adminA.accountId))!.access_policy!)).toEqual({
        tracking_number: { no_proof: 'verify', with_proof: 'full' },
      });
      const view = await accountAccessPolicy(db, adminA);
      expect([view.isDefault, view.policy.tracking_number.no_proof]).toEqual([false, 'verify']);
      const [entry] = (await auditLogOf(db, adminA.accountId)).entries;
      expect(entry!.action).toBe('access_policy.update');
      expect(JSON.parse(entry!.detail!)).toEqual({
        tracking_number: {
          from: { no_proof: 'limited', with_proof: 'full' },
          to: { no_proof: 'verify', with_proof: 'full' },
        },
      });
      // Saving the same again changes nothing and writes no entry.
      const count = (await auditLogOf(db, adminA.accountId)).entries.length;
      expect(await updateAccessPolicy(db, adminA, stricter)).toEqual({ changed: [] });
      expect((await auditLogOf(db, adminA.accountId)).entries.length).toBe(count);
      // Back to the defaults: nothing stored.
      await updateAccessPolicy(db, adminA, DEFAULT_FORM);
      expect((await getAccount(db, adminA.accountId))!.access_policy).toBeNull();
      expect((await getAccount(db, adminB.accountId))!.access_policy).toBeNull();
    },
  );

  run('invites, changes roles and removes within the account, keeping the last admin', async () => {
    const invited = await inviteStaff(db, auth, adminA, {
      email: ` New.Agent-${kind}@Shop.test `,
      role: 'agent',
    });
    expect(invited.oneTimePassword).toMatch(/^[\w-]{20}$/);
    expect(invited.member).toMatchObject({
      accountId: adminA.accountId,
      role: 'agent',
      mustChangePassword: true,
    });
    await rejects(inviteStaff(db, auth, adminA, { email: invited.member.email, role: 'admin' }), 'conflict');
    await rejects(inviteStaff(db, auth, adminA, { email: 'not an email', role: 'agent' }), 'invalid');
    await rejects(inviteStaff(db, auth, adminA, { email: `x-${kind}@shop.test`, role: 'owner' }), 'invalid');

    // The only admin can neither demote nor remove themself.
    await rejects(changeStaffRole(db, adminA, { user_id: adminA.userId, role: 'agent' }), 'conflict');
    await rejects(removeStaff(db, auth, adminA, { user_id: adminA.userId }), 'conflict');
    expect((await getStaffMember(db, adminA.userId))?.role).toBe('admin');

    // Another account's user behaves as a missing one, for both changes.
    await rejects(changeStaffRole(db, adminA, { user_id: adminB.userId, role: 'agent' }), 'not_found');
    await rejects(removeStaff(db, auth, adminA, { user_id: adminB.userId }), 'not_found');
    await rejects(changeStaffRole(db, adminA, { user_id: 'no-such-user', role: 'agent' }), 'not_found');
    expect((await getStaffMember(db, adminB.userId))?.role).toBe('admin');

    await changeStaffRole(db, adminA, { user_id: invited.member.userId, role: 'admin' });
    // With a second admin, the first may step down.
    await changeStaffRole(db, adminA, { user_id: adminA.userId, role: 'agent' });
    expect((await getStaffMember(db, adminA.userId))?.role).toBe('agent');
    const asAgent = { ...adminA, role: 'agent' as const };
    await rejects(changeStaffRole(db, asAgent, { user_id: adminA.userId, role: 'admin' }), 'forbidden');
    await rejects(createAccountToken(db, asAgent, { name: 'x', scopes: ['read'] }), 'forbidden');
    await rejects(rotateAccountLinkSecret(db, asAgent), 'forbidden');

    const newAdmin = { ...invited.member, role: 'admin' as const, twoFactorEnabled: false };
    await changeStaffRole(db, newAdmin, { user_id: adminA.userId, role: 'admin' });
    expect(await removeStaff(db, auth, adminA, { user_id: newAdmin.userId })).toEqual({ removedSelf: false });
    expect(await getStaffMember(db, newAdmin.userId)).toBeUndefined();
    const users = await db.selectFrom('staff_users').select('id').where('id', '=', newAdmin.userId).execute();
    expect(users).toEqual([]);

    const email = invited.member.email;
    expect((await actions(adminA.accountId)).slice(0, 5)).toEqual([
      ['staff.remove', email],
      ['staff.role', adminA.email],
      ['staff.role', adminA.email],
      ['staff.role', email],
      ['staff.invite', email],
    ]);
    expect(await actions(adminB.accountId)).toEqual([['token.create', expect.any(String)]]);
  });
});
