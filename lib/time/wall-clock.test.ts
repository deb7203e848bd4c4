import { describe, expect, it } from 'vitest';
import { wallClock } from './wall-clock';

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
