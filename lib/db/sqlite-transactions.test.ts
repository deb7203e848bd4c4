import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from './accounts';
import { createDb, type Db } from './client';
import { migrateToLatest } from './migrations';

/** The CLI, a test or a second instance writes to the same SQLite file as the server. */
describe('SQLite transactions beside another connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-transactions-'));
  const file = join(dir, 'transactions.db');
  let db: Db;
  let account: number;

  beforeAll(async () => {
    db = createDb(`file:${file}`);
    await migrateToLatest(db);
    account = (await createAccount(db, { name: 'Transaction shop' })).id;
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads, then writes, holds the write lock from its start', async () => {
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    let otherWrite = '';
    try {
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('accounts').select('name').where('id', '=', account).execute();
        try {
          other.prepare('update accounts set name = ? where id = ?').run('Other', account);
          otherWrite = 'written';
        } catch (error) {
          otherWrite = (error as { code?: string }).code ?? 'error';
        }
        await trx.updateTable('accounts').set({ name: 'Ours' }).where('id', '=', account).execute();
      });
    } finally {
      other.close();
    }
    expect(otherWrite).toBe('SQLITE_BUSY');
    const [row] = await db.selectFrom('accounts').select('name').where('id', '=', account).execute();
    expect(row?.name).toBe('Ours');
  });
});
