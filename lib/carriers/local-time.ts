import { getCountriesForTimezone, getCountry } from 'countries-and-timezones';
import { offsetAtWallClock } from '@/lib/time/wall-clock';

/**
 * ISO 8601 with an offset. Carriers sometimes omit it: then the time is read as wall-clock time
 * in `timeZone`, and as UTC when no zone is given or the time cannot be read there.
 */
export function withOffset(timestamp: string, timeZone?: string | null): string | null {
  const hasOffset = /[zZ]|[+-]\d\d:?\d\d$/.test(timestamp);
  const local = !hasOffset && timeZone ? offsetAtWallClock(timestamp, timeZone) : null;
  if (local) return `${timestamp}${local}`;
  const value = hasOffset ? timestamp : `${timestamp}Z`;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

// tzdata lists Asia/Urumqi for China, Xinjiang's unofficial local time; the legal time, and the
// one a carrier's scanners keep, is Beijing's everywhere.
const LEGAL_ZONES: Readonly<Record<string, readonly string[]>> = { CN: ['Asia/Shanghai'] };

/**
 * The zone in which a local time (no offset) at a place in `countryCode` is read: the country's
 * when all its zones show the same offset at that time (Germany's Büsingen keeps Swiss time,
 * which agrees); else `hint` when it lies in that country or the country is unknown; else null.
 */
export function zoneForLocalTime(
  local: string,
  countryCode: string | null | undefined,
  hint?: string | null,
): string | null {
  const code = countryCode?.trim().toUpperCase() || null;
  const zones = code ? (LEGAL_ZONES[code] ?? getCountry(code)?.timezones ?? []) : [];
  const [first] = zones;
  if (first) {
    const offset = offsetAtWallClock(local, first);
    if (offset && zones.every((zone) => offsetAtWallClock(local, zone) === offset)) return first;
  }
  if (!hint) return null;
  const hintFits = zones.length === 0 || getCountriesForTimezone(hint).some((c) => c.id === code);
  return hintFits ? hint : null;
}
