import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { log } from '@/lib/log';
import { createScratchDatabase } from '../support/postgres';
import { dbKind, skipReason } from './context';

// PostgreSQL only: SQLite has no server that can end a connection.
describe.skipIf(skipReason !== '' || dbKind !== 'postgres')('database connections (postgres)', () => {
  let db: Db;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject('pgAdminUrl'));
    db = createDb(scratch.url);
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  it('survives the server ending an idle connection, and the next query gets a new one', async () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => {});
    const pid = async () =>
      (await db.selectNoFrom((eb) => eb.fn<number>('pg_backend_pid', []).as('pid')).executeTakeFirstOrThrow())
        .pid;
    const before = await pid();

    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [before]);
    await admin.end();
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.anything(), 'idle database connection lost'),
    );

    expect(await pid()).not.toBe(before);
    warn.mockRestore();
  });
});
