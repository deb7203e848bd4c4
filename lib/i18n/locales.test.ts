import { describe, expect, it } from 'vitest';
import { LOCALES, LOCALES_BY_NAME, preferredLocale, resolveLocale, supportedLocale } from './locales';

describe('supported languages', () => {
  it('maps a tag to the language the portal has, whatever its region or spelling', () => {
    expect(supportedLocale('de')).toBe('de');
    expect(supportedLocale('de-AT')).toBe('de');
    expect(supportedLocale('DE_de')).toBe('de');
    expect(supportedLocale(' ar-EG ')).toBe('ar');
    expect(supportedLocale('pt-BR')).toBe('pt');
    expect(supportedLocale('zh')).toBe('zh');
    expect(supportedLocale('zh-CN')).toBe('zh');
    expect(supportedLocale('zh-SG')).toBe('zh');
    expect(supportedLocale('zh-Hans')).toBe('zh');
    expect(supportedLocale('zh-TW')).toBe('zh-TW');
    expect(supportedLocale('zh_tw')).toBe('zh-TW');
    expect(supportedLocale('zh-Hant')).toBe('zh-TW');
    expect(supportedLocale('zh-HK')).toBe('zh-TW');
    expect(supportedLocale('zh-MO')).toBe('zh-TW');
    expect(supportedLocale('no')).toBe('nb');
    expect(supportedLocale('nn-NO')).toBe('nb');
    expect(supportedLocale('iw')).toBe('he');
    expect(supportedLocale('xx')).toBeNull();
    expect(supportedLocale('日本')).toBeNull();
    expect(supportedLocale('')).toBeNull();
    expect(resolveLocale('xx', 'de-CH')).toBe('de');
    expect(resolveLocale(undefined, null)).toBe('en');
  });

  it("takes the browser's most wanted language it has, by weight and then by order", () => {
    expect(preferredLocale('fr-CH, fr;q=0.9, de;q=0.8, en;q=0.7')).toBe('fr');
    expect(preferredLocale('x-klingon, zh-HK;q=0.8, en;q=0.7')).toBe('zh-TW');
    expect(preferredLocale('en;q=0.5, ar;q=0.6')).toBe('ar');
    expect(preferredLocale('de, ar')).toBe('de');
    expect(preferredLocale('ar;q=0, de;q=0.1')).toBe('de');
    expect(preferredLocale('*, de;q=0.2')).toBe('de');
    expect(preferredLocale('xx, yy;q=0.5')).toBeNull();
    expect(preferredLocale('de;q=abc')).toBe('de');
    expect(preferredLocale(null)).toBeNull();
    // Only the first entries of an endless header are read.
    expect(preferredLocale(`${'xx,'.repeat(100_000)}de`)).toBeNull();
  });

  it('lists every language once, by its own name', () => {
    expect([...LOCALES_BY_NAME].sort()).toEqual([...LOCALES].sort());
    expect(LOCALES).toHaveLength(34);
    // Latin script first, then Greek, Cyrillic, Hebrew, Arabic, Han and Hangul.
    expect(LOCALES_BY_NAME.slice(0, 3)).toEqual(['ca', 'cs', 'da']);
    expect(LOCALES_BY_NAME.indexOf('el')).toBeGreaterThan(LOCALES_BY_NAME.indexOf('tr'));
  });
});
