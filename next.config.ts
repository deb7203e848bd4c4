import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  // The API is documented with a trailing slash (`/v4/track/orders/info/`); both forms must answer
  // directly, because a redirect would cost email image proxies a round trip.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  serverExternalPackages: ['pino', 'better-sqlite3', 'pg', 'ioredis'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};

export default createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
