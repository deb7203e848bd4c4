import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './client';
import { migrateToLatest } from './migrations';

describe('migrations on one SQLite file from two connections at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('both succeed, and every migration ran once', async () => {
    const file = `file:${join(dir, 'race.db')}`;
    const [a, b] = [createDb(file), createDb(file)];
    try {
      const [first, second] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      const all = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(a);
      expect([...first, ...second].sort()).toEqual(all.rows.map((r) => r.name));
      expect(all.rows.length).toBeGreaterThan(10);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
