import 'server-only';
import type { Db } from '@/lib/db/client';
import { type LogCursor, type LogPage, newestFirst } from '@/lib/db/newest-first';
import type { AuditAction, AuditLogRow } from '@/lib/db/schema';
import type { StaffSession } from '@/lib/staff/session';

/** Who made a change, and for which account: the admin's session. */
export type AuditActor = Pick<StaffSession, 'userId' | 'accountId' | 'email'>;

export type AuditEntry = {
  action: AuditAction;
  /** What was changed when not the account itself: a token's prefix, a user's email, a client key. */
  target?: string | null;
  /** The changed fields; never a secret (a new token's secret or a link secret stays out). */
  detail?: Record<string, unknown> | null;
};

/**
 * Writes one admin change to the account's audit log. Call it with the transaction that makes
 * the change, so a change is never without its entry nor an entry without its change.
 */
export async function recordAudit(
  db: Db,
  actor: AuditActor,
  entry: AuditEntry,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      account_id: actor.accountId,
      at: now.toISOString(),
      actor_user_id: actor.userId,
      actor_email: actor.email,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

export type AuditCursor = LogCursor;
export type AuditPage = LogPage<AuditLogRow>;

/** The account's audit log, newest first, a page at a time. */
export function auditLogOf(
  db: Db,
  accountId: number,
  options: { limit?: number; cursor?: AuditCursor } = {},
): Promise<AuditPage> {
  return newestFirst(db.selectFrom('audit_log').selectAll().where('account_id', '=', accountId), options);
}
