import 'server-only';
import { betterAuth, type BetterAuthOptions, type SecondaryStorage } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Redis } from 'ioredis';
import { getConfig } from '@/lib/config';
import { type Db, getDb, isPostgres } from '@/lib/db/client';
import { getInstanceSecret } from '@/lib/db/staff';
import { log } from '@/lib/log';
import { perProcess } from '@/lib/process-state';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/schemas/staff';
import { type AttemptLimiter, createMemoryLimiter, createSharedLimiter, sharedRedis } from './limits';

/** Where better-auth answers (app/api/auth/[...all]/route.ts). */
export const STAFF_AUTH_PATH = '/api/auth';
export const STAFF_COOKIE_PREFIX = 'portal-staff';
export const SIGN_IN_LOCKED = 'SIGN_IN_LOCKED';
const CLIENT_IP_HEADER = 'x-portal-client-ip';

/** Request headers for better-auth, naming the client; whatever the client sent under that name is replaced. */
export function withClientIp(headers: Headers, ip: string): Headers {
  const copy = new Headers(headers);
  copy.set(CLIENT_IP_HEADER, ip);
  return copy;
}

// better-auth's tables carry a staff_ prefix and snake_case columns like ours: its "account" model
// (a way to sign in) must not be confused with our merchant `accounts`.
const snake = <K extends string>(...keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])) as Record<
    K,
    string
  >;

export const STAFF_TABLES = {
  user: { modelName: 'staff_users', fields: snake('emailVerified', 'createdAt', 'updatedAt') },
  session: {
    modelName: 'staff_sessions',
    fields: snake('expiresAt', 'createdAt', 'updatedAt', 'ipAddress', 'userAgent', 'userId'),
  },
  account: {
    modelName: 'staff_credentials',
    fields: snake(
      'accountId',
      'providerId',
      'userId',
      'accessToken',
      'refreshToken',
      'idToken',
      'accessTokenExpiresAt',
      'refreshTokenExpiresAt',
      'createdAt',
      'updatedAt',
    ),
  },
  verification: { modelName: 'staff_verifications', fields: snake('expiresAt', 'createdAt', 'updatedAt') },
} as const;

export type StaffAuthSettings = {
  secret: string;
  /** The portal's public origin; without it better-auth takes the request's. */
  baseUrl?: string;
  /** Sessions are mirrored here (and the sign-in rate limits counted) when set. */
  redis?: Redis;
  redisPrefix?: string;
  lockout: AttemptLimiter;
  /** Lets server actions set the session cookie (Next's cookies()); off for the CLI and tests. */
  nextCookies?: boolean;
};

/**
 * Sessions on Redis in front of the database. The database stays the record (sessions are stored
 * there too), so a read that Redis cannot answer falls back to it; a failed delete is raised,
 * since a session Redis kept would outlive its sign-out.
 */
export function redisSecondaryStorage(redis: Redis, prefix: string): SecondaryStorage {
  const key = (k: string) => `${prefix}:auth:${k}`;
  return {
    async get(k) {
      try {
        return await redis.get(key(k));
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'session store unavailable; reading the database');
        return null;
      }
    },
    async set(k, value, ttl) {
      try {
        if (ttl) await redis.set(key(k), value, 'EX', Math.max(1, Math.ceil(ttl)));
        else await redis.set(key(k), value);
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'session store unavailable; kept in the database only');
      }
    },
    async delete(k) {
      await redis.del(key(k));
    },
    // One-time values (two-factor steps): taken once, or not at all.
    async getAndDelete(k) {
      return redis.getdel(key(k));
    },
    // better-auth's rate limit counters: a fixed window from the first request.
    async increment(k, ttl) {
      try {
        const replies = await redis
          .multi()
          .set(key(k), '0', 'EX', Math.max(1, Math.ceil(ttl)), 'NX')
          .incr(key(k))
          .exec();
        return Number(replies?.[1]?.[1] ?? 1);
      } catch (error) {
        // Unreachable Redis lets requests through rather than failing them; the sign-in lockout
        // still counts in process meanwhile (lib/access/limits.ts).
        log.warn({ err: (error as Error).message }, 'rate limit store unavailable');
        return 1;
      }
    },
  };
}

/** The email a sign-in names, as the lockout counts it. */
export function lockoutKey(email: unknown): string | null {
  return typeof email === 'string' && email.trim() ? `staff-sign-in:${email.trim().toLowerCase()}` : null;
}

