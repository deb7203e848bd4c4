import 'server-only';
import { LRUCache } from 'lru-cache';

/** Rendered cards by ETag. Behind this interface so a shared cache (Redis) can replace it. */
export type WidgetCache = {
  get(key: string): Buffer | undefined;
  set(key: string, png: Buffer): void;
};

/** Least recently used cards go first once the cache holds more than `maxBytes`. */
export function createMemoryCache(maxBytes: number): WidgetCache {
  const cards = new LRUCache<string, Buffer>({
    maxSize: Math.max(1, maxBytes),
    sizeCalculation: (png) => Math.max(1, png.length),
  });
  return {
    get: (key) => cards.get(key),
    set(key, png) {
      // lru-cache refuses an entry larger than the whole cache; so does this.
      if (png.length <= maxBytes) cards.set(key, png);
    },
  };
}
