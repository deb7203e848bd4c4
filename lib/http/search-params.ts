import { normalizeQuery } from '@/lib/schemas/info-query';

/** A page's `searchParams` (first value of each key) with the API's aliases applied. */
export function pageQuery(
  searchParams: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) search.set(key, first);
  }
  return normalizeQuery(search);
}
