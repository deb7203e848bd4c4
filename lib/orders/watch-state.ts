import 'server-only';
import type { Db } from '@/lib/db/client';
import type { CheckpointRow, OrderRow, WatchlistRow } from '@/lib/db/schema';
import { orderFacts } from '@/lib/projection/facts';
import { transitHistoryKey } from '@/lib/projection/trending-late';
import { watchState } from '@/lib/projection/watch-reasons';
import { transitHistoryFor } from './transit-history';

const CHUNK = 200;

/**
 * Brings the watchlist rows and `watch_due_at` of these trackings up to date at `now`. Called in
 * the transaction that changed them (events, an order written) and by the sweep; the work is
 * proportional to the trackings named, never to the account.
 */
export async function updateWatchState(db: Db, trackingIds: Iterable<number>, now: Date): Promise<void> {
  const ids = [...new Set(trackingIds)];
  for (let i = 0; i < ids.length; i += CHUNK) await updateChunk(db, ids.slice(i, i + CHUNK), now);
}

async function updateChunk(db: Db, ids: number[], now: Date) {
  if (ids.length === 0) return;
  const trackings = await db.selectFrom('trackings').selectAll().where('id', 'in', ids).execute();
  if (trackings.length === 0) return;
  const orderIds = [...new Set(trackings.map((t) => t.order_id).filter((id): id is number => id !== null))];
  const [orders, checkpoints, existing] = await Promise.all([
    orderIds.length
      ? db.selectFrom('orders').selectAll().where('id', 'in', orderIds).execute()
      : Promise.resolve([] as OrderRow[]),
    db.selectFrom('checkpoints').selectAll().where('tracking_id', 'in', ids).execute(),
    db.selectFrom('watchlist').selectAll().where('tracking_id', 'in', ids).execute(),
  ]);
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const checkpointsOf = new Map<number, CheckpointRow[]>();
  for (const c of checkpoints) {
    const list = checkpointsOf.get(c.tracking_id);
    if (list) list.push(c);
    else checkpointsOf.set(c.tracking_id, [c]);
  }
  const existingOf = new Map<string, WatchlistRow>(existing.map((w) => [`${w.tracking_id}|${w.reason}`, w]));

  // One history read per account (cached across calls), as the order page reads it.
  const byAccount = new Map<number, Array<{ courier: string; country: string | null }>>();
  const laneOf = (t: (typeof trackings)[number]) => {
    const order = t.order_id === null ? null : (orderById.get(t.order_id) ?? null);
    return {
      courier: t.courier,
      country: t.destination_country_iso3 ?? order?.destination_country_iso3 ?? null,
    };
  };
  for (const t of trackings) {
    const lanes = byAccount.get(t.account_id) ?? [];
    lanes.push(laneOf(t));
    byAccount.set(t.account_id, lanes);
  }
  const histories = new Map<number, Map<string, number[]>>();
  for (const [accountId, lanes] of byAccount)
    histories.set(accountId, await transitHistoryFor(db, accountId, lanes, now));

  const inserts: WatchlistRow[] = [];
  const updates: WatchlistRow[] = [];
  const keep = new Set<string>();
  const dueAt = new Map<number, string | null>();
  for (const tracking of trackings) {
    const order = tracking.order_id === null ? null : (orderById.get(tracking.order_id) ?? null);
    const transitHistory = histories.get(tracking.account_id)!;
    const [facts] = orderFacts({
      order,
      orderArticles: [],
      trackings: [{ tracking, checkpoints: checkpointsOf.get(tracking.id) ?? [], articles: [] }],
      transitHistory,
      liveRefreshCouriers: new Set(),
      now,
      // The reasons need the derived fields only, not the checkpoints a response would carry.
      checkpointWindow: { offset: 0, limit: 0 },
    }).trackings;
    const lane = laneOf(tracking);
    const state = watchState(
      facts!,
      order,
      transitHistory.get(transitHistoryKey(lane.courier, lane.country)),
      now,
    );
    dueAt.set(tracking.id, state.dueAt);
    for (const { reason, since } of state.reasons) {
      const row: WatchlistRow = {
        tracking_id: tracking.id,
        reason,
        account_id: tracking.account_id,
        order_id: tracking.order_id,
        courier: tracking.courier,
        client_key: order?.client_key ?? '',
        since,
      };
      const key = `${tracking.id}|${reason}`;
      keep.add(key);
      const before = existingOf.get(key);
      if (!before) inserts.push(row);
      else if (
        before.since !== row.since ||
        before.order_id !== row.order_id ||
        before.courier !== row.courier ||
        before.client_key !== row.client_key ||
        before.account_id !== row.account_id
      )
        updates.push(row);
    }
  }

  for (const gone of existing.filter((w) => !keep.has(`${w.tracking_id}|${w.reason}`))) {
    await db
      .deleteFrom('watchlist')
      .where('tracking_id', '=', gone.tracking_id)
      .where('reason', '=', gone.reason)
      .execute();
  }
  if (inserts.length) await db.insertInto('watchlist').values(inserts).execute();
  for (const { tracking_id, reason, ...fields } of updates) {
    await db
      .updateTable('watchlist')
      .set(fields)
      .where('tracking_id', '=', tracking_id)
      .where('reason', '=', reason)
      .execute();
  }
  for (const tracking of trackings) {
    const due = dueAt.get(tracking.id) ?? null;
    if (due === tracking.watch_due_at) continue;
    await db.updateTable('trackings').set({ watch_due_at: due }).where('id', '=', tracking.id).execute();
  }
}
