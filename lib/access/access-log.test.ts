import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { log } from '@/lib/log';
import {
  type AccessEntry,
  accessLogCounters,
  accessLogOf,
  closeAccessLog,
  flushAccessLog,
  hashIp,
  purgeAccessLog,
  recordAccess,
} from './access-log';

// Before any import reads the settings: a small buffer to fill.
vi.hoisted(() => {
  process.env.ACCESS_LOG_BUFFER = '5';
  process.env.ACCESS_LOG_RETENTION_DAYS = '90';
});

describe('access log', () => {
  let db: Db;
  let dir: string;
  let shop: number;
  let other: number;
  const now = new Date('2026-11-30T12:00:00Z');
  const entry = (over: Partial<AccessEntry> = {}): AccessEntry => ({
    accountId: shop,
    orderId: 7,
    trackingId: null,
    at: now,
    channel: 'api',
    lookupType: 'order_number',
    proof: 'postal_code',
    outcome: 'full',
    clientIp: '203.0.113.9',
    ...over,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-access-log-'));
    db = createDb(`file:${join(dir, 'log.db')}`);
    await migrateToLatest(db);
    shop = (await createAccount(db, { name: 'Logged shop' })).id;
    other = (await createAccount(db, { name: 'Other shop' })).id;
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await flushAccessLog(db, now);
    await db.deleteFrom('access_log').execute();
  });

  it('writes what was recorded, with the address hashed: the same client alike, never the address', async () => {
    recordAccess(entry());
    recordAccess(entry({ clientIp: '203.0.113.9', proof: 'token', channel: 'widget' }));
    recordAccess(entry({ clientIp: '198.51.100.1', outcome: 'refused' }));
    await flushAccessLog(db, now);
    const rows = await db.selectFrom('access_log').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.channel, r.proof, r.outcome, r.at])).toEqual([
      ['api', 'postal_code', 'full', now.toISOString()],
      ['widget', 'token', 'full', now.toISOString()],
      ['api', 'postal_code', 'refused', now.toISOString()],
    ]);
    expect(rows[0]!.ip_hash).toBe(rows[1]!.ip_hash);
    expect(rows[0]!.ip_hash).not.toBe(rows[2]!.ip_hash);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.9');
    // Salted: not the plain hash anyone could compute from an address.
    const salt = (
      await db
        .selectFrom('portal_secrets')
        .select('value')
        .where('name', '=', 'access_log_salt')
        .executeTakeFirstOrThrow()
    ).value;
    expect(rows[0]!.ip_hash).toBe(hashIp(salt, '203.0.113.9'));
    expect(rows[0]!.ip_hash).not.toBe(hashIp('', '203.0.113.9'));
  });

  it('drops and counts entries beyond its buffer instead of growing or waiting', async () => {
    const before = accessLogCounters();
    for (let i = 0; i < 8; i++) recordAccess(entry({ orderId: 100 + i }));
    expect(accessLogCounters().waiting).toBe(5);
    expect(accessLogCounters().dropped - before.dropped).toBe(3);
    // The buffer bounds rows: a repeat of a waiting one only counts on it, full or not.
    recordAccess(entry({ orderId: 100 }));
    expect(accessLogCounters().waiting).toBe(6);
    expect(accessLogCounters().dropped - before.dropped).toBe(3);
    await flushAccessLog(db, now);
    const rows = await db.selectFrom('access_log').select(['order_id', 'count']).orderBy('id').execute();
    expect(rows.map((r) => [r.order_id, r.count])).toEqual([
      [100, 2],
      [101, 1],
      [102, 1],
      [103, 1],
      [104, 1],
    ]);
    expect(accessLogCounters().waiting).toBe(0);
  });

  it('a database that cannot take the entries neither throws nor keeps more than the buffer', async () => {
    const broken = createDb(`file:${join(dir, 'unmigrated.db')}`);
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      const before = accessLogCounters();
      for (let i = 0; i < 8; i++) recordAccess(entry({ orderId: 100 + i }));
      await expect(flushAccessLog(broken, now)).resolves.toBeUndefined();
      expect(accessLogCounters().waiting).toBeLessThanOrEqual(5);
      // Three beyond the buffer, five in the batch that failed: every read is accounted for.
      expect(accessLogCounters().dropped - before.dropped).toBe(8);
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await broken.destroy();
    }
  });

  it('keeps entries for the retention period only', async () => {
    const day = 86_400_000;
    recordAccess(entry({ at: new Date(now.getTime() - 91 * day), orderId: 1 }));
    recordAccess(entry({ at: new Date(now.getTime() - 89 * day), orderId: 2 }));
    await flushAccessLog(db, now);
    expect(await purgeAccessLog(db, now)).toBe(1);
    const left = await db.selectFrom('access_log').select('order_id').execute();
    expect(left.map((r) => r.order_id)).toEqual([2]);
  });

  it("pages an order's log newest first, and only within the account", async () => {
    for (let i = 0; i < 4; i++)
      recordAccess(
        entry({ at: new Date(now.getTime() + (i % 2) * 1000), orderId: 9, clientIp: `192.0.2.${i}` }),
      );
    recordAccess(entry({ accountId: other, orderId: 9 }));
    await flushAccessLog(db, now);
    const first = await accessLogOf(db, shop, { orderId: 9 }, { limit: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.entries.every((e) => e.account_id === shop)).toBe(true);
    const times = first.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await accessLogOf(db, shop, { orderId: 9 }, { limit: 3, cursor: first.next! });
    expect(second.entries).toHaveLength(1);
    expect(second.next).toBeNull();
    const seen = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(seen).size).toBe(4);
    expect((await accessLogOf(db, other, { orderId: 9 })).entries).toHaveLength(1);
  });

  it('writes identical reads that wait together as one row with their count, at the first read', async () => {
    const before = accessLogCounters();
    for (let i = 0; i < 14; i++) recordAccess(entry({ at: new Date(now.getTime() + i * 50) }));
    expect(accessLogCounters().waiting).toBe(14);
    await flushAccessLog(db, now);
    // A repeat after the flush is a new row.
    recordAccess(entry({ at: new Date(now.getTime() + 1000) }));
    await flushAccessLog(db, now);
    const rows = await db.selectFrom('access_log').select(['at', 'count']).orderBy('id').execute();
    expect(rows).toEqual([
      { at: now.toISOString(), count: 14 },
      { at: new Date(now.getTime() + 1000).toISOString(), count: 1 },
    ]);
    expect(accessLogCounters().written - before.written).toBe(15);
  });

  it('a flush writes what waited when it began: reads arriving during it wait and coalesce for the next', async () => {
    recordAccess(entry());
    const flushing = flushAccessLog(db, now);
    // The first row is on its way to the writer by now.
    await new Promise((resolve) => setImmediate(resolve));
    recordAccess(entry());
    recordAccess(entry());
    recordAccess(entry({ orderId: 8 }));
    await flushing;
    expect(accessLogCounters().waiting).toBe(3);
    expect(await db.selectFrom('access_log').select('count').execute()).toEqual([{ count: 1 }]);
    await flushAccessLog(db, now);
    const rows = await db.selectFrom('access_log').select(['order_id', 'count']).orderBy('id').execute();
    expect(rows).toEqual([
      { order_id: 7, count: 1 },
      { order_id: 7, count: 2 },
      { order_id: 8, count: 1 },
    ]);
  });

  it('keeps reads apart that differ in client, outcome, proof or anything else the row shows', async () => {
    // In rounds of five, the buffer's size here; each read twice, the repeats after the others.
    const rounds: Partial<AccessEntry>[][] = [
      [{}, { clientIp: '198.51.100.1' }, { outcome: 'refused' }, { proof: 'token' }, { channel: 'widget' }],
      [
        {},
        { lookupType: 'tracking_number' },
        { orderId: 8 },
        { orderId: null, trackingId: 8 },
        { accountId: other },
      ],
    ];
    for (const variants of rounds) {
      for (let i = 0; i < 2; i++) for (const variant of variants) recordAccess(entry(variant));
      await flushAccessLog(db, now);
    }
    const rows = await db.selectFrom('access_log').select('count').execute();
    expect(rows.map((r) => r.count)).toEqual(Array(10).fill(2));
  });

  it("a flood from one client takes one place in the buffer: another client's read still gets in", async () => {
    const before = accessLogCounters();
    for (let i = 0; i < 50; i++) recordAccess(entry({ clientIp: '192.0.2.66' }));
    recordAccess(entry({ clientIp: '192.0.2.7' }));
    expect(accessLogCounters().dropped).toBe(before.dropped);
    await flushAccessLog(db, now);
    const rows = await db.selectFrom('access_log').select(['ip_hash', 'count']).orderBy('id').execute();
    expect(rows.map((r) => r.count)).toEqual([50, 1]);
    expect(new Set(rows.map((r) => r.ip_hash)).size).toBe(2);
  });

  it('writes waiting rows with their counts on shutdown', async () => {
    for (let i = 0; i < 3; i++) recordAccess(entry());
    recordAccess(entry({ outcome: 'refused' }));
    await closeAccessLog(db);
    expect(accessLogCounters().waiting).toBe(0);
    const rows = await db.selectFrom('access_log').select(['outcome', 'count']).orderBy('id').execute();
    expect(rows).toEqual([
      { outcome: 'full', count: 3 },
      { outcome: 'refused', count: 1 },
    ]);
  });
});
