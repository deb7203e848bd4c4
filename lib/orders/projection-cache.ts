import 'server-only';
import { getConfig } from '@/lib/config';
import { processCache } from '@/lib/process-state';

// Reads far outnumber writes, and every write changes the order's data version, which is part of
// the key. The TTL bounds how long fields that change with the clock alone (delayed, expired,
// trending late) may lag. The bound is in bytes, so neither many small orders nor a few huge ones
// can grow the process; an expired entry is dropped when read, and no timer runs per entry.
const TTL_MS = 60_000;

type Entry = { at: number; value: unknown; bytes: number };

const cache = () =>
  processCache<string, Entry>('projection', () => {
    const maxSize = Math.max(1, getConfig().PROJECTION_CACHE_MB * 1024 * 1024);
    return {
      maxSize,
      // An entry larger than a tenth of the cache is served uncached rather than flushing the rest.
      maxEntrySize: Math.max(1, Math.floor(maxSize / 10)),
      sizeCalculation: (entry) => entry.bytes,
      ttl: TTL_MS,
    };
  });

/**
 * The value under `key` while it is younger than the TTL by the request's clock, else computed and
 * kept; `bytes` approximates the memory it holds.
 */
export async function cachedProjection<T>(
  key: string,
  now: Date,
  compute: () => Promise<T>,
  bytes: (value: T) => number,
): Promise<T> {
  const hit = cache().get(key);
  // The request's own clock decides, so a request dated later never sees an answer from before.
  if (hit && now.getTime() - hit.at < TTL_MS) return hit.value as T;
  const value = await compute();
  cache().set(key, { at: now.getTime(), value, bytes: Math.max(1, Math.ceil(bytes(value))) });
  return value;
}

/** How many bytes (approximately) the cache holds: for tests and the memory bench. */
export function projectionCacheBytes(): number {
  return cache().calculatedSize;
}
