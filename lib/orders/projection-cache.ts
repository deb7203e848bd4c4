import 'server-only';
import type { ProjectedOrder } from './project';

// Reads far outnumber writes, and every write changes the order's data version, which is part of
// the key. The TTL bounds how long fields that change with the clock alone (delayed, expired,
// trending late) may lag; the size bound keeps memory flat.
const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { at: number; value: ProjectedOrder }>();

export async function cachedProjection(
  key: string,
  now: Date,
  compute: () => Promise<ProjectedOrder>,
): Promise<ProjectedOrder> {
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < TTL_MS) return hit.value;
  const value = await compute();
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now.getTime(), value });
  return value;
}
