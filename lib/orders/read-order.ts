import 'server-only';
import { getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import type { OrderRows } from '@/lib/db/order-queries';
import { getLimiter } from '@/lib/access/limits';
import { DEFAULT_ACCESS_POLICY, effectivePolicy, type LookupPolicy } from '@/lib/access/policy';
import { emailsMatch, postalCodesMatch } from '@/lib/access/proofs';
import { canonicalValue, verifyLink } from '@/lib/access/signature';
import { authenticateToken } from '@/lib/access/tokens';
import { ApiError } from '@/lib/http/errors';
import type { InfoQuery } from '@/lib/http/schemas';
import type { AccessLevel } from '@/lib/projection/types';
import { type FoundOrder, findByLookup, loadRows } from './load-order';
import { type Lookup, proofOf, resolveLookup } from './lookup';
import { type LiveRefreshStatus, liveRefresh } from './live-refresh';
import { type ProjectedOrder, projectFound } from './project';

export type ReadRequest = {
  query: InfoQuery;
  /** The bearer token, when an Authorization header was sent. */
  bearer: string | null;
  clientIp: string;
  now?: Date;
};

export type ReadResult = ProjectedOrder & { liveRefresh?: LiveRefreshStatus };

const notFound = () => new ApiError('not_found', 'notFound');
const rateLimited = (seconds: number) =>
  new ApiError('rate_limited', 'rateLimited', { retryAfterS: seconds });

function signedValue(lookup: Lookup) {
  return canonicalValue(
    lookup.type,
    lookup.value,
    lookup.type === 'tracking_number' ? lookup.courier : undefined,
  );
}

function needsVerification(rule: LookupPolicy, hasProof: boolean) {
  return hasProof ? rule.with_proof === 'verify' : rule.no_proof === 'verify';
}

function proofMatches(
  found: FoundOrder,
  rows: OrderRows | undefined,
  proof: ReturnType<typeof proofOf>,
): boolean {
  const shipping = found.order?.shipping_address
    ? (JSON.parse(found.order.shipping_address) as { postal_code?: string })
    : null;
  const postalOk =
    proof.postalCode === undefined ||
    postalCodesMatch(proof.postalCode, shipping?.postal_code) ||
    (rows?.trackings ?? []).some(({ tracking }) =>
      postalCodesMatch(proof.postalCode!, tracking.recipient_postal_code),
    );
  const emailOk = proof.email === undefined || emailsMatch(proof.email, found.order?.recipient_email);
  return postalOk && emailOk;
}

/**
 * GET /v4/track/orders/info/: resolves the lookup, decides the access level (token, signature,
 * postal code or email, policy) and returns the projected order. Throws ApiError otherwise.
 */
export async function readOrderInfo(db: Db, request: ReadRequest): Promise<ReadResult> {
  const { query, clientIp } = request;
  const now = request.now ?? new Date();
  const lookup = resolveLookup(query);
  if (!lookup) throw new ApiError('lookup_required', 'lookupRequired');

  const single = query.single_tracking
    ? { trackingId: query.tracking_id, courier: query.courier, trackingNumber: query.tracking_number }
    : undefined;
  // Access is decided before anything reaches a carrier; a refresh that stored events re-reads the
  // order so the response and its version are current.
  const finish = async (found: FoundOrder, level: AccessLevel, rows?: OrderRows): Promise<ReadResult> => {
    let refreshed: LiveRefreshStatus | undefined;
    if (query.live_refresh) {
      const trackings = (rows ?? (await loadRows(db, found))).trackings.map((t) => t.tracking);
      refreshed = await liveRefresh(db, trackings, now);
      if (refreshed === 'updated') {
        found = (await findByLookup(db, lookup, found.accountId)) ?? found;
        rows = undefined;
      }
    }
    const projected = await projectFound(db, found, { level, lang: query.lang, now, single, rows });
    return { ...projected, liveRefresh: refreshed };
  };

  if (request.bearer !== null) {
    const auth = await authenticateToken(db, request.bearer, now);
    if (!auth) throw new ApiError('unauthorized', 'unauthorized');
    if (!auth.scopes.includes('read')) throw new ApiError('forbidden', 'forbidden');
    // A token only ever sees its own account: another account's order is simply not found.
    if (lookup.account !== undefined && lookup.account !== auth.accountId) throw notFound();
    const found = await findByLookup(db, lookup, auth.accountId);
    if (!found) throw notFound();
    return finish(found, 'full');
  }

  const limiter = getLimiter();
  const ipKey = `ip:${clientIp}`;
  const idKey = `id:${lookup.account ?? '*'}:${lookup.type}:${signedValue(lookup)}`;
  const lockedFor = Math.max(await limiter.lockedFor(ipKey), await limiter.lockedFor(idKey));
  if (lockedFor > 0) throw rateLimited(lockedFor);
  const wait = await limiter.spend(ipKey);
  if (wait > 0) throw rateLimited(wait);

  const proof = proofOf(query, lookup);
  const hasProof = proof.postalCode !== undefined || proof.email !== undefined;
  const presentedProof = hasProof || query.s !== undefined;
  const failedProof = async () => {
    if (presentedProof) await Promise.all([limiter.recordFailure(ipKey), limiter.recordFailure(idKey)]);
    return notFound();
  };

  // Without a signature the policy decides from the lookup type alone, before any order is read.
  if (query.s === undefined) {
    const account = lookup.account === undefined ? undefined : await getAccount(db, lookup.account);
    const policy = account ? effectivePolicy(account.access_policy) : DEFAULT_ACCESS_POLICY;
    if (needsVerification(policy[lookup.type], hasProof)) {
      throw new ApiError('verification_required', 'verificationRequired');
    }
  }

  const found = await findByLookup(db, lookup);
  if (!found) throw await failedProof();

  if (query.s !== undefined) {
    const account = await getAccount(db, found.accountId);
    const valid =
      account !== undefined &&
      verifyLink(
        query.s,
        [account.link_secret, account.link_secret_previous],
        found.accountId,
        lookup.type,
        signedValue(lookup),
        Math.floor(now.getTime() / 1000),
      );
    if (!valid) throw await failedProof();
    return finish(found, 'full');
  }

  if (lookup.account === undefined) {
    // Tracking lookups may omit the account; its own policy applies once the tracking is known.
    // A 401 here would tell that the tracking exists, so it answers as for a missing one.
    const account = await getAccount(db, found.accountId);
    if (needsVerification(effectivePolicy(account?.access_policy)[lookup.type], hasProof)) {
      throw await failedProof();
    }
  }
  if (!hasProof) return finish(found, 'limited');
  // The postal code may be on any tracking of the order, so those are read to check it.
  const rows = proof.postalCode === undefined ? undefined : await loadRows(db, found);
  if (!proofMatches(found, rows, proof)) throw await failedProof();
  return finish(found, 'full', rows);
}