export function staffAuthOptions(db: Db, settings: StaffAuthSettings) {
  const { lockout } = settings;
  return {
    appName: 'Order status portal',
    basePath: STAFF_AUTH_PATH,
    // Without PUBLIC_BASE_URL the portal answers under whatever host it is reached by; a form or
    // fetch from that same host is the only origin to trust (browsers set Origin, not pages).
    ...(settings.baseUrl
      ? { baseURL: settings.baseUrl }
      : {
          trustedOrigins: (request?: Request) => {
            const host = request?.headers.get('host');
            return host ? [`http://${host}`, `https://${host}`] : [];
          },
        }),
    secret: settings.secret,
    database: { db, type: isPostgres(db) ? 'postgres' : 'sqlite', transaction: true },
    ...(settings.redis
      ? { secondaryStorage: redisSecondaryStorage(settings.redis, settings.redisPrefix ?? 'portal') }
      : {}),
    telemetry: { enabled: false },
    // Into our JSON logs; failed sign-ins are warnings there too.
    logger: {
      level: 'warn',
      log: (level, message) => log[level]({ source: 'better-auth' }, message),
    },
    emailAndPassword: {
      enabled: true,
      // Staff are created by the CLI or an admin, never by signing up.
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
    },
    disabledPaths: ['/sign-up/email', '/update-user', '/delete-user', '/change-email'],
    ...STAFF_TABLES,
    session: {
      ...STAFF_TABLES.session,
      // With Redis the session is mirrored there, but the database keeps the record.
      storeSessionInDatabase: true,
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
    },
    rateLimit: {
      enabled: true,
      storage: settings.redis ? 'secondary-storage' : 'memory',
      window: 60,
      max: 100,
    },
    advanced: {
      cookiePrefix: STAFF_COOKIE_PREFIX,
      // Secure cookies exactly when the public address is https; unset, better-auth decides
      // (Secure in production, which browsers accept on https and on localhost).
      ...(settings.baseUrl ? { useSecureCookies: settings.baseUrl.startsWith('https:') } : {}),
      // better-auth takes X-Forwarded-For only when it names one address; ours names the trusted
      // proxies too (TRUSTED_PROXY_HOPS). The app hands it the client the rest of the portal
      // counts (withClientIp) in a header of its own instead.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: {
      // Lockout per email, whatever the address: N failed sign-ins in the window lock that email
      // until the window ends, for a right password too. Unknown emails count alike, so a lock says
      // nothing about whether a staff member has that email.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const key = lockoutKey((ctx.body as { email?: unknown } | undefined)?.email);
        if (!key) return;
        const lockedForS = await lockout.lockedFor(key);
        if (lockedForS > 0) {
          throw new APIError(
            'TOO_MANY_REQUESTS',
            { message: 'Too many failed sign-ins.', code: SIGN_IN_LOCKED, retryAfterS: lockedForS },
            { 'Retry-After': String(lockedForS) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const returned = ctx.context.returned;
        if (!(returned instanceof APIError) || returned.statusCode !== 401) return;
        const key = lockoutKey((ctx.body as { email?: unknown } | undefined)?.email);
        if (key) await lockout.recordFailure(key);
      }),
    },
    plugins: [
      twoFactor({
        issuer: 'Order status portal',
        schema: {
          user: { fields: { twoFactorEnabled: 'two_factor_enabled' } },
          twoFactor: {
            modelName: 'staff_two_factors',
            fields: snake('backupCodes', 'userId', 'failedVerificationCount', 'lockedUntil'),
          },
        },
      }),
      // Last, as better-auth asks: it sets the cookies of whatever ran before it.
      ...(settings.nextCookies ? [nextCookies()] : []),
    ],
  } satisfies BetterAuthOptions;
}

export function createStaffAuth(db: Db, settings: StaffAuthSettings) {
  return betterAuth(staffAuthOptions(db, settings));
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;

/** The lockout counters of staff sign-ins: in process, or on Redis shared by every instance. */
export function createStaffLockout(options: {
  maxFailures: number;
  minutes: number;
  maxKeys?: number;
  redis?: Redis;
  redisPrefix?: string;
}): AttemptLimiter {
  const limits = {
    maxFailures: options.maxFailures,
    failureWindowS: options.minutes * 60,
    requestsPerMinute: 0,
    maxKeys: options.maxKeys,
  };
  return options.redis
    ? createSharedLimiter(limits, options.redis, `${options.redisPrefix ?? 'portal'}:staff`)
    : createMemoryLimiter(limits);
}

/** The process's staff auth, on the process's database (created on first use). */
export function getStaffAuth(): Promise<StaffAuth> {
  return perProcess('staff-auth', async () => {
    const config = getConfig();
    const db = getDb();
    const redis = config.REDIS_URL ? sharedRedis(config.REDIS_URL) : undefined;
    return createStaffAuth(db, {
      secret: config.STAFF_AUTH_SECRET ?? (await getInstanceSecret(db, 'staff_auth')),
      baseUrl: config.PUBLIC_BASE_URL,
      redis,
      redisPrefix: config.REDIS_KEY_PREFIX,
      lockout: createStaffLockout({
        maxFailures: config.STAFF_LOCKOUT_MAX_FAILURES,
        minutes: config.STAFF_LOCKOUT_MINUTES,
        maxKeys: config.LIMITER_MAX_KEYS,
        redis,
        redisPrefix: config.REDIS_KEY_PREFIX,
      }),
      nextCookies: true,
    });
  });
}
