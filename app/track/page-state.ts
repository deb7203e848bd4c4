import 'server-only';
import { randomUUID } from 'node:crypto';
import { cache } from 'react';
import { z } from 'zod';
import type { Branding, ShopContact } from '@/lib/branding/branding';
import { getConfig } from '@/lib/config';
import { perProcess } from '@/lib/process-state';
import { getDb, type Db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { infoQuerySchema, type InfoQuery } from '@/lib/schemas/info-query';
import { supportedLocale } from '@/lib/i18n/locales';
import { pageAccount } from '../page-account';
import { getBranding, getShopContact, shopsWithTracking } from '@/lib/orders/branding';
import { unlockedPageUrl } from '@/lib/orders/links';
import { requireLookup, resolveLookup } from '@/lib/orders/lookup';
import { readOrderInfo, type ReadResult } from '@/lib/orders/read-order';

/** Query parameters a shopper typed or can read on the page, with the label they know them by. */
const FIELD_LABELS = {
  order_number: 'orderNumber',
  recipient_postal_code: 'postalCode',
  tracking_number: 'trackingNumber',
} as const;
type FieldLabel = (typeof FIELD_LABELS)[keyof typeof FIELD_LABELS];

function fieldLabels(fields: string[]): FieldLabel[] {
  return fields.flatMap((f) => (f in FIELD_LABELS ? [FIELD_LABELS[f as keyof typeof FIELD_LABELS]] : []));
}

/**
 * How a proof attempt ended, carried in the URL of the page it leads to (never the proof): the
 * page shows it without reading the proof again, so an attempt counts once.
 */
export type Attempt = { reason: 'not_found' | 'invalid' | 'rate_limited'; retryAfterS?: number };

export type TrackPageState =
  | {
      kind: 'order';
      order: ReadResult;
      branding: Branding;
      contact: ShopContact;
      query: InfoQuery;
      /** A refused unlock of this (limited) view: say why beside the unlock form. */
      attempt?: Attempt;
    }
  | { kind: 'redirect'; location: string }
  | {
      kind: 'form';
      /**
       * lookup: nothing asked yet; verify: a proof is needed; choose_shop: trackings of several
       * shops have this number; the rest: what went wrong.
       */
      reason: 'lookup' | 'verify' | 'choose_shop' | 'not_found' | 'rate_limited' | 'invalid';
      branding: Branding;
      contact: ShopContact;
      account: number | undefined;
      retryAfterS?: number;
      /** The invalid fields a shopper knows, as `page` message keys; the rest came in the link. */
      invalidLabels?: FieldLabel[];
      /** Ask again for the postal code only, keeping the lookup: see `withAttempt`. */
      proofOnly?: boolean;
      /** For choose_shop: the shops to choose from. */
      shops?: Array<{ account: number; name: string }>;
      query: Partial<InfoQuery>;
    };

type ReadState = Exclude<TrackPageState, { kind: 'redirect' }>;
type FormState = Extract<TrackPageState, { kind: 'form' }>;

/**
 * A lookup read as the API reads it, with its errors turned into what the page shows. A wrong
 * postal code and an unknown order are the same `not_found`.
 */
async function readLookup(
  db: Db,
  params: Record<string, string>,
  clientIp: string,
  acceptLang: string | null,
): Promise<ReadState> {
  // A language the portal cannot show, even a malformed one, falls back like a missing one
  // (SPEC §2) instead of failing the lookup.
  const { lang, ...withoutLang } = params;
  const parsed = infoQuerySchema.safeParse(supportedLocale(lang) ? params : withoutLang);
  if (!parsed.success) {
    const account = pageAccount(params.account);
    const invalidFields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    return {
      kind: 'form',
      reason: 'invalid',
      branding: await getBranding(db, account),
      contact: await getShopContact(db, account),
      account,
      invalidLabels: fieldLabels(invalidFields),
      // What the shopper typed stays in the form, so a slip costs one field, not the whole lookup.
      query: { order_number: params.order_number },
    };
  }
  // Tracking lookups search every shop (SPEC §2); the others need one, the page's default.
  const lookupType = resolveLookup(parsed.data)?.type;
  const byTracking = lookupType === 'tracking_id' || lookupType === 'tracking_number';
  const query = {
    ...parsed.data,
    account: parsed.data.account ?? (byTracking ? undefined : pageAccount(undefined)),
  };
  const form = async (reason: FormState['reason'], retryAfterS?: number) => ({
    kind: 'form' as const,
    reason,
    branding: await getBranding(db, query.account, query.client_key),
    contact: await getShopContact(db, query.account, query.client_key),
    account: query.account,
    retryAfterS,
    query,
  });
  try {
    const order = await readOrderInfo(db, {
      query,
      bearer: null,
      clientIp,
      limitedWhenLocked: true,
      channel: 'page',
      fallbackLang: acceptLang,
    });
    const clientKey = order.info.client_key ?? query.client_key;
    const [branding, contact] = await Promise.all([
      getBranding(db, order.accountId, clientKey),
      getShopContact(db, order.accountId, clientKey),
    ]);
    return { kind: 'order', order, branding, contact, query };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const code = error.entries[0]?.code;
    if (code === 'lookup_required') return form('lookup');
    if (code === 'verification_required') return form('verify');
    if (code === 'rate_limited') return form('rate_limited', error.retryAfterS ?? 60);
    if (code === 'not_found') {
      const shops = await shopsToChooseFrom(db, query);
      return shops.length > 0 ? { ...(await form('choose_shop')), shops } : form('not_found');
    }
    return form('invalid');
  }
}

const ATTEMPT_PARAMS = ['attempt', 'retry_after'] as const;
// The longest wait a URL may announce, so a crafted link cannot claim a lockout of weeks.
const MAX_RETRY_AFTER_S = 86_400;

const attemptSchema = z.object({
  attempt: z.enum(['not_found', 'invalid', 'rate_limited']),
  retry_after: z.coerce.number().int().min(1).max(MAX_RETRY_AFTER_S).optional().catch(undefined),
});

function attemptOf(params: Record<string, string>): Attempt | undefined {
  const parsed = attemptSchema.safeParse(params);
  return parsed.success ? { reason: parsed.data.attempt, retryAfterS: parsed.data.retry_after } : undefined;
}

/** The page's query without the attempt it reports: what links and forms on the page repeat. */
export function withoutAttempt(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(([name]) => !(ATTEMPT_PARAMS as readonly string[]).includes(name)),
  );
}

