import 'server-only';
import { type AccessPolicy, DEFAULT_ACCESS_POLICY, effectivePolicy } from '@/lib/access/policy';
import type { StaffAuth } from '@/lib/access/staff-auth';
import { createToken, forgetTokenAuths, listTokens, revokeToken, type Scope } from '@/lib/access/tokens';
import { getAccount, rotateLinkSecret, setAccessPolicy } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import {
  countAdmins,
  deleteStaffUser,
  findAccountStaffMember,
  lockAccountStaff,
  type StaffMember,
  setStaffRole,
} from '@/lib/db/staff';
import { DomainError } from '@/lib/errors';
import { parseWith } from '@/lib/schemas/parse';
import {
  accessPolicyInputSchema,
  auditCursorSchema,
  changeRoleInputSchema,
  createTokenInputSchema,
  inviteStaffInputSchema,
  removeStaffInputSchema,
  revokeTokenInputSchema,
} from '@/lib/schemas/settings';
import { LOOKUP_TYPES } from '@/lib/status/vocabulary';
import { type AuditPage, auditLogOf, recordAudit } from './audit';
import type { StaffSession } from './session';
import { type CreatedStaff, createStaffUser, listStaff } from './users';

// The admin's settings: one function per change. Each takes the signed-in staff member, refuses
// anyone but an admin, works only on the admin's own account (ids from a form are looked up within
// it, so another account's look missing) and writes the change with its audit entry in one
// transaction.

function asAdmin(staff: StaffSession): StaffSession {
  if (staff.role !== 'admin') throw new DomainError('forbidden', 'Only admins may do this.');
  return staff;
}

const lastAdmin = () =>
  new DomainError('conflict', 'The account needs at least one admin.', { attr: 'user_id' });

export type TokenListEntry = {
  id: number;
  name: string | null;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export async function accountTokens(db: Db, staff: StaffSession): Promise<TokenListEntry[]> {
  const rows = await listTokens(db, asAdmin(staff).accountId);
  return rows
    .map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.token_prefix,
      scopes: t.scopes.split(',') as Scope[],
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at,
      revokedAt: t.revoked_at,
    }))
    .reverse();
}

/** A new API token; its secret is in the answer and nowhere else (stored hashed, not audited). */
export async function createAccountToken(db: Db, staff: StaffSession, input: unknown) {
  const admin = asAdmin(staff);
  const values = parseWith(createTokenInputSchema, input);
  return db.transaction().execute(async (trx) => {
    const token = await createToken(trx, admin.accountId, values.scopes, values.name);
    await recordAudit(trx, admin, {
      action: 'token.create',
      target: token.prefix,
      detail: { name: values.name, scopes: token.scopes },
    });
    return token;
  });
}

/** Revokes one of the account's tokens: the API refuses it at once in this process. */
export async function revokeAccountToken(db: Db, staff: StaffSession, input: unknown): Promise<void> {
  const admin = asAdmin(staff);
  const { id } = parseWith(revokeTokenInputSchema, input);
  await db.transaction().execute(async (trx) => {
    const revoked = await revokeToken(trx, id, { accountId: admin.accountId });
    if (!revoked) throw new DomainError('not_found', 'No such active token.', { attr: 'id' });
    await recordAudit(trx, admin, {
      action: 'token.revoke',
      target: revoked.token_prefix,
      detail: { name: revoked.name },
    });
  });
  forgetTokenAuths();
}

export type LinkSecretState = { hasPrevious: boolean };

export async function linkSecretState(db: Db, staff: StaffSession): Promise<LinkSecretState> {
  const account = await getAccount(db, asAdmin(staff).accountId);
  return { hasPrevious: Boolean(account?.link_secret_previous) };
}

/**
 * A new link secret; the current one becomes the previous one, which still opens links signed
 * with it until they expire (the one before is forgotten). The new secret is answered once, for
 * shops that sign links in their own email templates.
 */
export async function rotateAccountLinkSecret(db: Db, staff: StaffSession): Promise<{ linkSecret: string }> {
  const admin = asAdmin(staff);
  return db.transaction().execute(async (trx) => {
    const account = await rotateLinkSecret(trx, admin.accountId);
    if (!account) throw new DomainError('not_found', 'No such account.');
    await recordAudit(trx, admin, { action: 'link_secret.rotate' });
    return { linkSecret: account.link_secret };
  });
}

export type AccessPolicyView = { policy: AccessPolicy; defaults: AccessPolicy; isDefault: boolean };

export async function accountAccessPolicy(db: Db, staff: StaffSession): Promise<AccessPolicyView> {
  const account = await getAccount(db, asAdmin(staff).accountId);
  const policy = effectivePolicy(account?.access_policy);
  return {
    policy,
    defaults: DEFAULT_ACCESS_POLICY,
    isDefault: differingRules(policy, DEFAULT_ACCESS_POLICY).length === 0,
  };
}

