import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from './accounts';
import { createDb, type Db, rememberedAnswers } from './client';
import { migrateToLatest } from './migrations';
import { findOrderByNumber } from './order-queries';

// The order lookups run as prepared reads (lib/db/client.ts), which on SQLite skip Kysely's
// connection lock when no transaction is open: these tests hold them to Kysely's guarantees.
describe('order lookups on SQLite', () => {
  let db: Db;
  let dir: string;
  let account: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-order-queries-'));
    db = createDb(`file:${join(dir, 'orders.db')}`);
    await migrateToLatest(db);
    account = (await createAccount(db, { name: 'Lookup shop' })).id;
    const at = new Date().toISOString();
    const order = { account_id: account, created_at: at, updated_at: at, version: 1 };
    await db
      .insertInto('orders')
      .values([
        { ...order, order_number: 'Q-1', client_key: '', order_date: '2026-11-01T10:00:00Z' },
        { ...order, order_number: 'Q-1', client_key: 'eu', order_date: '2026-11-20T10:00:00+01:00' },
        { ...order, order_number: 'Q-1', client_key: 'us', order_date: '2026-11-10T10:00:00Z' },
      ])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the newest order with a number, or the one with the client key, within the account', async () => {
    const newest = await findOrderByNumber(db, account, 'Q-1');
    const us = await findOrderByNumber(db, account, 'Q-1', 'us');
    const rows = await db.selectFrom('orders').select(['id', 'client_key']).execute();
    const idOf = (key: string) => rows.find((r) => r.client_key === key)!.id;
    expect(newest).toEqual({ id: idOf('eu'), account_id: account, version: 1 });
    expect(us?.id).toBe(idOf('us'));
    expect(await findOrderByNumber(db, account, 'Q-1', 'ch')).toBeUndefined();
    expect(await findOrderByNumber(db, account + 1, 'Q-1')).toBeUndefined();
  });

  it('never sees a transaction half-written: a lookup made meanwhile answers after the commit', async () => {
    const id = (await findOrderByNumber(db, account, 'Q-1', ''))!.id;
    let during: ReturnType<typeof findOrderByNumber> | undefined;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('orders').set({ version: 99 }).where('id', '=', id).execute();
      during = findOrderByNumber(db, account, 'Q-1', '');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await trx.updateTable('orders').set({ version: 100 }).where('id', '=', id).execute();
    });
    expect((await during!)?.version).toBe(100);
    // Inside the transaction, on its own handle, the transaction's writes are seen.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('orders').set({ version: 101 }).where('id', '=', id).execute();
      expect((await findOrderByNumber(trx, account, 'Q-1', ''))?.version).toBe(101);
    });
  });

  // The lookups by number are remembered until the database changes (lib/db/client.ts).
  it('answers a remembered lookup anew after a write on this connection, at once', async () => {
    const before = (await findOrderByNumber(db, account, 'Q-1', 'us'))!;
    await db
      .updateTable('orders')
      .set({ version: before.version + 1 })
      .where('id', '=', before.id)
      .execute();
    expect((await findOrderByNumber(db, account, 'Q-1', 'us'))?.version).toBe(before.version + 1);
    // A write that answers rows (`returning`) counts as one too.
    await db
      .updateTable('orders')
      .set({ version: before.version + 2 })
      .where('id', '=', before.id)
      .returning('id')
      .execute();
    expect((await findOrderByNumber(db, account, 'Q-1', 'us'))?.version).toBe(before.version + 2);
  });

  it("answers a remembered lookup anew after another connection's commit, from the next turn", async () => {
    const before = (await findOrderByNumber(db, account, 'Q-1', 'us'))!;
    const other = createDb(`file:${join(dir, 'orders.db')}`);
    try {
      await other
        .updateTable('orders')
        .set({ version: before.version + 1 })
        .where('id', '=', before.id)
        .execute();
    } finally {
      await other.destroy();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect((await findOrderByNumber(db, account, 'Q-1', 'us'))?.version).toBe(before.version + 1);
    const newest = await findOrderByNumber(db, account, 'Q-1');
    expect(await findOrderByNumber(db, account, 'Q-1')).toEqual(newest);
  });

  it("keeps remembered lookups through another connection's commits that touch no order", async () => {
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const first = (await findOrderByNumber(db, account, 'Q-1', 'eu'))!;
    const other = createDb(`file:${join(dir, 'orders.db')}`);
    try {
      // What the access log's writer does every second.
      await other
        .insertInto('access_log')
        .values({
          account_id: account,
          order_id: first.id,
          tracking_id: null,
          at: new Date().toISOString(),
          channel: 'api',
          lookup_type: 'order_number',
          proof: 'token',
          outcome: 'full',
          ip_hash: 'h',
        })
        .execute();
      await nextTurn();
      const { hits } = rememberedAnswers(db);
      expect(await findOrderByNumber(db, account, 'Q-1', 'eu')).toEqual(first);
      expect(rememberedAnswers(db).hits).toBe(hits + 1);
      // An order written, and the lookup is asked anew.
      await other
        .updateTable('orders')
        .set({ version: first.version + 1 })
        .where('id', '=', first.id)
        .execute();
      await nextTurn();
      expect((await findOrderByNumber(db, account, 'Q-1', 'eu'))?.version).toBe(first.version + 1);
      expect(rememberedAnswers(db).hits).toBe(hits + 1);
    } finally {
      await other.destroy();
    }
  });
});
