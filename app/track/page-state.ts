import 'server-only';
import { cache } from 'react';
import type { Branding } from '@/lib/branding/branding';
import { getDb, type Db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { infoQuerySchema, type InfoQuery } from '@/lib/schemas/info-query';
import { supportedLocale } from '@/lib/i18n/locales';
import { pageAccount } from '../page-account';
import { getBranding, shopsWithTracking } from '@/lib/orders/branding';
import { resolveLookup } from '@/lib/orders/lookup';
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

export type TrackPageState =
  | { kind: 'order'; order: ReadResult; branding: Branding; query: InfoQuery }
  | {
      kind: 'form';
      /**
       * lookup: nothing asked yet; verify: a proof is needed; choose_shop: trackings of several
       * shops have this number; the rest: what went wrong.
       */
      reason: 'lookup' | 'verify' | 'choose_shop' | 'not_found' | 'rate_limited' | 'invalid';
      branding: Branding;
      account: number | undefined;
      retryAfterS?: number;
      /** The invalid fields a shopper knows, as `page` message keys; the rest came in the link. */
      invalidLabels?: FieldLabel[];
      /** Ask again for the postal code only, keeping the lookup: see `proofOnlyRetry`. */
      proofOnly?: boolean;
      /** For choose_shop: the shops to choose from. */
      shops?: Array<{ account: number; name: string }>;
      query: Partial<InfoQuery>;
    };

/**
 * A postal code that unlocked nothing on a lookup that is not by order number (the limited
 * view's unlock form): ask for the postal code again instead of starting over. Decided from the
 * request alone, so an unknown tracking number gets the very same answer as a wrong postal code.
 */
function proofOnlyRetry(query: Partial<InfoQuery>): boolean {
  return query.recipient_postal_code !== undefined && query.order_number === undefined;
}

/**
 * The shopper page's view of a lookup: the same read as the API, with its errors turned into
 * what the page shows. A wrong postal code and an unknown order are the same `not_found`.
 */
export async function readTrackPage(
  db: Db,
  params: Record<string, string>,
  clientIp: string,
): Promise<TrackPageState> {
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
      account,
      invalidLabels: fieldLabels(invalidFields),
      // Only the postal code is wrong: ask for it again on the same lookup.
      proofOnly: invalidFields.every((f) => f === 'recipient_postal_code') && proofOnlyRetry(params),
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
  const form = async (
    reason: Exclude<TrackPageState, { kind: 'order' }>['reason'],
    retryAfterS?: number,
  ) => ({
    kind: 'form' as const,
    reason,
    branding: await getBranding(db, query.account, query.client_key),
    account: query.account,
    retryAfterS,
    proofOnly: reason === 'not_found' && proofOnlyRetry(query),
    query,
  });
  try {
    const order = await readOrderInfo(db, {
      query,
      bearer: null,
      clientIp,
      limitedWhenLocked: true,
      channel: 'page',
    });
    const branding = await getBranding(db, order.accountId, order.info.client_key ?? query.client_key);
    return { kind: 'order', order, branding, query };
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
 * readTrackPage once per request, shared by the page and its metadata: a second read would count
 * a wrong postal code twice towards the lockout. Keyed by the query string, as `cache` compares
 * its arguments by identity.
 */
export const readTrackPageOnce = cache((query: string, clientIp: string): Promise<TrackPageState> =>
  readTrackPage(getDb(), Object.fromEntries(new URLSearchParams(query)), clientIp),
);
