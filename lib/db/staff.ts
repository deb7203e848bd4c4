import 'server-only';
import { type Db, isPostgres } from './client';
import type { StaffRole } from './schema';

// A staff user's account and role live in our own table, keyed by better-auth's user id, rather
// than as extra fields on better-auth's user: no better-auth endpoint or plugin can write them
// (authorization data stays ours), the account is a real foreign key that removes its staff with
// it, and the session check reads them fresh on every request, so a role change or removal takes
// effect at once instead of when a cached session expires.

export type StaffMember = {
  userId: string;
  accountId: number;
  role: StaffRole;
  email: string;
  name: string;
  mustChangePassword: boolean;
  twoFactorEnabled: boolean;
  createdAt: string;
};

const toIso = (value: Date | string) => new Date(value).toISOString();

function memberQuery(db: Db) {
  return db
    .selectFrom('staff_members as m')
    .innerJoin('staff_users as u', 'u.id', 'm.user_id')
    .select([
      'm.user_id',
      'm.account_id',
      'm.role',
      'm.must_change_password',
      'm.created_at',
      'u.email',
      'u.name',
      'u.two_factor_enabled',
    ]);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

function toMember(row: MemberRow): StaffMember {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    role: row.role,
    email: row.email,
    name: row.name,
    mustChangePassword: Boolean(row.must_change_password),
    twoFactorEnabled: Boolean(row.two_factor_enabled),
    createdAt: toIso(row.created_at),
  };
}

export async function getStaffMember(db: Db, userId: string): Promise<StaffMember | undefined> {
  const row = await memberQuery(db).where('m.user_id', '=', userId).executeTakeFirst();
  return row && toMember(row);
}

export async function findStaffMemberByEmail(db: Db, email: string): Promise<StaffMember | undefined> {
  const row = await memberQuery(db).where('u.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row && toMember(row);
}

export async function listStaffMembers(db: Db, accountId?: number): Promise<StaffMember[]> {
  let query = memberQuery(db).orderBy('m.account_id').orderBy('u.email');
  if (accountId !== undefined) query = query.where('m.account_id', '=', accountId);
  return (await query.execute()).map(toMember);
}

export async function insertStaffMember(
  db: Db,
  values: { userId: string; accountId: number; role: StaffRole; mustChangePassword: boolean },
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('staff_members')
    .values({
      user_id: values.userId,
      account_id: values.accountId,
      role: values.role,
      must_change_password: values.mustChangePassword ? 1 : 0,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function setMustChangePassword(db: Db, userId: string, value: boolean): Promise<void> {
  await db
    .updateTable('staff_members')
    .set({ must_change_password: value ? 1 : 0 })
    .where('user_id', '=', userId)
    .execute();
}

/** One staff member of the account; a user of another account is not found, like a missing one. */
export async function findAccountStaffMember(
  db: Db,
  accountId: number,
  userId: string,
): Promise<StaffMember | undefined> {
  const row = await memberQuery(db)
    .where('m.account_id', '=', accountId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  return row && toMember(row);
}

/**
 * Holds the account's row until the transaction ends, so two changes to its staff (two admins
 * demoting each other) run one after the other and each sees the other's outcome. SQLite runs one
 * write transaction at a time anyway.
 */
export async function lockAccountStaff(db: Db, accountId: number): Promise<void> {
  if (!isPostgres(db)) return;
  await db.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
}

export async function countAdmins(db: Db, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('staff_members')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function setStaffRole(
  db: Db,
  accountId: number,
  userId: string,
  role: StaffRole,
): Promise<void> {
  await db
    .updateTable('staff_members')
    .set({ role })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Deletes a staff user of the account: better-auth's user row, and with it (foreign keys) the
 * membership, password, two-factor keys and sessions stored in the database.
 */
export async function deleteStaffUser(db: Db, accountId: number, userId: string): Promise<void> {
  await db
    .deleteFrom('staff_users')
    .where('id', '=', userId)
    .where('id', 'in', (eb) =>
      eb.selectFrom('staff_members').select('user_id').where('account_id', '=', accountId),
    )
    .execute();
}

/** A secret the migrations made for this installation (see 0004_staff_auth). */
export async function getInstanceSecret(db: Db, name: string): Promise<string> {
  const row = await db
    .selectFrom('portal_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) throw new Error(`No secret "${name}" in the database; run the migrations first.`);
  return row.value;
}
