import 'server-only';
import { randomBytes } from 'node:crypto';
import { type Db, isPostgres } from './client';
import { isUniqueViolation } from './order-writes';
import { type AccountRow, isRowId } from './schema';

export function newLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates an account; ids are chosen above the largest so far, starting at 1001. Two creations at
 * once may choose the same id: the one that loses tries again with the next.
 */
export async function createAccount(
  db: Db,
  values: Parameters<typeof insertAccount>[1],
  now = new Date(),
): Promise<AccountRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertAccount(db, values, now);
    } catch (error) {
      if (values.id !== undefined || attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function insertAccount(
  db: Db,
  values: {
    name: string;
    id?: number;
    linkSecret?: string;
    brandPrimaryColor?: string | null;
    brandLogoUrl?: string | null;
  },
  now = new Date(),
): Promise<AccountRow> {
  return db.transaction().execute(async (trx) => {
    let id = values.id;
    if (id === undefined) {
      const row = await trx
        .selectFrom('accounts')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      id = Math.max(Number(row?.max ?? 0), 1000) + 1;
    }
    return trx
      .insertInto('accounts')
      .values({
        id,
        name: values.name,
        access_policy: null,
        link_secret: values.linkSecret ?? newLinkSecret(),
        link_secret_previous: null,
        brand_name: values.name,
        brand_logo_url: values.brandLogoUrl ?? null,
        brand_primary_color: values.brandPrimaryColor ?? null,
        brands: null,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function getAccount(db: Db, id: number): Promise<AccountRow | undefined> {
  if (!isRowId(id)) return undefined;
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The account, locked for the rest of the transaction on PostgreSQL, so two saves of its brands
 * (one JSON column) cannot each overwrite the other's. SQLite runs one write transaction at a time.
 */
export async function getAccountForUpdate(trx: Db, id: number): Promise<AccountRow | undefined> {
  if (!isRowId(id)) return undefined;
  const query = trx.selectFrom('accounts').selectAll().where('id', '=', id);
  return (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
}

export async function listAccounts(db: Db): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('id').execute();
}

/** Moves the current secret to "previous" so links in sent emails keep working. */
export async function rotateLinkSecret(db: Db, id: number): Promise<AccountRow | undefined> {
  const account = await getAccount(db, id);
  if (!account) return undefined;
  return db
    .updateTable('accounts')
    .set({ link_secret_previous: account.link_secret, link_secret: newLinkSecret() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function setAccessPolicy(db: Db, id: number, policyJson: string | null) {
  await db.updateTable('accounts').set({ access_policy: policyJson }).where('id', '=', id).execute();
}

export type BrandFields = {
  name?: string | null;
  logo_url?: string | null;
  primary_color?: string | null;
  support_email?: string | null;
  support_phone?: string | null;
  help_url?: string | null;
  website_url?: string | null;
};

const ACCOUNT_BRAND_COLUMNS = {
  name: 'brand_name',
  logo_url: 'brand_logo_url',
  primary_color: 'brand_primary_color',
  support_email: 'support_email',
  support_phone: 'support_phone',
  help_url: 'help_url',
  website_url: 'website_url',
} as const;

/** The brand entries per client key of a multi-brand account (`brands`), as a Map. */
export function clientBrands(account: Pick<AccountRow, 'brands'>): Map<string, BrandFields> {
  // A Map, so a client key such as `__proto__` is stored like any other.
  return new Map(
    Object.entries(account.brands ? (JSON.parse(account.brands) as Record<string, BrandFields>) : {}),
  );
}

/** Sets the account's brand, or with a client key the brand of that shop of a multi-brand account. */
export async function setBranding(db: Db, id: number, fields: BrandFields, clientKey?: string) {
  const account = await getAccount(db, id);
  if (!account) return undefined;
  if (clientKey === undefined) {
    const changes = Object.fromEntries(
      Object.entries(ACCOUNT_BRAND_COLUMNS)
        .filter(([field]) => fields[field as keyof BrandFields] !== undefined)
        .map(([field, column]) => [column, fields[field as keyof BrandFields]]),
    );
    if (Object.keys(changes).length > 0)
      await db.updateTable('accounts').set(changes).where('id', '=', id).execute();
  } else {
    const brands = clientBrands(account);
    brands.set(clientKey, { ...brands.get(clientKey), ...fields });
    await db
      .updateTable('accounts')
      .set({ brands: JSON.stringify(Object.fromEntries(brands)) })
      .where('id', '=', id)
      .execute();
  }
  return getAccount(db, id);
}
