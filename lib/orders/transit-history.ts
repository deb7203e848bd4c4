import 'server-only';
import type { Db } from '@/lib/db/client';
import { processCache } from '@/lib/process-state';
import { loadTransitHistory } from '@/lib/db/order-queries';
import { transitHistoryKey } from '@/lib/projection/trending-late';

// A lane's delivery history changes by a few parcels an hour, while every read needs it: keep
// it in memory for a while instead of reading hundreds of rows per request.
const TTL_MS = 10 * 60_000;
const cache = () =>
  processCache<string, { at: number; values: number[] }>('transit-history', () => ({
    max: 5_000,
    ttl: TTL_MS,
  }));

export async function transitHistoryFor(
  db: Db,
  accountId: number,
  lanes: ReadonlyArray<{ courier: string; country: string | null }>,
  now: Date,
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  const missing: (typeof lanes)[number][] = [];
  for (const lane of lanes) {
    const key = transitHistoryKey(lane.courier, lane.country);
    const hit = cache().get(`${accountId}|${key}`);
    if (hit && now.getTime() - hit.at < TTL_MS) result.set(key, hit.values);
    else missing.push(lane);
  }
  if (missing.length === 0) return result;
  for (const [key, values] of await loadTransitHistory(db, accountId, missing)) {
    cache().set(`${accountId}|${key}`, { at: now.getTime(), values });
    result.set(key, values);
  }
  return result;
}
