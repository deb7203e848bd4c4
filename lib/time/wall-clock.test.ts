import { describe, expect, it } from 'vitest';
import { offsetAtWallClock, wallClock } from './wall-clock';

describe('wall clock', () => {
  it('reads date, time, weekday and offset in the zone', () => {
    expect(wallClock('2026-11-28T23:30:00Z', 'Europe/Berlin')).toEqual({
      date: '2026-11-29',
      time: '00:30:00',
      weekday: 'sun',
      offset: '+01:00',
      offsetMinutes: 60,
    });
    expect(wallClock(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toMatchObject({
      offset: '-04:00',
      offsetMinutes: -240,
    });
    expect(wallClock(new Date('2026-06-01T00:00:00Z'), 'UTC')).toMatchObject({
      offset: '+00:00',
      offsetMinutes: 0,
    });
    expect(wallClock('2026-06-01T00:00:00Z', 'Asia/Kolkata')).toMatchObject({
      offset: '+05:30',
      offsetMinutes: 330,
    });
  });
});

describe('offset at a wall-clock time', () => {
  it.each([
    ['2026-11-30T14:05:00', 'Europe/Berlin', '+01:00'],
    ['2026-07-01T14:05:00', 'Europe/Berlin', '+02:00'],
    ['2026-11-30T14:05', 'Asia/Hong_Kong', '+08:00'],
    ['2026-11-30T14:05:00.250', 'America/Chicago', '-06:00'],
    ['2026-07-01T14:05:00', 'America/Chicago', '-05:00'],
    ['2026-07-01T14:05:00', 'Asia/Kolkata', '+05:30'],
    ['2026-07-01T14:05:00', 'Australia/Sydney', '+10:00'],
    ['2026-01-15T14:05:00', 'Australia/Sydney', '+11:00'],
    ['2026-07-01T14:05:00', 'UTC', '+00:00'],
    // The night the clocks go back, 02:30 happens twice: the first, still summer time.
    ['2026-10-25T02:30:00', 'Europe/Berlin', '+02:00'],
    ['2026-10-25T03:00:00', 'Europe/Berlin', '+01:00'],
    ['2026-03-29T01:59:59', 'Europe/Berlin', '+01:00'],
    ['2026-03-29T03:00:00', 'Europe/Berlin', '+02:00'],
    // The night they go forward, 02:30 never happens: read with the offset from before.
    ['2026-03-29T02:30:00', 'Europe/Berlin', '+01:00'],
    ['2026-03-08T02:30:00', 'America/Chicago', '-06:00'],
  ])('%s in %s → %s', (local, zone, offset) => {
    expect(offsetAtWallClock(local, zone)).toBe(offset);
  });

  it('the skipped time names the instant just after the switch', () => {
    const offset = offsetAtWallClock('2026-03-29T02:30:00', 'Europe/Berlin');
    expect(wallClock(`2026-03-29T02:30:00${offset}`, 'Europe/Berlin').time).toBe('03:30:00');
  });

  it.each([
    ['2026-11-30T14:05:00+01:00', 'Europe/Berlin'],
    ['2026-11-30', 'Europe/Berlin'],
    ['2026-02-31T10:00:00', 'Europe/Berlin'],
    ['2026-11-30T24:00:00', 'Europe/Berlin'],
    ['not a time', 'Europe/Berlin'],
    ['2026-11-30T14:05:00', 'Mars/Olympus_Mons'],
  ])('%s in %s → null', (local, zone) => {
    expect(offsetAtWallClock(local, zone)).toBeNull();
  });
});
