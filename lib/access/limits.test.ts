import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import { deleteKeysUnder, redisReachable, TEST_REDIS_URL, warnRedisSkipped } from '@/test/support/redis';
import { type AttemptLimiter, connectRedis, createMemoryLimiter, createSharedLimiter } from './limits';

const options = { maxFailures: 5, failureWindowS: 1800, requestsPerMinute: 3 };

async function failTimes(limiter: AttemptLimiter, key: string, times: number) {
  for (let i = 0; i < times; i++) await limiter.recordFailure(key);
}

describe('in-process limiter', () => {
  it('locks a key out after the fifth failed proof, for at most the window', async () => {
    const limiter = createMemoryLimiter(options);
    await failTimes(limiter, 'id:a', 4);
    expect(await limiter.lockedFor('id:a')).toBe(0);
    await limiter.recordFailure('id:a');
    const locked = await limiter.lockedFor('id:a');
    expect(locked).toBeGreaterThan(1700);
    expect(locked).toBeLessThanOrEqual(1800);
    expect(await limiter.lockedFor('id:b')).toBe(0);
  });

  it('spends the anonymous budget, then says how long to wait', async () => {
    const limiter = createMemoryLimiter(options);
    for (let i = 0; i < 3; i++) expect(await limiter.spend('ip:1')).toBe(0);
    expect(await limiter.spend('ip:1')).toBeGreaterThan(0);
    expect(await limiter.spend('ip:2')).toBe(0);
  });

  it('keeps no timer per key and forgets a window once it has passed', async () => {
    vi.useFakeTimers();
    try {
      const limiter = createMemoryLimiter(options);
      for (let i = 0; i < 1000; i++) {
        await limiter.recordFailure(`id:${i}`);
        await limiter.spend(`ip:${i}`);
      }
      // A timer per key holds its closure, and with it the request that created it, until it fires.
      expect(vi.getTimerCount()).toBe(0);
      await failTimes(limiter, 'id:x', 5);
      expect(await limiter.lockedFor('id:x')).toBeGreaterThan(0);
      vi.advanceTimersByTime(1800 * 1000 + 1);
      expect(await limiter.lockedFor('id:x')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('remembers at most maxKeys keys, forgetting the least recently used', async () => {
    const limiter = createMemoryLimiter({ ...options, maxKeys: 100 });
    await failTimes(limiter, 'id:old', 5);
    for (let i = 0; i < 100; i++) await limiter.recordFailure(`id:${i}`);
    expect(await limiter.lockedFor('id:old')).toBe(0);
    await failTimes(limiter, 'id:recent', 5);
    expect(await limiter.lockedFor('id:recent')).toBeGreaterThan(0);
  });
});

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped('SKIPPING the shared (Redis) limiter tests');

describe.skipIf(!reachable)('limits shared on Redis by several instances', () => {
  const prefix = `portal-test-${randomUUID()}`;
  let first: Redis;
  let second: Redis;

  beforeAll(async () => {
    first = connectRedis(TEST_REDIS_URL);
    second = connectRedis(TEST_REDIS_URL);
    // Until connected, each instance counts in process (the last test covers that).
    await Promise.all([first, second].map((r) => new Promise((ready) => r.once('ready', ready))));
  });
  afterAll(async () => {
    await deleteKeysUnder(prefix);
    first.disconnect();
    second.disconnect();
  });
  afterEach(() => vi.restoreAllMocks());

  it('counts failed proofs across instances: three on one and two on another lock both', async () => {
    const a = createSharedLimiter(options, first, prefix);
    const b = createSharedLimiter(options, second, prefix);
    await failTimes(a, 'id:order-1', 3);
    await failTimes(b, 'id:order-1', 1);
    expect(await a.lockedFor('id:order-1')).toBe(0);
    await b.recordFailure('id:order-1');
    for (const limiter of [a, b]) {
      const locked = await limiter.lockedFor('id:order-1');
      expect(locked).toBeGreaterThan(1700);
      expect(locked).toBeLessThanOrEqual(1800);
    }
    expect(await a.lockedFor('id:order-2')).toBe(0);
  });

  it('shares the anonymous budget across instances', async () => {
    const a = createSharedLimiter(options, first, prefix);
    const b = createSharedLimiter(options, second, prefix);
    expect(await a.spend('ip:10.0.0.1')).toBe(0);
    expect(await b.spend('ip:10.0.0.1')).toBe(0);
    expect(await a.spend('ip:10.0.0.1')).toBe(0);
    const wait = await b.spend('ip:10.0.0.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it('keeps limiting in process while Redis cannot be reached, and never throws', async () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => {});
    const down = connectRedis('redis://127.0.0.1:1');
    try {
      const limiter = createSharedLimiter(options, down, prefix);
      await failTimes(limiter, 'id:order-3', 5);
      expect(await limiter.lockedFor('id:order-3')).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) expect(await limiter.spend('ip:10.0.0.2')).toBe(0);
      expect(await limiter.spend('ip:10.0.0.2')).toBeGreaterThan(0);
      expect(warn).toHaveBeenCalledWith(
        expect.anything(),
        'shared limit store unavailable; counting in process',
      );
    } finally {
      down.disconnect();
    }
  });
});
