import 'server-only';

/** Rendered cards by ETag. Behind this interface so a shared cache (Redis) can replace it. */
export type WidgetCache = {
  get(key: string): Buffer | undefined;
  set(key: string, png: Buffer): void;
};

/** Least recently used cards go first once the cache holds more than `maxBytes`. */
export function createMemoryCache(maxBytes: number): WidgetCache {
  const entries = new Map<string, Buffer>();
  let bytes = 0;
  return {
    get(key) {
      const png = entries.get(key);
      if (png) {
        entries.delete(key);
        entries.set(key, png);
      }
      return png;
    },
    set(key, png) {
      if (png.length > maxBytes) return;
      const old = entries.get(key);
      if (old) {
        bytes -= old.length;
        entries.delete(key);
      }
      entries.set(key, png);
      bytes += png.length;
      for (const [oldest, value] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= value.length;
      }
    },
  };
}
