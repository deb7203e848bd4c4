import 'server-only';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';

/**
 * Failed-proof lockout and the anonymous request budget. In process by default; on a shared Redis
 * when several instances serve one database, so an attacker cannot multiply the attempts by the
 * number of instances.
 */
export type AttemptLimiter = {
  /** Seconds until the key may try again; 0 when it is not locked out. */
  lockedFor(key: string): Promise<number>;
  /** Counts one failed proof against the key. */
  recordFailure(key: string): Promise<void>;
  /** Spends one anonymous request of the key's budget; seconds to wait when it is spent, else 0. */
  spend(key: string): Promise<number>;
};

export type LimitOptions = {
  maxFailures: number;
  failureWindowS: number;
  requestsPerMinute: number;
};

type Store = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function createLimiter(options: LimitOptions, store: Store): AttemptLimiter {
  const failures = store({
    keyPrefix: 'fail',
    points: options.maxFailures,
    duration: options.failureWindowS,
  });
  const requests = store({ keyPrefix: 'anon', points: options.requestsPerMinute, duration: 60 });
  return {
    async lockedFor(key) {
      const res = await failures.get(key);
      return res && res.consumedPoints >= options.maxFailures ? seconds(res.msBeforeNext) : 0;
    },
    async recordFailure(key) {
      await failures.penalty(key, 1);
    },
    async spend(key) {
      if (options.requestsPerMinute === 0) return 0;
      try {
        await requests.consume(key);
        return 0;
      } catch (error) {
        if (error instanceof RateLimiterRes) return seconds(error.msBeforeNext);
        throw error;
      }
    },
  };
}

export function createMemoryLimiter(options: LimitOptions): AttemptLimiter {
  return createLimiter(options, (o) => new RateLimiterMemory(o));
}

/**
 * Counts on Redis, shared by every instance using `prefix`. While Redis cannot be reached, each
 * instance counts in process instead: the limits still hold per instance, and no request fails.
 */
export function createSharedLimiter(options: LimitOptions, redis: Redis, prefix: string): AttemptLimiter {
  const shared = createLimiter(
    options,
    (o) =>
      new RateLimiterRedis({
        ...o,
        keyPrefix: `${prefix}:${o.keyPrefix}`,
        storeClient: redis,
        rejectIfRedisNotReady: true,
      }),
  );
  const local = createMemoryLimiter(options);
  const withFallback = <K extends keyof AttemptLimiter>(name: K) =>
    (async (key: string) => {
      try {
        return await shared[name](key);
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'shared limit store unavailable; counting in process');
        return local[name](key);
      }
    }) as AttemptLimiter[K];
  return {
    lockedFor: withFallback('lockedFor'),
    recordFailure: withFallback('recordFailure'),
    spend: withFallback('spend'),
  };
}

/** A Redis connection that fails fast while down instead of queueing requests behind it. */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
  return redis;
}

const globalForLimiter = globalThis as unknown as { __portalLimiter?: AttemptLimiter };

export function getLimiter(): AttemptLimiter {
  if (globalForLimiter.__portalLimiter) return globalForLimiter.__portalLimiter;
  const config = getConfig();
  const options = {
    maxFailures: config.LOCKOUT_MAX_FAILURES,
    failureWindowS: config.LOCKOUT_WINDOW_S,
    requestsPerMinute: config.ANON_RATE_LIMIT_PER_MIN,
  };
  globalForLimiter.__portalLimiter = config.REDIS_URL
    ? createSharedLimiter(options, connectRedis(config.REDIS_URL), config.REDIS_KEY_PREFIX)
    : createMemoryLimiter(options);
  return globalForLimiter.__portalLimiter;
}
