/**
 * Postal codes compare without spaces and dashes, upper-cased; a US ZIP+4 matches its ZIP.
 * Returns the forms a stored code is accepted under.
 */
export function normalizePostalCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

function zip5(normalized: string): string | null {
  return /^\d{9}$/.test(normalized) ? normalized.slice(0, 5) : null;
}

export function postalCodesMatch(given: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const a = normalizePostalCode(given);
  const b = normalizePostalCode(stored);
  if (!a || !b) return false;
  if (a === b) return true;
  // ZIP+4 on either side matches the plain 5-digit ZIP of the other.
  return (zip5(a) ?? a) === (zip5(b) ?? b) && (/^\d{5}$/.test(a) || /^\d{5}$/.test(b));
}

export function emailsMatch(given: string, stored: string | null | undefined): boolean {
  return Boolean(stored) && given.trim().toLowerCase() === stored!.trim().toLowerCase();
}
