import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LookupType } from '@/lib/status/vocabulary';

// The link signature `s` of SPEC §2. The algorithm is public so merchants can mint links offline:
//   canonical = "v2" LF account LF client_key LF lookup LF value LF expires
//   s         = expires "." base64url(HMAC-SHA256(secret, canonical))
// The client key is bound so a link for one brand never opens another brand's order with the same
// number; `v1` signatures, which lacked it, are no longer accepted.

export const DEFAULT_LINK_LIFETIME_S = 90 * 86_400;
/** A link shorter-lived than this would be dead before the email arrives. */
export const MIN_LINK_LIFETIME_S = 60;
/** Ten years: far past any shipping email, and within the 12 digits `s` allows for `expires`. */
export const MAX_LINK_LIFETIME_S = 3650 * 86_400;

/** What a signature binds besides its expiry. */
export type SignedLookup = {
  account: number;
  /** The client key the link names; empty or absent when it names none. */
  clientKey?: string | null;
  lookup: LookupType;
  /** The canonical value: see canonicalValue. */
  value: string;
};

/** The value that is signed: `courier:number` for tracking numbers, lower-cased emails. */
export function canonicalValue(lookup: LookupType, value: string, courier?: string): string {
  if (lookup === 'tracking_number') return `${(courier ?? '').toLowerCase()}:${value}`;
  if (lookup === 'recipient_email') return value.toLowerCase();
  return value;
}

function mac(secret: string, signed: SignedLookup, expires: number): string {
  const canonical = [
    'v2',
    String(signed.account),
    signed.clientKey ?? '',
    signed.lookup,
    signed.value,
    String(expires),
  ].join('\n');
  return createHmac('sha256', secret).update(canonical).digest('base64url');
}

export function signLink(secret: string, signed: SignedLookup, expires: number): string {
  return `${expires}.${mac(secret, signed, expires)}`;
}

// One spelling per signature: no leading zeros, at most 12 digits, and exactly the 43 characters
// of an unpadded SHA-256 base64url MAC.
const S_FORMAT = /^([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/;

/**
 * True when `s` is a well-formed, unexpired signature by one of the secrets. Both secrets are
 * always checked so the time taken does not tell which one matched.
 */
export function verifyLink(
  s: string,
  secrets: ReadonlyArray<string | null | undefined>,
  signed: SignedLookup,
  nowS: number,
): boolean {
  const match = S_FORMAT.exec(s);
  if (!match) return false;
  const expires = Number(match[1]);
  // Compare the text, not decoded bytes: the last base64 character carries unused bits, so several
  // spellings decode to the same MAC and would otherwise all pass.
  const given = Buffer.from(match[2]!);
  let ok = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = Buffer.from(mac(secret, signed, expires));
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok && expires > nowS;
}

/** `3600`, `45s`, `30m`, `12h`, `90d` → seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`Not a duration: ${text}`);
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}
