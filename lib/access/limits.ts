import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';

/**
 * Failed-proof lockout and the anonymous request budget. Behind this interface so a shared store
 * (Redis, for several instances) can replace the in-process one.
 */
export type AttemptLimiter = {
  /** Seconds until the key may try again; 0 when it is not locked out. */
  lockedFor(key: string): Promise<number>;
  /** Counts one failed proof against the key. */
  recordFailure(key: string): Promise<void>;
  /** Spends one anonymous request of the key's budget; seconds to wait when it is spent, else 0. */
  spend(key: string): Promise<number>;
};

export function createMemoryLimiter(options: {
  maxFailures: number;
  failureWindowS: number;
  requestsPerMinute: number;
}): AttemptLimiter {
  const failures = new RateLimiterMemory({
    keyPrefix: 'fail',
    points: options.maxFailures,
    duration: options.failureWindowS,
  });
  const requests = new RateLimiterMemory({
    keyPrefix: 'anon',
    points: options.requestsPerMinute,
    duration: 60,
  });
  return {
    async lockedFor(key) {
      const res = await failures.get(key);
      return res && res.consumedPoints >= options.maxFailures
        ? Math.max(1, Math.ceil(res.msBeforeNext / 1000))
        : 0;
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
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw error;
      }
    },
  };
}

const globalForLimiter = globalThis as unknown as { __portalLimiter?: AttemptLimiter };

export function getLimiter(): AttemptLimiter {
  const config = getConfig();
  globalForLimiter.__portalLimiter ??= createMemoryLimiter({
    maxFailures: config.LOCKOUT_MAX_FAILURES,
    failureWindowS: config.LOCKOUT_WINDOW_S,
    requestsPerMinute: config.ANON_RATE_LIMIT_PER_MIN,
  });
  return globalForLimiter.__portalLimiter;
}
