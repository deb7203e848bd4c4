import { describe, expect, it } from 'vitest';
import { countryName, toIso3 } from './countries';

describe('countries', () => {
  it('turns the alpha-2 codes carriers use into alpha-3', () => {
    expect(toIso3(' de ')).toBe('DEU');
    expect(toIso3('XX')).toBeNull();
    expect(toIso3(null)).toBeNull();
  });

  it('names a country in the language asked for, and keeps a code no table knows', () => {
    expect(countryName('DEU', 'en')).toBe('Germany');
    expect(countryName('DEU', 'de')).toBe('Deutschland');
    expect(countryName('XYZ', 'en')).toBe('XYZ');
  });
});
