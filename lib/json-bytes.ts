// A cached projection answers many requests with the very same object: its JSON is encoded once,
// when the cache sizes it, and every response sends those bytes. They live as long as the object
// does (in an array of their own, not a slice of a shared pool).
const encoded = new WeakMap<object, Uint8Array>();
const encoder = new TextEncoder();

/** `value` as UTF-8 JSON; an object's bytes are kept for as long as the object lives. */
export function jsonBytes(value: unknown): Uint8Array {
  if (value === null || typeof value !== 'object') return encoder.encode(JSON.stringify(value));
  let bytes = encoded.get(value);
  if (bytes === undefined) {
    bytes = encoder.encode(JSON.stringify(value));
    encoded.set(value, bytes);
  }
  return bytes;
}
