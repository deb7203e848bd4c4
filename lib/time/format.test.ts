import { describe, expect, it } from 'vitest';
import { formatDay, formatTimeOfDay } from './format';

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
