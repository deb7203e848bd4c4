import 'server-only';
import { randomBytes } from 'node:crypto';
import type { StaffAuth } from '@/lib/access/staff-auth';
import { getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import {
  findStaffMemberByEmail,
  insertStaffMember,
  listStaffMembers,
  setMustChangePassword,
  type StaffMember,
} from '@/lib/db/staff';
import { DomainError } from '@/lib/errors';
import { parseWith } from '@/lib/schemas/parse';
import { type AuditActor, recordAudit } from '@/lib/staff/audit';
import { createStaffInputSchema, resetStaffPasswordInputSchema } from '@/lib/schemas/staff';

// Staff users are made here (the CLI and the admin's settings), never by signing up: better-auth's
// sign-up is off, so users are written through its internal adapter, which hashes and stores the
// password exactly as its sign-in expects.

/** 120 random bits, readable aloud: the password an operator hands over once. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}

export type CreatedStaff = { member: StaffMember; oneTimePassword: string | null };

/**
 * A staff user of one account. Without a password a one-time password is made and returned, and
 * the user must replace it on first sign-in.
 */
export async function createStaffUser(
  db: Db,
  auth: StaffAuth,
  input: unknown,
  options: { invitedBy?: AuditActor } = {},
): Promise<CreatedStaff> {
  const values = parseWith(createStaffInputSchema, input);
  if (!(await getAccount(db, values.account))) {
    throw new DomainError('not_found', `No account ${values.account}.`, { attr: 'account' });
  }
  const ctx = await auth.$context;
  if (await ctx.internalAdapter.findUserByEmail(values.email)) {
    throw new DomainError('conflict', `A staff user with the email ${values.email} exists.`, {
      attr: 'email',
    });
  }
  const password = values.password ?? oneTimePassword();
  const user = await ctx.internalAdapter.createUser(
    { email: values.email, name: values.name ?? values.email.split('@')[0]!, emailVerified: true },
    { method: 'admin' },
  );
  try {
    await ctx.internalAdapter.linkAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: await ctx.password.hash(password),
    });
    // An admin's invitation is written with its audit entry; better-auth's own rows cannot join
    // that transaction, so the catch below takes them back if it fails.
    await db.transaction().execute(async (trx) => {
      await insertStaffMember(trx, {
        userId: user.id,
        accountId: values.account,
        role: values.role,
        mustChangePassword: values.password === undefined,
      });
      if (options.invitedBy) {
        await recordAudit(trx, options.invitedBy, {
          action: 'staff.invite',
          target: values.email,
          detail: { role: values.role },
        });
      }
    });
  } catch (error) {
    // No user without a password and an account: that would be a user nobody can sign in as or see.
    await ctx.internalAdapter.deleteUser(user.id);
    throw error;
  }
  const member = await findStaffMemberByEmail(db, values.email);
  return { member: member!, oneTimePassword: values.password === undefined ? password : null };
}

/**
 * A new password for a staff user, ending every session of theirs. Without a password a one-time
 * password is made and returned, to be replaced on the next sign-in.
 */
export async function resetStaffPassword(
  db: Db,
  auth: StaffAuth,
  input: unknown,
): Promise<{ member: StaffMember; oneTimePassword: string | null }> {
  const values = parseWith(resetStaffPasswordInputSchema, input);
  const member = await findStaffMemberByEmail(db, values.email);
  if (!member) throw new DomainError('not_found', `No staff user ${values.email}.`, { attr: 'email' });
  const ctx = await auth.$context;
  const password = values.password ?? oneTimePassword();
  await ctx.internalAdapter.updatePassword(member.userId, await ctx.password.hash(password));
  await ctx.internalAdapter.deleteUserSessions(member.userId);
  await setMustChangePassword(db, member.userId, values.password === undefined);
  return {
    member: { ...member, mustChangePassword: values.password === undefined },
    oneTimePassword: values.password === undefined ? password : null,
  };
}

export async function listStaff(db: Db, accountId?: number): Promise<StaffMember[]> {
  return listStaffMembers(db, accountId);
}
