import { canonicalValue, type SignedLookup } from '@/lib/access/signature';
import { DomainError } from '@/lib/errors';
import type { InfoQuery } from '@/lib/schemas/info-query';

export type Lookup =
  | { type: 'tracking_id'; value: string; account?: number }
  | { type: 'tracking_number'; value: string; courier: string; account?: number }
  | { type: 'order_number'; value: string; account: number; clientKey?: string }
  | {
      type: 'external_order_id' | 'external_reference' | 'customer_number' | 'recipient_email';
      value: string;
      account: number;
    };

/**
 * The primary lookup of a query, by SPEC §2's precedence 7, 4, 1, 2, 3, 5, 6; null when no set is
 * complete. `recipient_email` only identifies the order when nothing else does.
 */
export function resolveLookup(q: InfoQuery): Lookup | null {
  if (q.tracking_id) return { type: 'tracking_id', value: q.tracking_id, account: q.account };
  if (q.tracking_number && q.courier) {
    return { type: 'tracking_number', value: q.tracking_number, courier: q.courier, account: q.account };
  }
  if (q.account === undefined) return null;
  const account = q.account;
  if (q.order_number)
    return { type: 'order_number', value: q.order_number, account, clientKey: q.client_key };
  const byField = (
    ['external_order_id', 'external_reference', 'customer_number', 'recipient_email'] as const
  ).find((field) => q[field] !== undefined);
  return byField ? { type: byField, value: q[byField]!, account } : null;
}

/** The query's lookup, or the `lookup_required` error that lists the complete sets. */
export function requireLookup(q: InfoQuery): Lookup {
  const lookup = resolveLookup(q);
  if (!lookup) throw new DomainError('lookup_required', 'lookupRequired');
  return lookup;
}

/** The proof of the query besides the lookup itself: a postal code or an email. */
export function proofOf(q: InfoQuery, lookup: Lookup) {
  return {
    postalCode: q.recipient_postal_code,
    email: lookup.type === 'recipient_email' ? undefined : q.recipient_email,
  };
}

/** The identifier as it is signed and counted: `courier:number` for tracking numbers. */
export function lookupValue(lookup: Lookup): string {
  return canonicalValue(
    lookup.type,
    lookup.value,
    lookup.type === 'tracking_number' ? lookup.courier : undefined,
  );
}

/** What a link signature for this lookup binds (SPEC §2 "The signature `s`"). */
export function signedLookup(lookup: Lookup, account: number): SignedLookup {
  return {
    account,
    clientKey: lookup.type === 'order_number' ? lookup.clientKey : undefined,
    lookup: lookup.type,
    value: lookupValue(lookup),
  };
}
