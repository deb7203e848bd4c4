import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessibleAccent, contrastRatio, foregroundOn, normalizeBrandColor } from './colors';

describe('brand colours', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // WebAIM's checker gives 4.54:1 for #767676 on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('picks the readable text colour', () => {
    expect(foregroundOn('#ffeb3b')).toBe('#111111');
    expect(foregroundOn('#0f5c4d')).toBe('#ffffff');
  });

  it('normalises colours and falls back for garbage', () => {
    expect(normalizeBrandColor('#ABC')).toBe('#aabbcc');
    expect(normalizeBrandColor('red; background:url(x)')).toBe('#1f4f8f');
    expect(normalizeBrandColor(null)).toBe('#1f4f8f');
  });

  it('any brand colour yields text and accents that meet AA', () => {
    const hex = fc
      .tuple(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
      )
      .map((rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`);
    fc.assert(
      fc.property(hex, (color) => {
        const accent = accessibleAccent(color);
        expect(contrastRatio(accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(accent, foregroundOn(accent))).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });
});
