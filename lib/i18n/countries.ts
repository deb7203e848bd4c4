import countries from 'i18n-iso-countries';

// Building an Intl.DisplayNames costs far more than using one; keep them per locale.
const names = new Map<string, Intl.DisplayNames>();

/** `DEU` → "Germany" / "Deutschland" / "ألمانيا"; a code no table knows stays as it is. */
export function countryName(iso3: string | null | undefined, locale: string): string | null {
  if (!iso3) return null;
  // Intl.DisplayNames names regions by alpha-2 only.
  const iso2 = countries.alpha3ToAlpha2(iso3.trim().toUpperCase());
  if (!iso2) return iso3;
  let display = names.get(locale);
  if (!display) {
    display = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    names.set(locale, display);
  }
  return display.of(iso2) ?? iso3;
}

/** `DE` → `DEU`: carriers speak alpha-2, our locations alpha-3. */
export function toIso3(alpha2: string | null | undefined): string | null {
  if (!alpha2) return null;
  return countries.alpha2ToAlpha3(alpha2.trim().toUpperCase()) ?? null;
}
