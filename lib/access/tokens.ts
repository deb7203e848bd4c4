import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { processCache } from '@/lib/process-state';

export const SCOPES = ['read', 'write'] as const;
export type Scope = (typeof SCOPES)[number];

export type TokenAuth = { tokenId: number; accountId: number; scopes: Scope[] };

const PREFIX = 'osp_';

// Tokens carry 256 bits of randomness, so a fast unsalted hash is enough to make a stolen table
// useless while keeping the per-request lookup a single indexed read.
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createToken(
  db: Db,
  accountId: number,
  scopes: Scope[],
  name: string | null,
  now = new Date(),
) {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_tokens')
    .values({
      account_id: accountId,
      name,
      token_hash: hashToken(token),
      token_prefix: token.slice(0, PREFIX.length + 6),
      scopes: [...new Set(scopes)].sort().join(','),
      created_at: now.toISOString(),
    })
    .returning(['id', 'token_prefix', 'scopes'])
    .executeTakeFirstOrThrow();
  return { id: row.id, token, prefix: row.token_prefix, scopes: row.scopes.split(',') as Scope[] };
}

const LAST_USED_RESOLUTION_MS = 60_000;
// Merchant integrations send the same token on every call. Remembering the answer briefly saves a
// read per request; a revocation reaches other processes within this time (at once in this one).
// Keyed by the hash of whatever a client sends as a token, hence the bound.
const AUTH_CACHE_MS = 5_000;
const authCache = () =>
  processCache<string, { at: number; auth: TokenAuth | null }>('token-auth', () => ({
    max: 10_000,
    ttl: AUTH_CACHE_MS,
  }));

/** The token's account and scopes, or null when it is unknown or revoked. */
export async function authenticateToken(db: Db, token: string, now = new Date()): Promise<TokenAuth | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  const hit = authCache().get(hash);
  if (hit && now.getTime() - hit.at < AUTH_CACHE_MS) return hit.auth;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'account_id', 'scopes', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  const auth =
    row && !row.revoked_at
      ? { tokenId: row.id, accountId: row.account_id, scopes: row.scopes.split(',') as Scope[] }
      : null;
  authCache().set(hash, { at: now.getTime(), auth });
  // Recording every use would turn each read into a write; a minute's resolution is enough.
  if (
    row &&
    auth &&
    (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS)
  ) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return auth;
}

/**
 * The account a request may act for with `scope`: the one check every route that takes a token
 * makes. `token` is null when the request sent none.
 */
export async function authorize(
  db: Db,
  token: string | null,
  scope: Scope,
  now = new Date(),
): Promise<TokenAuth> {
  const auth = token === null ? null : await authenticateToken(db, token, now);
  if (!auth) throw new DomainError('unauthorized', 'unauthorized');
  if (!auth.scopes.includes(scope)) throw new DomainError('forbidden', 'forbidden');
  return auth;
}

/**
 * Revokes a token; with `accountId` only a token of that account (staff act for one account: a
 * token id of another looks like a missing one). The token's prefix and name, or undefined when
 * there was no active token to revoke.
 */
export async function revokeToken(
  db: Db,
  id: number,
  options: { accountId?: number; now?: Date } = {},
): Promise<{ id: number; token_prefix: string; name: string | null } | undefined> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: (options.now ?? new Date()).toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (options.accountId !== undefined) query = query.where('account_id', '=', options.accountId);
  const row = await query.returning(['id', 'token_prefix', 'name']).executeTakeFirst();
  forgetTokenAuths();
  return row;
}

/**
 * Forgets every remembered token answer of this process, so a revoked token is refused at once.
 * Called again after a revocation's transaction commits: a request between the clear and the
 * commit may have remembered the token as valid.
 */
export function forgetTokenAuths(): void {
  authCache().clear();
}

export async function listTokens(db: Db, accountId?: number) {
  let query = db
    .selectFrom('api_tokens')
    .select([
      'id',
      'account_id',
      'name',
      'token_prefix',
      'scopes',
      'created_at',
      'last_used_at',
      'revoked_at',
    ])
    .orderBy('id');
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  return query.execute();
}
