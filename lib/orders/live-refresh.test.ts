import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { createToken } from '@/lib/access/tokens';
import { useCarrierSettings } from '@/lib/carriers/registry';
import { parseConfig } from '@/lib/config';
import { infoQuerySchema } from '@/lib/schemas/info-query';
import { orderInputSchema } from '@/lib/schemas/order';
import { fakeDhlEnv, startFakeDhl } from '@/test/support/fake-carriers/dhl';
import { ingestEvents } from './ingest-events';
import { resetLiveRefreshState } from './live-refresh';
import { readOrderInfo } from './read-order';
import { putOrder } from './write-order';

// Live refresh against the fake DHL server, on a real SQLite file.
describe('live refresh', () => {
  let db: Db;
  let dir: string;
  let fake: Awaited<ReturnType<typeof startFakeDhl>>;
  let restoreCarriers: () => void;
  let account: number;
  let token: string;
  let orders = 0;

  beforeAll(async () => {
    fake = await startFakeDhl();
    restoreCarriers = useCarrierSettings(
      parseConfig({ ...fakeDhlEnv(fake.url), LIVE_REFRESH_BUDGET_MS: '400' }).carriers,
    );
    dir = mkdtempSync(join(tmpdir(), 'portal-live-'));
    db = createDb(`file:${join(dir, 'live.db')}`);
    await migrateToLatest(db);
    account = (await createAccount(db, { name: 'Live shop' })).id;
    token = (await createToken(db, account, ['read'], 'live refresh test')).token;
  });
  afterAll(async () => {
    restoreCarriers();
    await db.destroy();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => resetLiveRefreshState());

  /** A fresh order with one DHL tracking; `number` picks the fake's scenario. */
  async function order(number: string, courier = 'dhl', timezone?: string) {
    const orderNumber = `LIVE-${++orders}`;
    await putOrder(
      db,
      account,
      orderInputSchema.parse({
        order_number: orderNumber,
        token_only: true,
        timezone,
        trackings: [{ tracking_number: number, courier }],
      }),
    );
    return orderNumber;
  }
  const read = (orderNumber: string) =>
    readOrderInfo(db, {
      query: infoQuerySchema.parse({
        account: String(account),
        order_number: orderNumber,
        live_refresh: 'true',
      }),
      bearer: token,
      clientIp: 'merchant',
    });

  it('stores new carrier events and answers updated, then skips within a minute', async () => {
    const o = await order('00340434161094042557');
    const first = await read(o);
    expect(first.liveRefresh).toBe('updated');
    const t = first.info.trackings[0]!;
    expect(t.last_delivery_status.status_code).toBe('OutForDelivery');
    expect(t.checkpoints).toHaveLength(4);
    expect(t.supports_live_refresh).toBe(true);
    expect(t.checkpoints[3]!.location).toContain('Leipzig');
    const second = await read(o);
    expect(second.liveRefresh).toBe('skipped');
  });

  it("reads the carrier's local times in the order's zone where the country has several", async () => {
    const o = await order('DHLEXPLIVE1', 'dhl', 'America/Chicago');
    const result = await read(o);
    expect(result.liveRefresh).toBe('updated');
    const stamps = result.info.trackings[0]!.checkpoints.map((c) => c.event_timestamp);
    expect(stamps).toContain('2026-11-30T09:12:00-06:00');
    expect(stamps).toContain('2026-11-28T17:45:00+08:00');
  });

  it('drops a carrier event dated more than 7 days ahead and stores the rest', async () => {
    const o = await order('DHLFUTURE1');
    const result = await read(o);
    expect(result.liveRefresh).toBe('updated');
    const t = result.info.trackings[0]!;
    expect(t.checkpoints).toHaveLength(4);
    expect(t.last_delivery_status.status_code).toBe('OutForDelivery');
  });

  it('merges idempotently: the same events again change nothing', async () => {
    const o = await order('00340434161094040001');
    expect((await read(o)).liveRefresh).toBe('updated');
    await db.updateTable('trackings').set({ last_refreshed_at: null }).execute();
    const again = await read(o);
    expect(again.liveRefresh).toBe('unchanged');
    expect(again.info.trackings[0]!.checkpoints).toHaveLength(4);
  });

  it('keeps the budget with a slow carrier and answers with the stored data', async () => {
    const o = await order('DHLSLOW1');
    await ingestEvents(
      db,
      account,
      [
        {
          courier: 'dhl',
          tracking_number: 'DHLSLOW1',
          event_status: 'InTransit',
          event_timestamp: '2026-11-26T10:00:00Z',
        },
      ],
      { source: 'api' },
    );
    const started = Date.now();
    const result = await read(o);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.liveRefresh).toBe('failed');
    expect(result.info.trackings[0]!.last_delivery_status.status_code).toBe('InTransit');
  });

  it('a failing carrier never fails the request', async () => {
    const o = await order('DHL500A');
    const result = await read(o);
    expect(result.liveRefresh).toBe('failed');
    expect(result.info.trackings).toHaveLength(1);
  });

  it('concurrent requests share one carrier call', async () => {
    const o = await order('00340434161094049999');
    const results = await Promise.all(Array.from({ length: 6 }, () => read(o)));
    expect(fake.calls('00340434161094049999')).toBe(1);
    expect(results.every((r) => ['updated', 'unchanged', 'skipped'].includes(r.liveRefresh!))).toBe(true);
    expect(results.some((r) => r.liveRefresh === 'updated')).toBe(true);
  });

  it('a carrier that keeps failing is left alone by the circuit breaker', async () => {
    const o = await order('DHL500BREAK');
    for (let i = 0; i < 9; i++) expect((await read(o)).liveRefresh).toBe('failed');
    expect(fake.calls('DHL500BREAK')).toBe(5);
  });

  it('after a 429 the carrier is not asked again until Retry-After has passed', async () => {
    const limited = await order('DHL429PAUSE');
    expect((await read(limited)).liveRefresh).toBe('failed');
    const other = await order('00340434161094048888');
    expect((await read(other)).liveRefresh).toBe('failed');
    expect(fake.calls('DHL429PAUSE')).toBe(1);
    expect(fake.calls('00340434161094048888')).toBe(0);
  });

  it('skips finished parcels and couriers without an adapter', async () => {
    const done = await order('00340434161094047777');
    await ingestEvents(
      db,
      account,
      [
        {
          courier: 'dhl',
          tracking_number: '00340434161094047777',
          event_status: 'Delivered',
          event_timestamp: '2026-11-26T10:00:00Z',
        },
      ],
      { source: 'api' },
    );
    expect((await read(done)).liveRefresh).toBe('skipped');
    const ups = await order('1Z999AA10123456784', 'ups');
    const result = await read(ups);
    expect(result.liveRefresh).toBe('skipped');
    expect(result.info.trackings[0]!.supports_live_refresh).toBe(false);
  });
});
