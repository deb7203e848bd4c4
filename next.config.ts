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
    // The stylesheet in the page itself: with a <link>, it arrived beside the scripts, and Chrome
    // ran them (hydration included) before the first paint, so LCP waited for all JavaScript.
    // Inline, the page paints as soon as its HTML is parsed (5 kB more HTML, gzipped).
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
