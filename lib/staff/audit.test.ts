import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { type DbKind, openTestDb, postgresSkipReason } from '@/test/support/databases';
import { auditLogOf, recordAudit } from './audit';

describe.each<DbKind>(['sqlite', 'postgres'])('staff audit log (%s)', (kind) => {
  let db: Db;
  let close: () => Promise<void>;
  const base = kind === 'sqlite' ? 2400 : 3400;
  const admin = { userId: 'u-1', accountId: base + 1, email: 'admin@shop.test' };
  const stranger = { userId: 'u-2', accountId: base + 2, email: 'admin@other.test' };

  beforeAll(async () => {
    if (kind === 'postgres' && postgresSkipReason) return;
    ({ db, close } = await openTestDb(kind, 'audit'));
    await createAccount(db, { name: 'shop', id: admin.accountId });
    await createAccount(db, { name: 'other', id: stranger.accountId });
  });
  afterAll(async () => close?.());

  const run = it.skipIf(kind === 'postgres' && postgresSkipReason !== '');

  run('keeps who did what when, newest first, a page at a time, per account', async () => {
    const t = Date.parse('2026-12-01T10:00:00Z');
    for (let i = 0; i < 5; i++) {
      await recordAudit(
        db,
        admin,
        { action: 'token.create', target: `tok_${i}`, detail: { scopes: ['read'] } },
        new Date(t + i * 1000),
      );
    }
    // Two changes in the same millisecond keep their order by id.
    await recordAudit(db, admin, { action: 'link_secret.rotate' }, new Date(t + 4000));
    await recordAudit(db, stranger, { action: 'branding.update', detail: { name: 'Other' } }, new Date(t));

    const first = await auditLogOf(db, admin.accountId, { limit: 4 });
    expect(first.entries.map((e) => [e.action, e.target])).toEqual([
      ['link_secret.rotate', null],
      ['token.create', 'tok_4'],
      ['token.create', 'tok_3'],
      ['token.create', 'tok_2'],
    ]);
    expect(first.entries[1]).toMatchObject({
      actor_email: 'admin@shop.test',
      actor_user_id: 'u-1',
      at: new Date(t + 4000).toISOString(),
      detail: JSON.stringify({ scopes: ['read'] }),
    });
    expect(first.next).not.toBeNull();
    const second = await auditLogOf(db, admin.accountId, { limit: 4, cursor: first.next! });
    expect(second.entries.map((e) => e.target)).toEqual(['tok_1', 'tok_0']);
    expect(second.next).toBeNull();

    const other = await auditLogOf(db, stranger.accountId);
    expect(other.entries.map((e) => e.action)).toEqual(['branding.update']);
  });
});
