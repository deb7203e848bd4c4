// The Content-Security-Policy nonce of a page answer. Hex only: a nonce the page cache
// (server/page-cache.ts) renews is found and replaced byte for byte, which an alphabet with `+`
// or `/` would not allow (JSON and HTML may escape those).
const NONCE = /'nonce-([A-Za-z0-9+/=_-]+)'/;

/** A fresh nonce: 122 random bits, as 32 hex digits. */
export function newNonce(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** The nonce of a Content-Security-Policy, if it has one. */
export function cspNonce(csp: string | null): string | null {
  return NONCE.exec(csp ?? '')?.[1] ?? null;
}
