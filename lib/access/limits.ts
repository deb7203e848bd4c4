import 'server-only';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { type RateLimiterAbstract, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { existing, perProcess } from '@/lib/process-state';

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
  /** In process: how many keys each counter remembers at most (least recently used go first). */
  maxKeys?: number;
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A fixed window per key: how often it happened and when the count starts over. */
type Window = { count: number; resetAt: number };

/**
 * Counters in process. An entry is a short key and two numbers, dropped once its window has passed
 * (checked when read; no timer per key, which would also keep the request that created it alive),
 * and the counter forgets its least recently used keys beyond `maxKeys`, so memory stays bounded
 * whatever a client sends.
 */
function memoryCounter(windowS: number, maxKeys: number) {
  const windows = new LRUCache<string, Window>({ max: maxKeys });
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    return window && window.resetAt > now ? window : undefined;
  };
  return {
    get: (key: string, now = Date.now()) => current(key, now),
    add(key: string, now = Date.now()): Window {
      const window = current(key, now) ?? { count: 0, resetAt: now + windowS * 1000 };
      window.count++;
      windows.set(key, window);
      return window;
    },
  };
}

export function createMemoryLimiter(options: LimitOptions): AttemptLimiter {
  const maxKeys = options.maxKeys ?? 100_000;
  const failures = memoryCounter(options.failureWindowS, maxKeys);
  const requests = memoryCounter(60, maxKeys);
  return {
    async lockedFor(key) {
      const window = failures.get(key);
      return window && window.count >= options.maxFailures ? seconds(window.resetAt - Date.now()) : 0;
    },
    async recordFailure(key) {
      failures.add(key);
    },
    async spend(key) {
      if (options.requestsPerMinute === 0) return 0;
      const window = requests.add(key);
      return window.count > options.requestsPerMinute ? seconds(window.resetAt - Date.now()) : 0;
    },
  };
}

/** The same limits on a rate-limiter-flexible store (Redis), which expires its own keys. */
function createRedisLimiter(
  options: LimitOptions,
  store: (keyPrefix: string, points: number, duration: number) => RateLimiterAbstract,
): AttemptLimiter {
  const failures = store('fail', options.maxFailures, options.failureWindowS);
  const requests = store('anon', options.requestsPerMinute, 60);
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

/**
 * Counts on Redis, shared by every instance using `prefix`. While Redis cannot be reached, each
 * instance counts in process instead: the limits still hold per instance, and no request fails.
 */
export function createSharedLimiter(options: LimitOptions, redis: Redis, prefix: string): AttemptLimiter {
  const shared = createRedisLimiter(
    options,
    (keyPrefix, points, duration) =>
      new RateLimiterRedis({
        keyPrefix: `${prefix}:${keyPrefix}`,
        points,
        duration,
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

export function getLimiter(): AttemptLimiter {
  return perProcess('limiter', createConfiguredLimiter);
}

function createConfiguredLimiter(): AttemptLimiter {
  const config = getConfig();
  const options = {
    maxFailures: config.LOCKOUT_MAX_FAILURES,
    failureWindowS: config.LOCKOUT_WINDOW_S,
    requestsPerMinute: config.ANON_RATE_LIMIT_PER_MIN,
    maxKeys: config.LIMITER_MAX_KEYS,
  };
  return config.REDIS_URL
    ? createSharedLimiter(options, sharedRedis(config.REDIS_URL), config.REDIS_KEY_PREFIX)
    : createMemoryLimiter(options);
}

/** The process's one connection to REDIS_URL, shared by the limits and the staff sessions. */
export function sharedRedis(url: string): Redis {
  return perProcess('redis', () => connectRedis(url));
}

/** Closes the connection to Redis, if the limits opened one (a graceful shutdown). */
export async function closeLimiter(): Promise<void> {
  await existing<Redis>('redis')?.quit();
}
