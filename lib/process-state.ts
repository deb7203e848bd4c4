import { LRUCache } from 'lru-cache';

// Next bundles a module into several server chunks, and our own entry points (CLI, server) load
// lib/ again beside them: module-level state would exist once per copy. What must exist once per
// process (the database pool, limits, caches) lives on globalThis under a name instead.

const NAMESPACE = 'order-status-portal';

/** The one value of this name in the process, created on first use. */
export function perProcess<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`${NAMESPACE}.${name}`);
  return (store[key] ??= create());
}

/** The value of this name if something created it, else undefined (for closing it). */
export function existing<T>(name: string): T | undefined {
  return (globalThis as unknown as Record<symbol, T | undefined>)[Symbol.for(`${NAMESPACE}.${name}`)];
}

/** The process's cache of this name: an lru-cache instance, so it has a bound and `clear()`. */
export function processCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  name: string,
  options: () => LRUCache.Options<K, V, unknown>,
): LRUCache<K, V> {
  return perProcess(`cache.${name}`, () => new LRUCache<K, V>(options()));
}
