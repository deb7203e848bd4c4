import { toIso2 } from '@/lib/carriers/countries';

// Building an Intl.DisplayNames costs far more than using one; keep them per locale.
const names = new Map<string, Intl.DisplayNames>();

/** `DEU` → "Germany" / "Deutschland" / "ألمانيا"; a code no table knows stays as it is. */
export function countryName(iso3: string, locale: string): string {
  const iso2 = toIso2(iso3);
  if (!iso2) return iso3;
  let display = names.get(locale);
  if (!display) {
    display = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    names.set(locale, display);
  }
  return display.of(iso2) ?? iso3;
}
