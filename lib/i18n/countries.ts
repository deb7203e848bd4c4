import countries from 'i18n-iso-countries';

// Naming a country costs an Intl call, and every checkpoint names one: remember each name (a few
// hundred countries times the languages the portal has).
const names = new Map<string, string>();

/** `DEU` → "Germany" / "Deutschland" / "ألمانيا"; a code no table knows stays as it is. */
export function countryName(iso3: string | null | undefined, locale: string): string | null {
  if (!iso3) return null;
  const key = `${locale}|${iso3}`;
  let name = names.get(key);
  if (name === undefined) {
    // Intl.DisplayNames names regions by alpha-2 only.
    const iso2 = countries.alpha3ToAlpha2(iso3.trim().toUpperCase());
    name = (iso2 && new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(iso2)) || iso3;
    // Only codes some table knows are kept, so a client cannot grow the map with made-up ones.
    if (iso2) names.set(key, name);
  }
  return name;
}

/** `DE` → `DEU`: carriers speak alpha-2, our locations alpha-3. */
export function toIso3(alpha2: string | null | undefined): string | null {
  if (!alpha2) return null;
  return countries.alpha2ToAlpha3(alpha2.trim().toUpperCase()) ?? null;
}
