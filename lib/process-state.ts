import { LRUCache } from 'lru-cache';

// Next bundles a module into several server chunks, and our own entry points (CLI, server) load
// lib/ again beside them: module-level state would exist once per copy. What must exist once per
// process (the database pool, limits, caches) lives on globalThis under a name instead.

const NAMESPACE = 'order-status-portal';

// A value is never replaced once made, so each copy remembers what it found: the lookup on
// globalThis by symbol costs about 0.2 µs, and an API read asks for several values.
const found = new Map<string, unknown>();

/** The one value of this name in the process, created on first use. */
export function perProcess<T>(name: string, create: () => T): T {
  let value = found.get(name) as T | undefined;
  if (value === undefined) {
    const store = globalThis as unknown as Record<symbol, T | undefined>;
    value = store[Symbol.for(`${NAMESPACE}.${name}`)] ??= create();
    found.set(name, value);
  }
  return value;
}

/** The value of this name if something created it, else undefined (for closing it). */
export function existing<T>(name: string): T | undefined {
  return (globalThis as unknown as Record<symbol, T | undefined>)[Symbol.for(`${NAMESPACE}.${name}`)];
}

// By the name as given: `cache.${name}` would be a new string to hash on every call.
const caches = new Map<string, unknown>();

/** The process's cache of this name: an lru-cache instance, so it has a bound and `clear()`. */
export function processCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  name: string,
  options: () => LRUCache.Options<K, V, unknown>,
): LRUCache<K, V> {
  let cache = caches.get(name) as LRUCache<K, V> | undefined;
  if (!cache) {
    cache = perProcess(`cache.${name}`, () => new LRUCache<K, V>(options()));
    caches.set(name, cache);
  }
  return cache;
}
