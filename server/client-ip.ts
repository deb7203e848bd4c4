import type { IncomingHttpHeaders } from 'node:http';

/**
 * Decides who the client is, once, from the socket: rewrites the request's forwarding headers in
 * place before anything else reads them.
 *
 * `X-Forwarded-For` becomes the last `trustedHops` addresses the trusted proxies appended, then the
 * socket's peer. With 0 hops (no proxy in front) it is the peer alone, whatever the client sent;
 * behind one proxy it is the address that proxy appended and the proxy itself; and so on. The
 * client is then always the first entry (see lib/http's clientIp). Example, two trusted proxies:
 *   the client sends    X-Forwarded-For: 6.6.6.6          (forged)
 *   proxy A appends     X-Forwarded-For: 6.6.6.6, 203.0.113.7
 *   proxy B appends     X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.2
 *   we see the socket   10.0.0.3 (proxy B)
 *   rewritten to        X-Forwarded-For: 203.0.113.7, 10.0.0.2, 10.0.0.3  → client 203.0.113.7
 * `X-Real-IP` and `Forwarded` are kept only behind trusted proxies, which set them; else they are
 * the client's own words and are dropped.
 */
export function rewriteForwardedFor(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  trustedHops: number,
): void {
  const received = ([] as string[])
    .concat(headers['x-forwarded-for'] ?? [])
    .flatMap((value) => value.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  const trusted = trustedHops > 0 ? received.slice(-trustedHops) : [];
  headers['x-forwarded-for'] = [...trusted, normalizeAddress(socketAddress)].join(', ');
  if (trustedHops === 0) {
    delete headers['x-real-ip'];
    delete headers.forwarded;
  }
}

/** `::ffff:127.0.0.1` → `127.0.0.1`: one spelling per IPv4 client, whichever stack it came in on. */
function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