/** The lookup types whose rules differ between two policies. */
function differingRules(a: AccessPolicy, b: AccessPolicy) {
  return LOOKUP_TYPES.filter(
    (type) => a[type].no_proof !== b[type].no_proof || a[type].with_proof !== b[type].with_proof,
  );
}

/**
 * Sets the rule of every lookup type. Only the rules that differ from the defaults are stored, so
 * a type left at its default follows the defaults; the audit entry names what changed.
 */
export async function updateAccessPolicy(
  db: Db,
  staff: StaffSession,
  input: unknown,
): Promise<{ changed: string[] }> {
  const admin = asAdmin(staff);
  const policy = parseWith(accessPolicyInputSchema, input) as AccessPolicy;
  return db.transaction().execute(async (trx) => {
    const account = await getAccount(trx, admin.accountId);
    if (!account) throw new DomainError('not_found', 'No such account.');
    const before = effectivePolicy(account.access_policy);
    const changed = differingRules(before, policy);
    if (changed.length === 0) return { changed };
    const custom = Object.fromEntries(
      differingRules(policy, DEFAULT_ACCESS_POLICY).map((type) => [type, policy[type]]),
    );
    await setAccessPolicy(trx, admin.accountId, Object.keys(custom).length ? JSON.stringify(custom) : null);
    await recordAudit(trx, admin, {
      action: 'access_policy.update',
      detail: Object.fromEntries(changed.map((type) => [type, { from: before[type], to: policy[type] }])),
    });
    return { changed };
  });
}

export async function accountStaff(db: Db, staff: StaffSession): Promise<StaffMember[]> {
  return listStaff(db, asAdmin(staff).accountId);
}

/** A colleague of the admin's account, with a one-time password to hand over (shown once). */
export async function inviteStaff(
  db: Db,
  auth: StaffAuth,
  staff: StaffSession,
  input: unknown,
): Promise<CreatedStaff> {
  const admin = asAdmin(staff);
  const values = parseWith(inviteStaffInputSchema, input);
  return createStaffUser(
    db,
    auth,
    { account: admin.accountId, email: values.email, role: values.role, name: values.name || undefined },
    { invitedBy: admin },
  );
}

/** Another role for a staff user of the account; the last admin stays an admin. */
export async function changeStaffRole(db: Db, staff: StaffSession, input: unknown): Promise<void> {
  const admin = asAdmin(staff);
  const values = parseWith(changeRoleInputSchema, input);
  await db.transaction().execute(async (trx) => {
    await lockAccountStaff(trx, admin.accountId);
    const member = await findAccountStaffMember(trx, admin.accountId, values.user_id);
    if (!member) throw new DomainError('not_found', 'No such staff user.', { attr: 'user_id' });
    if (member.role === values.role) return;
    await setStaffRole(trx, admin.accountId, member.userId, values.role);
    if ((await countAdmins(trx, admin.accountId)) === 0) throw lastAdmin();
    await recordAudit(trx, admin, {
      action: 'staff.role',
      target: member.email,
      detail: { from: member.role, to: values.role },
    });
  });
}

/**
 * Removes a staff user of the account with their sessions; the last admin stays. The database
 * rows go in the transaction; sessions better-auth mirrors elsewhere (Redis) go after it, and a
 * session left there for a moment already counts as signed out (no membership).
 */
export async function removeStaff(
  db: Db,
  auth: StaffAuth,
  staff: StaffSession,
  input: unknown,
): Promise<{ removedSelf: boolean }> {
  const admin = asAdmin(staff);
  const values = parseWith(removeStaffInputSchema, input);
  const member = await db.transaction().execute(async (trx) => {
    await lockAccountStaff(trx, admin.accountId);
    const found = await findAccountStaffMember(trx, admin.accountId, values.user_id);
    if (!found) throw new DomainError('not_found', 'No such staff user.', { attr: 'user_id' });
    await deleteStaffUser(trx, admin.accountId, found.userId);
    if (found.role === 'admin' && (await countAdmins(trx, admin.accountId)) === 0) throw lastAdmin();
    await recordAudit(trx, admin, {
      action: 'staff.remove',
      target: found.email,
      detail: { role: found.role },
    });
    return found;
  });
  await (await auth.$context).internalAdapter.deleteUserSessions(member.userId);
  return { removedSelf: member.userId === admin.userId };
}

/** The account's audit log, newest first; `cursor` is the page link's `before` value. */
export async function accountAuditLog(
  db: Db,
  staff: StaffSession,
  cursor?: string | null,
): Promise<AuditPage> {
  const admin = asAdmin(staff);
  const parsed = cursor ? auditCursorSchema.safeParse(cursor) : undefined;
  return auditLogOf(db, admin.accountId, { limit: 25, cursor: parsed?.success ? parsed.data : undefined });
}
