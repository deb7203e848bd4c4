import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { ingestEvents } from '@/lib/orders/ingest-events';
import { putOrder } from '@/lib/orders/write-order';
import { type EventInput, eventInputSchema } from '@/lib/schemas/event';
import { orderInputSchema } from '@/lib/schemas/order';
import type { StatusCode, WatchReason } from '@/lib/status/vocabulary';
import { type DbKind, explainPlan, openTestDb, postgresSkipReason } from '@/test/support/databases';
import { sweepWatchlist, watchlistCounts, watchlistPage } from './watchlist';

const T0 = Date.parse('2026-11-02T10:00:00Z');
const DAY = 86_400_000;
const day = (n: number, plusMs = 0) => new Date(T0 + n * DAY + plusMs);
const HOUR = 3_600_000;

describe.each<DbKind>(['sqlite', 'postgres'])('staff watchlist (%s)', (kind) => {
  let db: Db;
  let close: () => Promise<void>;
  // Distinct ids per database: the transit-history cache is per process, keyed by account.
  const base = kind === 'sqlite' ? 2200 : 3200;
  const account = {
    time: base + 1,
    events: base + 2,
    dates: base + 3,
    trend: base + 4,
    lists: base + 5,
    other: base + 6,
  };

  beforeAll(async () => {
    if (kind === 'postgres' && postgresSkipReason) return;
    ({ db, close } = await openTestDb(kind, 'watchlist'));
    for (const [name, id] of Object.entries(account)) await createAccount(db, { name, id });
  });
  afterAll(async () => close?.());

  const run = it.skipIf(kind === 'postgres' && postgresSkipReason !== '');
  const order = (accountId: number, input: Record<string, unknown>, now: Date) =>
    putOrder(db, accountId, orderInputSchema.parse({ token_only: true, ...input }), now);
  const events = (
    accountId: number,
    now: Date,
    list: Array<[string, StatusCode, Date, Partial<EventInput>?]>,
    courier = 'dhl',
  ) =>
    ingestEvents(
      db,
      accountId,
      list.map(([tracking_number, event_status, at, extra]) =>
        eventInputSchema.parse({
          courier,
          tracking_number,
          event_status,
          event_timestamp: at.toISOString(),
          ...extra,
        }),
      ),
      { source: 'test', now },
    );
  const members = async (accountId: number, reason: WatchReason, now: Date) =>
    (await watchlistPage(db, accountId, reason, { pageSize: 100 }, now)).rows.map((r) => [
      r.trackingNumber,
      r.since,
    ]);
  const nonZero = async (accountId: number, now: Date, filters = {}) =>
    Object.fromEntries(
      Object.entries(await watchlistCounts(db, accountId, filters, now)).filter(([, n]) => n > 0),
    );

  run(
    'forgotten and delayed dispatch: the sweep adds them as time passes, the first scan removes them',
    async () => {
      const a = account.time;
      await order(
        a,
        {
          order_number: 'F-1',
          order_date: day(0).toISOString(),
          trackings: [{ tracking_number: 'F1', courier: 'dhl' }],
        },
        day(0),
      );
      await sweepWatchlist(db, day(2));
      expect(await nonZero(a, day(2))).toEqual({});
      await sweepWatchlist(db, day(2, HOUR));
      expect(await members(a, 'delayed_dispatch', day(2, HOUR))).toEqual([['F1', day(2).toISOString()]]);
      expect(await nonZero(a, day(2, HOUR))).toEqual({ delayed_dispatch: 1 });
      await sweepWatchlist(db, day(3, HOUR));
      expect(await members(a, 'forgotten', day(3, HOUR))).toEqual([['F1', day(3).toISOString()]]);
      expect(await nonZero(a, day(3, HOUR))).toEqual({ delayed_dispatch: 1, forgotten: 1 });
      await events(a, day(4), [['F1', 'InboundScan', day(4)]]);
      expect(await nonZero(a, day(4))).toEqual({});
    },
  );

  run(
    'failed attempts and exceptions come with the event and go with the next; an old exception expires',
    async () => {
      const a = account.events;
      await events(a, day(1), [
        ['FA1', 'InboundScan', day(0)],
        ['FA1', 'FailedAttemptFirst', day(1)],
        ['EX1', 'InboundScan', day(0)],
        ['EX1', 'Exception', day(1), { exception_type: 'AddressIssue' }],
      ]);
      expect(await nonZero(a, day(1))).toEqual({ failed_attempt: 1, exception: 1 });
      const page = await watchlistPage(db, a, 'exception', {}, day(1));
      expect(page.rows).toEqual([
        expect.objectContaining({
          trackingNumber: 'EX1',
          courier: 'dhl',
          since: day(1).toISOString(),
          statusCode: 'Exception',
          lifecycleStatus: 'Exception',
          orderId: null,
          orderNumber: null,
          clientKey: '',
        }),
      ]);
      expect(page.rows[0]!.trackingId).toMatch(/^trk_/);
      await events(a, day(2), [
        ['FA1', 'Delivered', day(2)],
        ['EX1', 'InTransit', day(2)],
      ]);
      expect(await nonZero(a, day(2))).toEqual({});
      await events(a, day(3), [['EX1', 'Exception', day(3), { exception_type: 'Damaged' }]]);
      expect(await members(a, 'exception', day(3))).toEqual([['EX1', day(3).toISOString()]]);
      // Thirty days without news is not yet expired; a moment later it is (SPEC §4).
      await sweepWatchlist(db, day(33));
      expect(await nonZero(a, day(33))).toHaveProperty('exception', 1);
      await sweepWatchlist(db, day(33, HOUR));
      expect(await nonZero(a, day(33, HOUR))).not.toHaveProperty('exception');
    },
  );

  run(
    'delayed and customer promise exceeded begin at midnight where the parcel goes, and end with delivery',
    async () => {
      const a = account.dates;
      await order(
        a,
        {
          order_number: 'D-1',
          timezone: 'Europe/Berlin',
          trackings: [{ tracking_number: 'D1', courier: 'dhl', announced_delivery_date: '2026-11-05' }],
        },
        day(0),
      );
      await events(a, day(0, HOUR), [['D1', 'InboundScan', day(0, HOUR)]]);
      // Carrier's own estimate, no promise by the shop: delayed, but no promise broken.
      await events(a, day(0, HOUR), [
        [
          'E1',
          'InTransit',
          day(0, HOUR),
          { estimated_delivery_date: { start_date: '2026-11-06', end_date: '2026-11-06' } },
        ],
      ]);
      await sweepWatchlist(db, new Date('2026-11-05T22:59:00Z'));
      expect(await nonZero(a, new Date('2026-11-05T22:59:00Z'))).toEqual({});
      const berlinMidnight = '2026-11-05T23:00:00.000Z';
      await sweepWatchlist(db, new Date('2026-11-05T23:30:00Z'));
      expect(await members(a, 'delayed', new Date('2026-11-05T23:30:00Z'))).toEqual([['D1', berlinMidnight]]);
      expect(await members(a, 'customer_promise_exceeded', new Date('2026-11-05T23:30:00Z'))).toEqual([
        ['D1', berlinMidnight],
      ]);
      await sweepWatchlist(db, new Date('2026-11-07T00:00:01Z'));
      expect(await members(a, 'delayed', new Date('2026-11-07T00:00:01Z'))).toEqual([
        ['D1', berlinMidnight],
        ['E1', '2026-11-07T00:00:00.000Z'],
      ]);
      expect(await nonZero(a, new Date('2026-11-07T00:00:01Z'))).toEqual({
        delayed: 2,
        customer_promise_exceeded: 1,
      });
      await events(a, day(6), [
        ['D1', 'Delivered', day(6)],
        ['E1', 'Delivered', day(6)],
      ]);
      expect(await nonZero(a, day(6))).toEqual({});
    },
  );

  run(
    "trending late: once the lane's past parcels had arrived after as long, by the sweep alone",
    async () => {
      const a = account.trend;
      // Ten past parcels of the lane (dhl, no country), two days with the courier each.
      await events(
        a,
        day(3),
        Array.from({ length: 10 }, (_, i) => [
          [`H${i}`, 'InboundScan', day(0)],
          [`H${i}`, 'Delivered', day(2)],
        ]).flat() as Array<[string, StatusCode, Date]>,
      );
      await events(a, day(10, HOUR), [['TL1', 'InboundScan', day(10)]]);
      await sweepWatchlist(db, day(11));
      expect(await nonZero(a, day(11))).toEqual({});
      await sweepWatchlist(db, day(12, 60_000));
      expect(await members(a, 'trending_late', day(12, 60_000))).toEqual([['TL1', day(12).toISOString()]]);
      await events(a, day(13), [['TL1', 'Delivered', day(13)]]);
      expect(await nonZero(a, day(13))).toEqual({});
    },
  );

  run(
    'filters by courier, client key and age, sorts and pages on the server, and keeps to one account',
    async () => {
      const a = account.lists;
      for (const i of [1, 2, 3]) {
        await order(
          a,
          {
            order_number: `L-${i}`,
            client_key: 'brand-x',
            trackings: [{ tracking_number: `L${i}`, courier: 'dhl' }],
          },
          day(0),
        );
        await events(a, day(i), [
          [`L${i}`, 'InboundScan', day(0)],
          [`L${i}`, 'FailedAttemptFirst', day(i)],
        ]);
      }
      for (const i of [4, 5]) {
        await events(
          a,
          day(i),
          [
            [`L${i}`, 'InboundScan', day(0)],
            [`L${i}`, 'FailedAttemptFirst', day(i)],
          ],
          'ups',
        );
      }
      await events(account.other, day(1), [
        ['O1', 'InboundScan', day(0)],
        ['O1', 'FailedAttemptFirst', day(1)],
      ]);
      const now = day(6);
      expect((await watchlistCounts(db, a, {}, now)).failed_attempt).toBe(5);
      expect((await watchlistCounts(db, a, { courier: 'ups' }, now)).failed_attempt).toBe(2);
      expect((await watchlistCounts(db, a, { clientKey: 'brand-x' }, now)).failed_attempt).toBe(3);
      expect((await watchlistCounts(db, a, { clientKey: '' }, now)).failed_attempt).toBe(2);
      expect((await watchlistCounts(db, a, { minAgeDays: 3 }, now)).failed_attempt).toBe(3);
      expect(
        (await watchlistCounts(db, a, { courier: 'dhl', clientKey: 'brand-x', minAgeDays: 4 }, now))
          .failed_attempt,
      ).toBe(2);

      const pageOf = async (options: Parameters<typeof watchlistPage>[3]) => {
        const page = await watchlistPage(db, a, 'failed_attempt', options, now);
        return [page.rows.map((r) => r.trackingNumber), page.hasMore];
      };
      expect(await pageOf({ pageSize: 2 })).toEqual([['L1', 'L2'], true]);
      expect(await pageOf({ pageSize: 2, page: 2 })).toEqual([['L3', 'L4'], true]);
      expect(await pageOf({ pageSize: 2, page: 3 })).toEqual([['L5'], false]);
      expect(await pageOf({ pageSize: 2, sort: 'newest' })).toEqual([['L5', 'L4'], true]);
      expect(await pageOf({ courier: 'ups' })).toEqual([['L4', 'L5'], false]);
      expect(await pageOf({ clientKey: 'brand-x', sort: 'newest' })).toEqual([['L3', 'L2', 'L1'], false]);
      expect(await pageOf({ minAgeDays: 4 })).toEqual([['L1', 'L2'], false]);
      const withOrder = await watchlistPage(db, a, 'failed_attempt', { pageSize: 1 }, now);
      expect(withOrder.rows[0]).toMatchObject({ orderNumber: 'L-1', clientKey: 'brand-x', courier: 'dhl' });

      // The other account sees its own parcel only, and ours never.
      expect(await nonZero(account.other, now)).toEqual({ failed_attempt: 1 });
      expect(await members(account.other, 'failed_attempt', now)).toEqual([['O1', day(1).toISOString()]]);
      await expect(watchlistPage(db, a, 'lost' as WatchReason)).rejects.toMatchObject({ code: 'invalid' });
      await expect(watchlistCounts(db, a, { minAgeDays: -1 })).rejects.toMatchObject({ code: 'invalid' });

      // An order written again under another client key takes its parcels' rows along.
      await order(
        a,
        {
          order_number: 'L-1',
          client_key: 'brand-y',
          trackings: [{ tracking_number: 'L1', courier: 'dhl' }],
        },
        now,
      );
      expect((await watchlistCounts(db, a, { clientKey: 'brand-y' }, now)).failed_attempt).toBe(1);
      expect((await watchlistCounts(db, a, { clientKey: 'brand-x' }, now)).failed_attempt).toBe(2);
    },
  );

  run('the sweep does a bounded amount of work per run and rebuilds lost rows (the backfill)', async () => {
    const now = day(40);
    await sweepWatchlist(db, now, { limit: 100_000 });
    const before = await watchlistCounts(db, account.lists, {}, now);
    await db.deleteFrom('watchlist').execute();
    await db.updateTable('trackings').set({ watch_due_at: '1970-01-01T00:00:00.000Z' }).execute();
    expect(await sweepWatchlist(db, now, { limit: 3, chunk: 2 })).toEqual({ processed: 3, more: true });
    const rest = await sweepWatchlist(db, now, { limit: 100_000 });
    expect(rest.more).toBe(false);
    expect(await watchlistCounts(db, account.lists, {}, now)).toEqual(before);
    expect(await sweepWatchlist(db, now)).toEqual({ processed: 0, more: false });
  });

  it.skipIf(kind !== 'sqlite')('counts, pages and the sweep read indexes only', async () => {
    const plans = [
      db.selectFrom('watchlist').select('reason').where('account_id', '=', 1).groupBy('reason'),
      db
        .selectFrom('watchlist')
        .select('tracking_id')
        .where('account_id', '=', 1)
        .where('reason', '=', 'delayed')
        .where('courier', '=', 'dhl')
        .orderBy('since')
        .orderBy('tracking_id')
        .limit(25),
      db
        .selectFrom('trackings')
        .select('id')
        .where('watch_due_at', 'is not', null)
        .where('watch_due_at', '<=', 'x')
        .orderBy('watch_due_at')
        .limit(10),
    ];
    for (const query of plans)
      expect(await explainPlan(db, kind, query.compile())).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
  });
});
