import { describe, expect, it } from 'vitest';
import { formatDay, formatDayWindow, formatTimeOfDay, formatTimeRange } from './format';

describe('formatDay', () => {
  it('names the day of an instant in the time zone', () => {
    // 23:30Z on the 28th is already the 29th in Berlin.
    expect(formatDay('2026-11-28T23:30:00Z', 'en', 'Europe/Berlin')).toBe('Sunday, November 29');
    expect(formatDay('2026-11-28T23:30:00Z', 'en', 'America/New_York')).toBe('Saturday, November 28');
    expect(formatDay('2026-11-27T10:30:00+01:00', 'de', 'Europe/Berlin')).toBe('Freitag, 27. November');
  });

  it('keeps a calendar date on its day in every zone', () => {
    expect(formatDay('2026-11-29', 'en', 'Pacific/Auckland')).toBe('Sunday, November 29');
    expect(formatDay('2026-11-29', 'en', 'Pacific/Honolulu')).toBe('Sunday, November 29');
  });
});

describe('formatTimeOfDay', () => {
  it('writes a wall-clock time as the language does', () => {
    expect(formatTimeOfDay('13:30', 'en')).toMatch(/^1:30\sPM$/);
    expect(formatTimeOfDay('13:30:00', 'de')).toBe('13:30');
  });

  it('leaves text that is no time as it is', () => {
    expect(formatTimeOfDay('noon', 'en')).toBe('noon');
  });
});

const NBSP = '\u00a0';

describe('times and windows in the language of the page', () => {
  it('keeps a time with its day period on one line', () => {
    expect(formatTimeOfDay('10:00', 'ar')).toBe(`10:00${NBSP}ص`);
    expect(formatTimeOfDay('10:00', 'ko')).toBe(`AM${NBSP}10:00`);
  });

  it("writes opening hours and delivery windows with the language's own range", () => {
    expect(formatTimeRange('10:00', '14:00', 'en')).toMatch(/^10:00\sAM\s–\s2:00\sPM$/);
    expect(formatTimeRange('10:00:00', '14:00:00', 'de')).toBe(`10:00–14:00${NBSP}Uhr`);
    expect(formatTimeRange('10:00', '14:00', 'ar')).toMatch(/^10:00\sص\s–\s2:00\sم$/);
    expect(formatTimeRange('10:00', '14:00', 'ja')).toBe('10時00分～14時00分');
    // Past midnight, and without an end.
    expect(formatTimeRange('22:00', '02:00', 'de')).toBe('22:00 – 02:00');
    expect(formatTimeRange('10:00', null, 'de')).toBe('10:00');
  });

  it("joins a day and its window with the language's punctuation, not a Latin comma", () => {
    const window = { startDay: '2026-12-10', endDay: '2026-12-10', from: '10:00', to: '14:00' };
    expect(formatDayWindow(window, 'en')).toMatch(/^Thursday, December\s10, 10:00\sAM\s–\s2:00\sPM$/);
    const arabic = formatDayWindow(window, 'ar');
    expect(arabic).toContain('الخميس،');
    expect(arabic).not.toContain(', ');
    expect(formatDayWindow({ startDay: '2026-12-10', endDay: '2026-12-11' }, 'de')).toMatch(
      /^Donnerstag, 10\.\s–\sFreitag, 11\.\sDezember$/,
    );
    expect(formatDayWindow({ startDay: '2026-12-10', endDay: '2026-12-10' }, 'fr')).toMatch(
      /^jeudi\s10\sdécembre$/,
    );
  });
});
