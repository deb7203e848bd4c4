import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbKind, openTestDb, postgresSkipReason } from '@/test/support/databases';
import { createAccount } from './accounts';
import { type Db, insertMany } from './client';

const row = (accountId: number, orderId: number) => ({
  account_id: accountId,
  order_id: orderId,
  tracking_id: null,
  at: '2026-12-01T10:00:00.000Z',
  channel: 'api' as const,
  lookup_type: 'order_number',
  proof: 'token' as const,
  outcome: 'full' as const,
  ip_hash: 'h',
});

describe.each<DbKind>(['sqlite', 'postgres'])('insertMany (%s)', (kind) => {
  let db: Db;
  let close: () => Promise<void>;
  let account: number;
  const insert = insertMany('access_log');
  const stored = async () =>
    (
      await db
        .selectFrom('access_log')
        .select('order_id')
        .where('account_id', '=', account)
        .orderBy('id')
        .execute()
    ).map((r) => r.order_id);

  beforeAll(async () => {
    if (kind === 'postgres' && postgresSkipReason) return;
    ({ db, close } = await openTestDb(kind, 'insert-many'));
    account = (await createAccount(db, { name: 'Insert shop' })).id;
  });
  afterAll(async () => close?.());
  const run = it.skipIf(kind === 'postgres' && postgresSkipReason !== '');

  run('writes every row with its values, in order', async () => {
    await insert(db, [row(account, 1), row(account, 2), { ...row(account, 3), tracking_id: 9 }]);
    await insert(db, []);
    expect(await stored()).toEqual([1, 2, 3]);
    const third = await db
      .selectFrom('access_log')
      .selectAll()
      .where('order_id', '=', 3)
      .executeTakeFirstOrThrow();
    // Written without a count, a row stands for one read (the column's default).
    expect(third).toMatchObject({ tracking_id: 9, channel: 'api', proof: 'token', ip_hash: 'h', count: 1 });
  });

  it.runIf(kind === 'sqlite')("leaves the caller's thread free while the rows are written", async () => {
    let ticks = 0;
    let writing = true;
    const tick = () => {
      ticks++;
      if (writing) setImmediate(tick);
    };
    setImmediate(tick);
    await insert(
      db,
      Array.from({ length: 20_000 }, (_, i) => row(account, 1_000 + i)),
    );
    writing = false;
    expect(ticks).toBeGreaterThan(0);
    await db.deleteFrom('access_log').where('order_id', '>=', 1_000).execute();
  });

  run("joins neither another caller's open transaction nor outlives a rollback of its own", async () => {
    // Another caller's transaction is open while the writer runs: the rows must not become part
    // of it (on SQLite's one connection they would, and vanish with its rollback).
    const failing = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('access_log').values(row(account, 10)).execute();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('rolled back');
      })
      .catch(() => 'rolled back');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await insert(db, [row(account, 11)]);
    expect(await failing).toBe('rolled back');
    await db
      .transaction()
      .execute(async (trx) => {
        await insert(trx, [row(account, 12)]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await stored()).toEqual([1, 2, 3, 11]);
  });
  run('writes more rows than one statement takes parameters for, all of them', async () => {
    const before = (await stored()).length;
    // 8,000 rows of 9 values: more than PostgreSQL's 65,535 parameters a statement.
    await insert(
      db,
      Array.from({ length: 8_000 }, (_, i) => row(account, 100 + i)),
    );
    const after = await stored();
    expect(after).toHaveLength(before + 8_000);
    expect(after.at(-1)).toBe(8_099);
  });
});
