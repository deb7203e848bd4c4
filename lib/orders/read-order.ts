import 'server-only';
import { getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import type { OrderRows } from '@/lib/db/order-queries';
import type { AccessChannel, AccessOutcome, AccessProof } from '@/lib/db/schema';
import { recordAccess } from '@/lib/access/access-log';
import { getLimiter } from '@/lib/access/limits';
import {
  type AccessPolicy,
  DEFAULT_ACCESS_POLICY,
  effectivePolicy,
  type LookupPolicy,
} from '@/lib/access/policy';
import { emailsMatch, postalCodesMatch } from '@/lib/access/proofs';
import { verifyLink } from '@/lib/access/signature';
import { authorize } from '@/lib/access/tokens';
import { DomainError } from '@/lib/errors';
import type { InfoQuery } from '@/lib/schemas/info-query';
import type { AccessLevel } from '@/lib/projection/types';
import { type FoundOrder, findByLookup, loadRows, orderRow } from './load-order';
import { type Lookup, lookupValue, proofOf, requireLookup, signedLookup } from './lookup';
import { type LiveRefreshStatus, liveRefresh } from './live-refresh';
import { type ProjectedOrder, presentOrder } from './present-order';

export type ReadRequest = {
  query: InfoQuery;
  /** The bearer token, when an Authorization header was sent. */
  bearer: string | null;
  clientIp: string;
  now?: Date;
  /**
   * For pages: a proof attempt on a locked order answers the limited view, where the account's
   * policy gives one without proof, instead of 429; `lockedForS` says for how long.
   */
  limitedWhenLocked?: boolean;
  /** Where the read came from, for the order's access log; the portal's own reads are not logged. */
  channel?: AccessChannel;
  /** Pages: the browser's language, used when neither `lang` nor the order names one. */
  fallbackLang?: string | null;
};

export type ReadResult = ProjectedOrder & {
  liveRefresh?: LiveRefreshStatus;
  /** The proof was not checked because the order is locked: seconds until it can be. */
  lockedForS?: number;
};

const notFound = () => new DomainError('not_found', 'notFound');
const rateLimited = (seconds: number) =>
  new DomainError('rate_limited', 'rateLimited', { retryAfterS: seconds });

/**
 * What failed proofs count against (SPEC §2 "Lockout"): the order, whichever identifier or lookup
 * form named it, so guesses do not multiply with the ways of naming one order; the identifier
 * when nothing was found.
 */
function lockoutKey(lookup: Lookup, found: FoundOrder | undefined): string {
  if (found?.order) return `order:${found.order.id}`;
  if (found?.matchedTracking) return `tracking:${found.matchedTracking.id}`;
  return `id:${lookup.account ?? '*'}:${lookup.type}:${lookupValue(lookup)}`;
}

async function policyOf(db: Db, accountId: number | undefined): Promise<AccessPolicy> {
  const account = accountId === undefined ? undefined : await getAccount(db, accountId);
  return account ? effectivePolicy(account.access_policy) : DEFAULT_ACCESS_POLICY;
}

function needsVerification(rule: LookupPolicy, hasProof: boolean) {
  return hasProof ? rule.with_proof === 'verify' : rule.no_proof === 'verify';
}

async function signatureValid(db: Db, s: string, lookup: Lookup, found: FoundOrder, now: Date) {
  const account = await getAccount(db, found.accountId);
  return (
    account !== undefined &&
    verifyLink(
      s,
      [account.link_secret, account.link_secret_previous],
      signedLookup(lookup, found.accountId),
      Math.floor(now.getTime() / 1000),
    )
  );
}

async function proofMatches(
  db: Db,
  found: FoundOrder,
  rows: OrderRows | undefined,
  proof: ReturnType<typeof proofOf>,
): Promise<boolean> {
  const order = await orderRow(db, found);
  const shipping = order?.shipping_address
    ? (JSON.parse(order.shipping_address) as { postal_code?: string })
    : null;
  const postalOk =
    proof.postalCode === undefined ||
    postalCodesMatch(proof.postalCode, shipping?.postal_code) ||
    (rows?.trackings ?? []).some(({ tracking }) =>
      postalCodesMatch(proof.postalCode!, tracking.recipient_postal_code),
    );
  const emailOk = proof.email === undefined || emailsMatch(proof.email, order?.recipient_email);
  return postalOk && emailOk;
}

/**
 * GET /v4/track/orders/info/: resolves the lookup, decides the access level (token, signature,
 * postal code or email, policy) and returns the projected order. Throws DomainError otherwise.
 */
export async function readOrderInfo(db: Db, request: ReadRequest): Promise<ReadResult> {
  const { query, clientIp } = request;
  const now = request.now ?? new Date();
  const lookup = requireLookup(query);
  const logAccess = (found: FoundOrder | undefined, proof: AccessProof, outcome: AccessOutcome) => {
    if (!request.channel || !found) return;
    recordAccess({
      accountId: found.accountId,
      orderId: found.order?.id ?? null,
      trackingId: found.order ? null : (found.matchedTracking?.id ?? null),
      at: now,
      channel: request.channel,
      lookupType: lookup.type,
      proof,
      outcome,
      clientIp,
    });
  };

  // Access is decided before anything reaches a carrier; a refresh that stored events re-reads the
  // order so the response and its version are current.
  const finish = async (
    found: FoundOrder,
    level: AccessLevel,
    proof: AccessProof,
    options: { rows?: OrderRows; lockedForS?: number } = {},
  ): Promise<ReadResult> => {
    logAccess(found, proof, level);
    let { rows } = options;
    let refreshed: LiveRefreshStatus | undefined;
    if (query.live_refresh) {
      const trackings = (rows ?? (await loadRows(db, found))).trackings.map((t) => t.tracking);
      refreshed = await liveRefresh(db, trackings, now);
      if (refreshed === 'updated') {
        found = (await findByLookup(db, lookup, found.accountId)) ?? found;
        rows = undefined;
      }
    }
    const projected = await presentOrder(db, found, {
      level,
      lang: query.lang,
      fallbackLang: request.fallbackLang,
      now,
      singleTracking: query.single_tracking,
      checkpointsOffset: query.checkpoints_offset,
      rows,
    });
    // Most reads neither refresh nor wait: the cached projection itself is the answer.
    if (refreshed === undefined && options.lockedForS === undefined) return projected;
    return { ...projected, liveRefresh: refreshed, lockedForS: options.lockedForS };
  };

  if (request.bearer !== null) {
    const auth = await authorize(db, request.bearer, 'read', now);
    // A token only ever sees its own account: another account's order is simply not found.
    if (lookup.account !== undefined && lookup.account !== auth.accountId) throw notFound();
    const found = await findByLookup(db, lookup, auth.accountId);
    if (!found) throw notFound();
    return finish(found, 'full', 'token');
  }

  const limiter = getLimiter();
  const ipKey = `ip:${clientIp}`;
  const wait = await limiter.spend(ipKey);
  if (wait > 0) throw rateLimited(wait);

  const proof = proofOf(query, lookup);
  const hasProof = proof.postalCode !== undefined || proof.email !== undefined;
  // The policy of the account the query names, read once: it is also the found order's account.
  let namedPolicy: Promise<AccessPolicy> | undefined;
  const policyFor = (accountId: number | undefined) =>
    accountId === lookup.account ? (namedPolicy ??= policyOf(db, accountId)) : policyOf(db, accountId);

  // Without a signature the policy decides from the lookup type alone, before any order is read.
  if (query.s === undefined && needsVerification((await policyFor(lookup.account))[lookup.type], hasProof)) {
    throw new DomainError('verification_required', 'verificationRequired');
  }

  const found = await findByLookup(db, lookup);
  const subjectKey = lockoutKey(lookup, found);
  const lockedFor = async () => Math.max(await limiter.lockedFor(ipKey), await limiter.lockedFor(subjectKey));
  const attempted: AccessProof =
    query.s !== undefined ? 'signature' : proof.postalCode !== undefined ? 'postal_code' : 'email';
  const failedProof = async () => {
    logAccess(found, attempted, 'refused');
    await Promise.all([limiter.recordFailure(ipKey), limiter.recordFailure(subjectKey)]);
    return notFound();
  };
  const refusedLocked = (seconds: number) => {
    logAccess(found, attempted, 'refused');
    return rateLimited(seconds);
  };

  if (query.s !== undefined) {
    // A valid signature needs no guess, so no lockout takes it away.
    if (found && (await signatureValid(db, query.s, lookup, found, now)))
      return finish(found, 'full', 'signature');
    const locked = await lockedFor();
    throw locked > 0 ? refusedLocked(locked) : await failedProof();
  }

  // A tracking lookup may omit the account; that account's own policy applies once the tracking is
  // known. Refusing with 401 then would tell that the tracking exists, so it answers as for a
  // missing one (and counts a proof, as a missing one does).
  const rule = found ? (await policyFor(found.accountId))[lookup.type] : null;
  if (!hasProof) {
    if (!found || needsVerification(rule!, false)) throw notFound();
    return finish(found, 'limited', 'none');
  }

  // A proof attempt: refused while the order or this client is locked, without checking it. The
  // view that needs no proof stays open (SPEC §2), so the pages show it instead.
  const locked = await lockedFor();
  if (locked > 0) {
    if (request.limitedWhenLocked && found && !needsVerification(rule!, false)) {
      return finish(found, 'limited', attempted, { lockedForS: locked });
    }
    throw refusedLocked(locked);
  }
  if (!found || needsVerification(rule!, true)) throw await failedProof();
  // The postal code may be on any tracking of the order, so those are read to check it.
  const rows = proof.postalCode === undefined ? undefined : await loadRows(db, found);
  if (!(await proofMatches(db, found, rows, proof))) throw await failedProof();
  return finish(found, 'full', attempted, { rows });
}
