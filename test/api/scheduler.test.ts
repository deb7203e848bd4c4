import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { claimDueTrackings } from '@/lib/db/refresh-claims';
import { useCarrierSettings } from '@/lib/carriers/registry';
import { parseConfig } from '@/lib/config';
import { orderInputSchema } from '@/lib/schemas/order';
import { resetLiveRefreshState } from '@/lib/orders/live-refresh';
import { runRefreshPass } from '@/lib/orders/scheduler';
import { putOrder } from '@/lib/orders/write-order';
import type { LifecycleStatus } from '@/lib/status/vocabulary';
import { createScratchDatabase } from '../support/postgres';
import { fakeDhlEnv, startFakeDhl } from '../support/fake-carriers/dhl';
import { dbKind, skipReason } from './context';

// Background refresh on a database of its own (SQLite file or PostgreSQL scratch database), with
// two handles standing in for two app instances.
describe.skipIf(skipReason !== '')(`background refresh scheduler (${dbKind})`, () => {
  let first: Db;
  let second: Db;
  let cleanup: () => Promise<void>;
  let fake: Awaited<ReturnType<typeof startFakeDhl>>;
  let restoreCarriers: () => void;
  const numbers = Array.from({ length: 12 }, (_, i) => `003404341610940${String(i).padStart(5, '0')}`);

  beforeAll(async () => {
    let url: string;
    if (dbKind === 'postgres') {
      const scratch = await createScratchDatabase(inject('pgAdminUrl'));
      url = scratch.url;
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'portal-scheduler-'));
      url = `file:${join(dir, 'scheduler.db')}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    first = createDb(url);
    second = createDb(url);
    await migrateToLatest(first);
    const account = await createAccount(first, { name: 'Scheduler shop' });
    await putOrder(
      first,
      account.id,
      orderInputSchema.parse({
        order_number: 'S-1',
        token_only: true,
        trackings: numbers.map((n) => ({ tracking_number: n, courier: 'dhl' })),
      }),
    );
    fake = await startFakeDhl();
    restoreCarriers = useCarrierSettings(parseConfig(fakeDhlEnv(fake.url)).carriers);
  });
  afterAll(async () => {
    restoreCarriers();
    await Promise.all([first.destroy(), second.destroy(), fake.close()]);
    await cleanup();
  });
  beforeEach(async () => {
    resetLiveRefreshState();
    await first
      .updateTable('trackings')
      .set({ last_refreshed_at: null, refresh_claimed_until: null })
      .execute();
  });

  const calls = () => numbers.map((n) => fake.calls(n));

  it('two instances never claim the same tracking', async () => {
    const [a, b] = await Promise.all([
      claimDueTrackings(first, ['dhl'], 8),
      claimDueTrackings(second, ['dhl'], 8),
    ]);
    const ids = [...a, ...b].map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
    expect(await claimDueTrackings(first, ['dhl'], 8)).toHaveLength(0);
  });

  it('a pass refreshes every due tracking once and releases its claims', async () => {
    const before = calls();
    const pass = await runRefreshPass(first, { perCourierPerSecond: 100 });
    expect(pass.claimed).toBe(12);
    expect(pass.outcomes.failed).toBe(0);
    expect(calls().map((c, i) => c - before[i]!)).toEqual(numbers.map(() => 1));
    const claimed = await first
      .selectFrom('trackings')
      .select('id')
      .where('refresh_claimed_until', 'is not', null)
      .execute();
    expect(claimed).toHaveLength(0);
    // Just refreshed: nothing is due.
    expect((await runRefreshPass(first)).claimed).toBe(0);
  });

  it('two passes at once, on two instances, ask the carrier once per tracking', async () => {
    const before = calls();
    const [a, b] = await Promise.all([
      runRefreshPass(first, { perCourierPerSecond: 100 }),
      runRefreshPass(second, { perCourierPerSecond: 100 }),
    ]);
    expect(a.claimed + b.claimed).toBe(12);
    expect(calls().map((c, i) => c - before[i]!)).toEqual(numbers.map(() => 1));
  });

  it('refreshes by status: out for delivery often, in transit less, finished never', async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const set = (n: string, lifecycle: LifecycleStatus, refreshed: string | null) =>
      first
        .updateTable('trackings')
        .set({ lifecycle_status: lifecycle, last_refreshed_at: refreshed })
        .where('tracking_number', '=', n)
        .execute();
    await first.updateTable('trackings').set({ lifecycle_status: 'Delivered' }).execute();
    await set(numbers[0]!, 'OutForDelivery', minutesAgo(20));
    await set(numbers[1]!, 'InTransit', minutesAgo(20));
    await set(numbers[2]!, 'InTransit', minutesAgo(150));
    await set(numbers[3]!, 'Pending', minutesAgo(60));
    const claimed = (await claimDueTrackings(first, ['dhl'], 50)).map((t) => t.tracking_number).sort();
    expect(claimed).toEqual([numbers[0], numbers[2]].sort());
  });
});
