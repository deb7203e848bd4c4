import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // The API is documented with a trailing slash (`/v4/track/orders/info/`); both forms must answer
  // directly, because a redirect would cost email image proxies a round trip.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  experimental: {
    // forbidden() answers an agent on an admin page with a 403 (lib/staff/session.ts).
    authInterrupts: true,
    // Each route's code is loaded when it is first asked for, not every route at start: an
    // instance that serves the API and the shopper pages never holds the staff portal's or the
    // docs' code (the bench, 1M orders: resident memory 309 → 286 MB). The first request to a
    // route after a start takes its load time (~0.1–0.3 s).
    preloadEntriesOnStart: false,
    // The stylesheet (about 5 kB compressed) in the page itself: a shopper opening a link from an
    // email has nothing cached, and a page cannot paint before its stylesheet has arrived, one
    // more round trip on a phone's connection (Lighthouse's simulated FCP: about 0.8 → 0.72 s).
    inlineCss: true,
  },
  serverExternalPackages: ['pino', 'better-sqlite3', 'pg', 'ioredis'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
