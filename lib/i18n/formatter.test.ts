import { describe, expect, it } from 'vitest';
import { formatterFor } from './formatter';

describe('formatter per locale', () => {
  it('is one formatter per locale for the whole process', () => {
    expect(formatterFor('de')).toBe(formatterFor('de'));
    expect(formatterFor('de')).not.toBe(formatterFor('en'));
  });

  it('formats in its locale, in the zone asked for', () => {
    const instant = new Date('2026-11-30T23:30:00Z');
    expect(formatterFor('en').dateTime(instant, { dateStyle: 'long', timeZone: 'UTC' })).toBe(
      'November 30, 2026',
    );
    expect(formatterFor('de').dateTime(instant, { dateStyle: 'long', timeZone: 'Europe/Berlin' })).toBe(
      '1. Dezember 2026',
    );
  });
});
