import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import type { EventInput } from '@/lib/schemas/event';
import { log } from '@/lib/log';
import type { StatusCode } from '@/lib/status/vocabulary';
import { ingestEvents } from './ingest-events';

describe('ingestEvents', () => {
  let db: Db;
  let dir: string;
  let account: number;
  const now = new Date('2026-11-28T12:00:00Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-ingest-'));
    db = createDb(`file:${join(dir, 'ingest.db')}`);
    await migrateToLatest(db);
    account = (await createAccount(db, { name: 'Ingest shop' })).id;
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (tracking_number: string, event_status: StatusCode, event_timestamp: string): EventInput => ({
    courier: 'dhl',
    tracking_number,
    event_status,
    event_timestamp,
  });

  it('drops a carrier event dated more than 7 days ahead, with a warning, and keeps the rest', async () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      const result = await ingestEvents(
        db,
        account,
        [
          event('FUTURE1', 'InTransit', '2026-11-27T10:00:00Z'),
          event('FUTURE1', 'Delivered', '9999-12-31T23:59:59Z'),
          event('FUTURE1', 'OutForDelivery', '2026-12-05T12:00:00Z'),
        ],
        { source: 'carrier:dhl', now },
      );
      expect(result).toMatchObject({ accepted: 2, stored: 2, duplicates: 0 });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]).toEqual([
        expect.objectContaining({ source: 'carrier:dhl', event_timestamp: '9999-12-31T23:59:59Z' }),
        'event dated more than 7 days ahead dropped',
      ]);
    } finally {
      warn.mockRestore();
    }
    const tracking = await db
      .selectFrom('trackings')
      .select(['id', 'status_code', 'last_event_at'])
      .where('tracking_number', '=', 'FUTURE1')
      .executeTakeFirstOrThrow();
    expect(tracking.status_code).toBe('OutForDelivery');
    const stored = await db
      .selectFrom('checkpoints')
      .select('status_code')
      .where('tracking_id', '=', tracking.id)
      .execute();
    expect(stored.map((c) => c.status_code).sort()).toEqual(['InTransit', 'OutForDelivery']);
  });

  it('creates no tracking when its only event is dropped', async () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      const result = await ingestEvents(
        db,
        account,
        [event('FUTURE2', 'Delivered', '2027-01-01T00:00:00Z')],
        {
          source: 'carrier:dhl',
          now,
        },
      );
      expect(result).toMatchObject({ accepted: 0, stored: 0, duplicates: 0, tracking_ids: [] });
    } finally {
      warn.mockRestore();
    }
    const row = await db
      .selectFrom('trackings')
      .select('id')
      .where('tracking_number', '=', 'FUTURE2')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
