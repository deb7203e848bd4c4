import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getStaffAuth, type StaffAuth } from '@/lib/access/staff-auth';
import { type Db, getDb } from '@/lib/db/client';
import { getStaffMember } from '@/lib/db/staff';
import type { StaffRole } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';

export type StaffSession = {
  userId: string;
  accountId: number;
  role: StaffRole;
  email: string;
  name: string;
  twoFactorEnabled: boolean;
};

export type StaffCheckOptions = {
  /** Only admins pass. */
  role?: 'admin';
  /** The change-password page itself: a user who must change the password may pass. */
  allowPasswordChange?: boolean;
};

export type StaffCheck =
  | { ok: true; staff: StaffSession }
  | { ok: false; reason: 'signed_out' | 'must_change_password' | 'not_admin' };

export const SIGN_IN_PATH = '/staff/sign-in';
export const CHANGE_PASSWORD_PATH = '/staff/change-password';

/**
 * Who the request's session belongs to, and whether they may pass: the one place that decides,
 * for pages, server actions and route handlers alike. A session whose user is no staff member
 * (removed, or the account deleted) counts as signed out. Takes the request headers, so it runs
 * without a server.
 */
export async function checkStaff(
  db: Db,
  auth: StaffAuth,
  requestHeaders: Headers,
  options: StaffCheckOptions = {},
): Promise<StaffCheck> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return { ok: false, reason: 'signed_out' };
  const member = await getStaffMember(db, session.user.id);
  if (!member) return { ok: false, reason: 'signed_out' };
  if (member.mustChangePassword && !options.allowPasswordChange) {
    return { ok: false, reason: 'must_change_password' };
  }
  if (options.role === 'admin' && member.role !== 'admin') return { ok: false, reason: 'not_admin' };
  return {
    ok: true,
    staff: {
      userId: member.userId,
      accountId: member.accountId,
      role: member.role,
      email: member.email,
      name: member.name,
      twoFactorEnabled: member.twoFactorEnabled,
    },
  };
}

/** For route handlers: the check's answer as the domain error lib/http turns into a status. */
export function staffOrThrow(check: StaffCheck): StaffSession {
  if (check.ok) return check.staff;
  if (check.reason === 'signed_out') throw new DomainError('unauthorized', 'Sign in as staff.');
  if (check.reason === 'must_change_password') {
    throw new DomainError('forbidden', 'Change your one-time password first.');
  }
  throw new DomainError('forbidden', 'Only admins may do this.');
}

/**
 * The signed-in staff member of this request. Pages and server actions (the default) are sent to
 * the sign-in page or the change-password page, and an agent on an admin page gets the 403 page;
 * route handlers (`from: 'route'`) get a DomainError instead. This is the only function here that
 * reads the request itself: everything it decides is checkStaff's.
 */
export async function requireStaff(
  options: StaffCheckOptions & { from?: 'page' | 'route' } = {},
): Promise<StaffSession> {
  const check = await checkStaff(getDb(), await getStaffAuth(), await headers(), options);
  if (options.from === 'route' || check.ok) return staffOrThrow(check);
  if (check.reason === 'signed_out') redirect(SIGN_IN_PATH);
  if (check.reason === 'must_change_password') redirect(CHANGE_PASSWORD_PATH);
  // A 403 page that says the page is for admins, not a 404 that reads like a broken link: that
  // admin pages exist is no secret (the docs name them), and an agent sent a link learns why.
  forbidden();
}
