import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { ingestEvents } from '@/lib/orders/ingest-events';
import { putOrder } from '@/lib/orders/write-order';
import { orderInputSchema } from '@/lib/schemas/order';
import { type DbKind, explainPlan, openTestDb, postgresSkipReason } from '@/test/support/databases';
import { searchBranches, searchOrders } from './search';

const UUID = '6f1c1a9e-3b7d-4c2a-9e51-0d6b8f2a4c11';

describe.each<DbKind>(['sqlite', 'postgres'])('staff search (%s)', (kind) => {
  let db: Db;
  let close: () => Promise<void>;
  const A = kind === 'sqlite' ? 2101 : 3101;
  const B = A + 1;
  const now = new Date('2026-11-28T12:00:00Z');
  const order = (account: number, input: Record<string, unknown>) =>
    putOrder(db, account, orderInputSchema.parse({ token_only: true, ...input }), now);

  beforeAll(async () => {
    if (kind === 'postgres' && postgresSkipReason) return;
    ({ db, close } = await openTestDb(kind, 'search'));
    await createAccount(db, { name: 'Shop A', id: A });
    await createAccount(db, { name: 'Shop B', id: B });
    await order(A, {
      order_number: 'NL-10001',
      external_order_id: UUID,
      external_reference: 'REF-9',
      customer_number: 'K-77',
      recipient_name: 'Erika Mustermann',
      recipient_email: 'Erika@Example.com',
      order_date: '2026-11-20T10:00:00+01:00',
      trackings: [{ tracking_number: '00340434161094042557', courier: 'dhl' }],
    });
    for (let i = 1; i <= 25; i++) {
      await order(A, {
        order_number: `P-${String(i).padStart(3, '0')}`,
        customer_number: 'K-MANY',
        order_date: `2026-11-${String(i).padStart(2, '0')}T10:00:00Z`,
      });
    }
    await order(A, {
      order_number: 'M-1',
      client_key: 'brand-x',
      trackings: [
        { tracking_number: 'MULTI0001', courier: 'dhl' },
        { tracking_number: 'MULTI0002', courier: 'ups' },
      ],
    });
    await ingestEvents(
      db,
      A,
      [
        {
          courier: 'ups',
          tracking_number: '1Z999AA10123456784',
          event_status: 'InTransit',
          event_timestamp: '2026-11-27T09:00:00Z',
        },
      ],
      { source: 'test', now },
    );
    await ingestEvents(
      db,
      A,
      [
        {
          courier: 'dhl',
          tracking_number: '00340434161094042557',
          event_status: 'InboundScan',
          event_timestamp: '2026-11-26T09:00:00Z',
        },
      ],
      { source: 'test', now },
    );
    // Account B uses the same identifiers: none of them may ever show for A, nor A's for B.
    await order(B, {
      order_number: 'NL-10001',
      external_order_id: '0b0f5a3e-1111-4c2a-9e51-0d6b8f2a4c11',
      external_reference: 'REF-9',
      customer_number: 'K-77',
      recipient_email: 'erika@example.com',
      trackings: [{ tracking_number: '00340434161094042557', courier: 'dhl' }],
    });
    await ingestEvents(
      db,
      B,
      [
        {
          courier: 'ups',
          tracking_number: '1Z999AA10999999999',
          event_status: 'InTransit',
          event_timestamp: '2026-11-27T09:00:00Z',
        },
      ],
      { source: 'test', now },
    );
  });
  afterAll(async () => close?.());

  const run = it.skipIf(kind === 'postgres' && postgresSkipReason !== '');
  const search = (q: string, extra: { page?: number; pageSize?: number } = {}, account = A) =>
    searchOrders(db, account, { q, ...extra });
  const numbers = (page: Awaited<ReturnType<typeof search>>) =>
    page.results.map((r) => r.orderNumber ?? r.trackings[0]?.trackingNumber);

  run('finds an order by a prefix of its order number, ignoring case', async () => {
    const page = await search('nl-1000');
    expect(page.results).toHaveLength(1);
    expect(page.results[0]).toMatchObject({
      matchedBy: 'order_number',
      orderNumber: 'NL-10001',
      clientKey: '',
      recipientName: 'Erika Mustermann',
      lastEventAt: '2026-11-26T09:00:00.000Z',
    });
    expect(page.results[0]!.trackings).toEqual([
      expect.objectContaining({
        courier: 'dhl',
        trackingNumber: '00340434161094042557',
        statusCode: 'InboundScan',
        lifecycleStatus: 'InTransit',
      }),
    ]);
    expect(numbers(await search('NL-10001'))).toEqual(['NL-10001']);
    expect(numbers(await search('NL-100011'))).toEqual([]);
  });

  run(
    'finds an order by a prefix of a tracking number, and lists it once for two matching parcels',
    async () => {
      const page = await search('003404341610');
      expect(page.results.map((r) => [r.matchedBy, r.orderNumber])).toEqual([
        ['tracking_number', 'NL-10001'],
      ]);
      const multi = await search('multi');
      expect(multi.results).toHaveLength(1);
      expect(multi.results[0]).toMatchObject({ orderNumber: 'M-1', clientKey: 'brand-x' });
      expect(multi.results[0]!.trackings.map((t) => t.trackingNumber)).toEqual(['MULTI0001', 'MULTI0002']);
    },
  );

  run('finds a tracking without an order', async () => {
    const page = await search('1z999aa1012');
    expect(page.results).toEqual([
      expect.objectContaining({
        matchedBy: 'tracking_number',
        orderId: null,
        orderNumber: null,
        lastEventAt: '2026-11-27T09:00:00.000Z',
        trackings: [expect.objectContaining({ courier: 'ups', statusCode: 'InTransit' })],
      }),
    ]);
    expect(page.results[0]!.trackings[0]!.trackingId).toMatch(/^trk_/);
  });

  run(
    'finds by exact email (any case), customer number, external reference and external order id',
    async () => {
      const first = async (q: string) => (await search(q)).results.map((r) => [r.matchedBy, r.orderNumber]);
      expect(await first('ERIKA@example.COM')).toEqual([['recipient_email', 'NL-10001']]);
      expect(await first('K-77')).toEqual([['customer_number', 'NL-10001']]);
      expect(await first('K-7')).toEqual([]);
      expect(await first('REF-9')).toEqual([['external_reference', 'NL-10001']]);
      expect(await first(UUID.toUpperCase())).toEqual([['external_order_id', 'NL-10001']]);
    },
  );

  run('pages through matches in a stable order, without repeats', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await search('p-0', { page, pageSize: 10 }));
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const all = pages.flatMap(numbers);
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => `P-${String(i + 1).padStart(3, '0')}`));
    // Many orders of one customer: newest first.
    const customer = await search('K-MANY', { pageSize: 3 });
    expect(numbers(customer)).toEqual(['P-025', 'P-024', 'P-023']);
    expect(customer.hasMore).toBe(true);
  });

  run("never shows another account's orders or trackings", async () => {
    for (const q of ['NL-10001', '0034043416', 'erika@example.com', 'K-77', 'REF-9', '1Z999AA10']) {
      const a = await search(q);
      const b = await search(q, {}, B);
      const ids = (page: typeof a) => page.results.map((r) => r.orderId ?? r.trackings[0]!.trackingId);
      expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
    }
    expect(numbers(await search('1Z999AA10999'))).toEqual([]);
    expect(numbers(await search('1Z999AA10999', {}, B))).toEqual(['1Z999AA10999999999']);
    expect((await search('p-0', {}, B)).results).toEqual([]);
  });

  run('refuses input it cannot search with', async () => {
    await expect(search('   ')).rejects.toBeInstanceOf(DomainError);
    await expect(search('x', { page: 51 })).rejects.toMatchObject({ code: 'invalid' });
    // A NUL would make PostgreSQL fail the query (a 500) instead of refusing the input.
    await expect(search('ORD\u0000')).rejects.toMatchObject({ code: 'invalid' });
    await expect(searchOrders(db, 0, { q: 'x' })).rejects.toMatchObject({ code: 'invalid' });
  });

  run('reads an index for every kind of identifier (SQLite: in order, without a sort)', async () => {
    const branches = [
      ...searchBranches(db, A, UUID),
      ...searchBranches(db, A, 'erika@example.com').filter((b) => b.matchedBy === 'recipient_email'),
    ];
    expect(new Set(branches.map((b) => b.matchedBy)).size).toBe(6);
    for (const branch of branches) {
      const compiled = branch.query(21, 0).compile();
      const plan = await explainPlan(db, kind, compiled);
      expect({ kind: branch.matchedBy, plan }).toEqual({
        kind: branch.matchedBy,
        plan: expect.not.stringMatching(kind === 'sqlite' ? /\bSCAN\b|TEMP B-TREE/ : /Seq Scan/),
      });
    }
  });
});
