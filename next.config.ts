import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // The API is documented with a trailing slash (`/v4/track/orders/info/`); both forms must answer
  // directly, because a redirect would cost email image proxies a round trip.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // forbidden() answers an agent on an admin page with a 403 (lib/staff/session.ts).
  experimental: { authInterrupts: true },
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
