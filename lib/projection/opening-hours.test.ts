import { describe, expect, it } from 'vitest';
import { isOpenAt, weekSchedule } from './opening-hours';

const hours = [
  { day: 'mon', open: '09:00', close: '18:00' },
  { day: 'sat', open: '10:00:00', close: '14:00:00' },
] as const;

describe('opening hours', () => {
  it('reads the time in the pickup point time zone', () => {
    // Monday 2026-11-30 08:30 UTC is 09:30 in Berlin (open) and 03:30 in New York (closed).
    const now = new Date('2026-11-30T08:30:00Z');
    expect(isOpenAt(hours, now, 'Europe/Berlin')).toBe(true);
    expect(isOpenAt(hours, now, 'America/New_York')).toBe(false);
  });

  it('closes at the closing minute and knows nothing without hours', () => {
    expect(isOpenAt(hours, new Date('2026-12-05T12:59:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isOpenAt(hours, new Date('2026-12-05T13:00:00Z'), 'Europe/Berlin')).toBe(false);
    expect(isOpenAt([], new Date(), 'Europe/Berlin')).toBeNull();
  });
});

describe('week schedule', () => {
  it('lists all seven days from Monday, a day without hours as closed', () => {
    const week = weekSchedule([
      { day: 'sat', open: '10:00', close: '14:00' },
      { day: 'mon', open: '14:00', close: '18:00' },
      { day: 'mon', open: '09:00', close: '12:00' },
    ]);
    expect(week.map((d) => d.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    expect(week[0]!.hours).toEqual([
      { open: '09:00', close: '12:00' },
      { open: '14:00', close: '18:00' },
    ]);
    expect(week[6]!.hours).toEqual([]);
  });
});
