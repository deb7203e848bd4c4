import 'server-only';
import { LRUCache } from 'lru-cache';
import { getConfig } from '@/lib/config';
import type { ProjectedOrder } from './project';

// Reads far outnumber writes, and every write changes the order's data version, which is part of
// the key. The TTL bounds how long fields that change with the clock alone (delayed, expired,
// trending late) may lag. The bound is in bytes, so neither many small orders nor a few huge ones
// can grow the process; an expired entry is dropped when read, and no timer runs per entry.
const TTL_MS = 60_000;

type Entry = { at: number; value: ProjectedOrder };
const globalForCache = globalThis as unknown as { __projectionCache?: LRUCache<string, Entry> };

function cache() {
  if (globalForCache.__projectionCache) return globalForCache.__projectionCache;
  const maxSize = Math.max(1, getConfig().PROJECTION_CACHE_MB * 1024 * 1024);
  globalForCache.__projectionCache = new LRUCache<string, Entry>({
    maxSize,
    // An entry larger than a tenth of the cache is served uncached rather than flushing the rest.
    maxEntrySize: Math.max(1, Math.floor(maxSize / 10)),
    // JSON length approximates the bytes an entry holds.
    sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.value.info).length),
    ttl: TTL_MS,
  });
  return globalForCache.__projectionCache;
}

export async function cachedProjection(
  key: string,
  now: Date,
  compute: () => Promise<ProjectedOrder>,
): Promise<ProjectedOrder> {
  const hit = cache().get(key);
  // The request's own clock decides, so a request dated later never sees an answer from before.
  if (hit && now.getTime() - hit.at < TTL_MS) return hit.value;
  const value = await compute();
  cache().set(key, { at: now.getTime(), value });
  return value;
}

/** How many bytes (approximately) the cache holds: for tests and the memory bench. */
export function projectionCacheBytes(): number {
  return cache().calculatedSize;
}
