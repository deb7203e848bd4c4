import { describe, expect, it } from 'vitest';
import { withOffset, zoneForLocalTime } from './local-time';

describe('local times of carrier events', () => {
  it.each([
    ['2026-11-30T14:05:00+01:00', undefined, '2026-11-30T14:05:00+01:00'],
    ['2026-11-30T14:05:00-0500', 'Europe/Berlin', '2026-11-30T14:05:00-0500'],
    ['2026-11-30T14:05:00Z', 'Europe/Berlin', '2026-11-30T14:05:00Z'],
    ['2026-11-30T14:05:00', undefined, '2026-11-30T14:05:00Z'],
    ['2026-11-30T14:05:00', null, '2026-11-30T14:05:00Z'],
    ['2026-11-30T14:05:00', 'Europe/Berlin', '2026-11-30T14:05:00+01:00'],
    ['2026-07-01T14:05:00', 'Europe/Berlin', '2026-07-01T14:05:00+02:00'],
    // A zone Intl does not know reads the time as before: as UTC, rather than losing the event.
    ['2026-11-30T14:05:00', 'Mars/Olympus_Mons', '2026-11-30T14:05:00Z'],
    ['not a time', 'Europe/Berlin', null],
  ])('withOffset(%s, %s) → %s', (timestamp, zone, expected) => {
    expect(withOffset(timestamp, zone)).toBe(expected);
  });

  it.each([
    ['DE', null, 'Europe/Berlin'],
    ['de', null, 'Europe/Berlin'],
    ['HK', null, 'Asia/Hong_Kong'],
    ['CN', null, 'Asia/Shanghai'],
    ['GB', 'America/Chicago', 'Europe/London'],
    ['US', 'America/Chicago', 'America/Chicago'],
    ['US', 'US/Central', 'US/Central'],
    ['US', null, null],
    // The recipient's zone says nothing about a place in another country.
    ['US', 'Europe/Berlin', null],
    ['ES', 'Europe/Madrid', 'Europe/Madrid'],
    ['ES', null, null],
    [null, 'Europe/Berlin', 'Europe/Berlin'],
    [undefined, null, null],
  ])('a local time in %s with the zone hint %s is read in %s', (country, hint, zone) => {
    expect(zoneForLocalTime('2026-11-30T14:05:00', country, hint)).toBe(zone);
  });
});