/** Whether the page's query carries a proof, which the page answers with a redirect. */
export function carriesProof(params: Record<string, string>): boolean {
  return proofParams(params).length > 0;
}

/**
 * The proofs among the query parameters: the postal code, and the email unless it is the lookup
 * itself (SPEC §2: then it identifies the order). The same rule decides what a redirect drops,
 * so the URL it leads to never carries a proof again.
 */
function proofParams(params: Record<string, string>): string[] {
  const names = params.recipient_postal_code === undefined ? [] : ['recipient_postal_code'];
  if (params.recipient_email !== undefined) {
    const { recipient_email: _email, lang: _lang, ...others } = params;
    const parsed = infoQuerySchema.safeParse({ account: String(pageAccount(undefined) ?? ''), ...others });
    if (!parsed.success || resolveLookup(parsed.data)) names.push('recipient_email');
  }
  return names;
}

// What a proof-free page URL keeps: the lookup and how to show it. A refresh or paging parameter
// would be repeated by every later view.
const KEPT_PARAMS = Object.keys(infoQuerySchema.shape).filter(
  (name) => name !== 'live_refresh' && name !== 'checkpoints_offset',
);

/** The /track URL of the lookup without its proofs, reporting `attempt` when given. */
function proofFreeUrl(params: Record<string, string>, proofs: string[], attempt?: Attempt): string {
  const search = new URLSearchParams();
  for (const name of KEPT_PARAMS) {
    if (params[name] !== undefined && !proofs.includes(name)) search.set(name, params[name]);
  }
  if (attempt) search.set('attempt', attempt.reason);
  if (attempt?.retryAfterS)
    search.set('retry_after', String(Math.min(attempt.retryAfterS, MAX_RETRY_AFTER_S)));
  return `/track?${search}`;
}

/**
 * A lookup with a proof (the lookup and unlock forms, or an old link with `postal_code`): checks
 * the proof once, as the page's read does (lockout, rate limit, access log), and returns where the
 * shopper goes next. A match leads to the lookup with a short-lived signature instead of the
 * proof; anything else to the lookup without the proof, reporting what went wrong, so a wrong
 * code keeps the view the shopper had. No URL it returns carries a proof.
 */
