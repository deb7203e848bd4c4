import countries from 'i18n-iso-countries';

/** `DE` → `DEU`; carriers speak alpha-2, our locations alpha-3. */
export function toIso3(alpha2: string | null | undefined): string | null {
  if (!alpha2) return null;
  return countries.alpha2ToAlpha3(alpha2.trim().toUpperCase()) ?? null;
}

/** ISO 8601 with an offset: carriers sometimes omit it, and then UTC is assumed. */
export function withOffset(timestamp: string): string | null {
  const value = /[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`;
  return Number.isNaN(Date.parse(value)) ? null : value;
}
