import 'server-only';
import { sql } from 'kysely';
import { type Db, isPostgres } from './client';
import type { TrackingRow } from './schema';

/** How often a tracking is worth asking the carrier about, by its lifecycle; terminal: never. */
export const REFRESH_CADENCE_MS: Readonly<Record<string, number>> = {
  OutForDelivery: 15 * 60_000,
  AvailableForPickup: 60 * 60_000,
  FailedAttempt: 60 * 60_000,
  Exception: 2 * 60 * 60_000,
  InTransit: 2 * 60 * 60_000,
  InfoReceived: 6 * 60 * 60_000,
  Pending: 6 * 60 * 60_000,
};

const CLAIM_MS = 5 * 60_000;

/**
 * Claims up to `limit` trackings that are due for a refresh, for `couriers`, and returns them.
 * A claim lasts five minutes, so a crashed instance's trackings come back. On PostgreSQL the
 * candidates are locked with SKIP LOCKED, so instances never claim the same tracking; SQLite
 * serializes writers, which gives the same guarantee for its single process.
 */
export async function claimDueTrackings(
  db: Db,
  couriers: readonly string[],
  limit: number,
  now = new Date(),
): Promise<TrackingRow[]> {
  if (couriers.length === 0 || limit <= 0) return [];
  const at = now.toISOString();
  const dueConditions = Object.entries(REFRESH_CADENCE_MS).map(
    ([lifecycle, cadence]) =>
      sql<boolean>`(lifecycle_status = ${lifecycle} and (last_refreshed_at is null or last_refreshed_at < ${new Date(now.getTime() - cadence).toISOString()}))`,
  );
  const candidates = db
    .selectFrom('trackings')
    .select('id')
    .where('courier', 'in', [...couriers])
    .where((eb) => eb.or([eb('refresh_claimed_until', 'is', null), eb('refresh_claimed_until', '<', at)]))
    .where(sql<boolean>`(${sql.join(dueConditions, sql` or `)})`)
    .orderBy(sql`coalesce(last_refreshed_at, '')`)
    .limit(limit);
  const locked = isPostgres(db) ? candidates.forUpdate().skipLocked() : candidates;
  return db
    .updateTable('trackings')
    .set({ refresh_claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where('id', 'in', locked)
    .returningAll()
    .execute();
}

export async function releaseClaim(db: Db, trackingId: number) {
  await db
    .updateTable('trackings')
    .set({ refresh_claimed_until: null })
    .where('id', '=', trackingId)
    .execute();
}
