import 'server-only';
import { sql } from 'kysely';
import type { CheckedLogo } from '@/lib/branding/logo';
import type { Db } from './client';

/** Stores a checked logo for the account (and client key); the same bytes again are kept once. */
export async function insertBrandLogo(
  db: Db,
  accountId: number,
  clientKey: string,
  logo: CheckedLogo,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('brand_logos')
    .values({
      account_id: accountId,
      client_key: clientKey,
      sha256: logo.sha256,
      content_type: logo.contentType,
      size: logo.bytes.length,
      data: logo.bytes,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['account_id', 'client_key', 'sha256']).doNothing())
    .execute();
}

/** Drops the account's logos for this client key except `keep`: only the logo in use is stored. */
export async function deleteOtherBrandLogos(
  db: Db,
  accountId: number,
  clientKey: string,
  keep: string | null,
): Promise<void> {
  let query = db
    .deleteFrom('brand_logos')
    .where('account_id', '=', accountId)
    .where('client_key', '=', clientKey);
  if (keep) query = query.where('sha256', '<>', keep);
  await query.execute();
}

export type StoredLogo = { contentType: string; data: Buffer };

/**
 * A stored logo by its hash, of any account: a logo is public (every shopper page shows it) and
 * its hash names its bytes, so whichever account stored them, they are the same.
 */
export async function brandLogoByHash(
  db: Db,
  sha256: string,
  accountId?: number,
): Promise<StoredLogo | undefined> {
  let query = db.selectFrom('brand_logos').select(['content_type', 'data']).where('sha256', '=', sha256);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const row = await query.limit(1).executeTakeFirst();
  return row && { contentType: row.content_type, data: Buffer.from(row.data) };
}

/**
 * The account's client keys in use on its orders, in order, at most `limit`: a loose index scan
 * (one index probe per key) on orders_client_key, so an account with a million orders and three
 * shops costs three probes in both databases.
 */
export async function orderClientKeys(db: Db, accountId: number, limit = 200): Promise<string[]> {
  const { rows } = await sql<{ k: string | null }>`
    with recursive keys(k, n) as (
      select (select min(client_key) from orders where account_id = ${accountId} and client_key > ''), 1
      union all
      select (select min(client_key) from orders where account_id = ${accountId} and client_key > keys.k), n + 1
      from keys where keys.k is not null and n < ${limit}
    )
    select k from keys where k is not null`.execute(db);
  return rows.map((row) => row.k!);
}