export async function submitLookup(
  db: Db,
  params: Record<string, string>,
  clientIp: string,
  acceptLang: string | null = null,
): Promise<string> {
  const proofs = proofParams(params);
  // Beside a signature the proof is moot (a read checks `s` alone): it is only dropped, and the
  // page reads the link, once.
  if (proofs.length === 0 || params.s !== undefined) return proofFreeUrl(params, proofs);
  const back = (attempt?: Attempt) => proofFreeUrl(params, proofs, attempt);
  const state = await readLookup(db, params, clientIp, acceptLang);
  if (state.kind === 'order') {
    const { order, query } = state;
    if (order.level !== 'full') return back({ reason: 'rate_limited', retryAfterS: order.lockedForS });
    const url = await unlockedPageUrl(db, order.accountId, requireLookup(query), {
      clientKey: order.info.client_key,
      lang: supportedLocale(query.lang) ?? order.locale,
      lifetimeS: getConfig().UNLOCK_LINK_LIFETIME_S,
    });
    return query.single_tracking ? `${url}&single_tracking=true` : url;
  }
  if (state.reason === 'rate_limited')
    return back({ reason: 'rate_limited', retryAfterS: state.retryAfterS });
  if (state.reason === 'not_found' || state.reason === 'choose_shop') return back({ reason: 'not_found' });
  // A malformed postal code is reported; any other bad field stays in the URL and reports itself.
  if (state.reason === 'invalid' && state.invalidLabels?.includes('postalCode'))
    return back({ reason: 'invalid' });
  // No complete lookup, one whose policy a proof does not satisfy, or a bad field of the link: the
  // page answers as it would without the proof.
  return back();
}

/**
 * The view after a refused proof, from the lookup read without it: the limited view says why and
 * asks again; a form shows the refusal. A lookup without an order number asks only for the postal
 * code again, so an unknown tracking number reads like a wrong postal code.
 */
function withAttempt(state: ReadState, attempt: Attempt): ReadState {
  if (state.kind === 'order') return state.order.level === 'limited' ? { ...state, attempt } : state;
  if (state.reason === 'choose_shop' || state.reason === 'rate_limited' || state.reason === 'lookup')
    return state;
  const proofOnly = state.query.order_number === undefined;
  if (attempt.reason === 'rate_limited') {
    return { ...state, reason: 'rate_limited', retryAfterS: attempt.retryAfterS ?? 60, proofOnly: false };
  }
  if (attempt.reason === 'invalid') {
    const labels = new Set<FieldLabel>([...(state.invalidLabels ?? []), 'postalCode']);
    return { ...state, reason: 'invalid', invalidLabels: [...labels], proofOnly };
  }
  return { ...state, reason: 'not_found', proofOnly };
}

/**
 * The shopper page's view of its URL. A URL with a proof is answered by a redirect (see
 * submitLookup) so the proof leaves the address bar; an attempt the URL reports is shown.
 */
export async function readTrackPage(
  db: Db,
  params: Record<string, string>,
  clientIp: string,
  acceptLang: string | null = null,
): Promise<TrackPageState> {
  if (carriesProof(params))
    return { kind: 'redirect', location: await submitLookup(db, params, clientIp, acceptLang) };
  const attempt = attemptOf(params);
  const state = await readLookup(db, withoutAttempt(params), clientIp, acceptLang);
  return attempt ? withAttempt(state, attempt) : state;
}

/**
 * When a tracking number without a shop matched nothing because several shops have it, the shops
 * to ask the shopper about.
 */
async function shopsToChooseFrom(db: Db, query: InfoQuery) {
  if (query.account !== undefined || query.tracking_id || !query.tracking_number || !query.courier) return [];
  const shops = await shopsWithTracking(db, query.courier, query.tracking_number);
  return shops.length > 1 ? shops : [];
}

/**
 * The request header by which our server (server/page-cache.ts) hands the page the read it made
 * for this request, so the page does not read (and log, and count) the order a second time. The
 * server removes the header from what clients send.
 */
export const HANDED_READ_HEADER = 'x-portal-page-read';

type HandedRead = { query: string; state: TrackPageState };
const handedReads = () => perProcess('handed-page-reads', () => new Map<string, HandedRead>());

/**
 * Keeps `state`, read for `query`, for the page that renders this request; the token goes into
 * HANDED_READ_HEADER and `release` forgets it when the response ends. Only requests in flight
 * hold an entry.
 */
export function handOver(query: string, state: TrackPageState): { token: string; release: () => void } {
  const token = randomUUID();
  handedReads().set(token, { query, state });
  return { token, release: () => handedReads().delete(token) };
}

/**
 * readTrackPage once per request, shared by the page and its metadata: a second read would count
 * a wrong postal code twice towards the lockout. Keyed by the query string, as `cache` compares
 * its arguments by identity. A read handed over for the same query is the request's read.
 */
export const readTrackPageOnce = cache(
  (
    query: string,
    clientIp: string,
    acceptLang: string | null,
    handed: string | null,
  ): Promise<TrackPageState> => {
    const read = handed === null ? undefined : handedReads().get(handed);
    if (read?.query === query) return Promise.resolve(read.state);
    return readTrackPage(getDb(), Object.fromEntries(new URLSearchParams(query)), clientIp, acceptLang);
  },
);
