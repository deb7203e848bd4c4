import 'server-only';
import { every } from '@/lib/background';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { liveRefreshCouriers } from '@/lib/carriers/registry';
import type { Db } from '@/lib/db/client';
import { claimDueTrackings, releaseClaim } from '@/lib/db/refresh-claims';
import { log } from '@/lib/log';
import { type LiveRefreshStatus, liveRefresh } from './live-refresh';
import { perProcess } from '@/lib/process-state';

export type RefreshPassOptions = {
  batchSize?: number;
  concurrency?: number;
  /** Calls per second and courier, well under the carriers' own limits. */
  perCourierPerSecond?: number;
  now?: Date;
};

const limiters = perProcess('scheduler-limits', () => new Map<string, RateLimiterMemory>());
async function waitForTurn(courier: string, perSecond: number) {
  let limiter = limiters.get(courier);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: `carrier-${courier}`, points: perSecond, duration: 1 });
    limiters.set(courier, limiter);
  }
  for (;;) {
    try {
      await limiter.consume(courier);
      return;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await new Promise((r) => setTimeout(r, error.msBeforeNext));
    }
  }
}

/** One pass: claim the trackings that are due and refresh them, a few at a time. */
export async function runRefreshPass(db: Db, options: RefreshPassOptions = {}) {
  const claimed = await claimDueTrackings(
    db,
    [...liveRefreshCouriers()],
    options.batchSize ?? 50,
    options.now,
  );
  const outcomes: Record<LiveRefreshStatus, number> = { updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const tracking = claimed[next++]!;
      try {
        await waitForTurn(tracking.courier, options.perCourierPerSecond ?? 2);
        outcomes[await liveRefresh(db, [tracking], options.now)]++;
      } finally {
        await releaseClaim(db, tracking.id);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, claimed.length) }, worker));
  return { claimed: claimed.length, outcomes };
}

/** Refreshes active trackings in the background until stopped; passes never overlap. */
export function startRefreshScheduler(db: Db, intervalMs = 30_000): () => void {
  return every(intervalMs, 'background refresh pass', async () => {
    const pass = await runRefreshPass(db);
    if (pass.claimed > 0) log.info(pass, 'background refresh pass');
  });
}
