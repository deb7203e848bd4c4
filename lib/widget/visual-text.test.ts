import { describe, expect, it } from 'vitest';
import { stripEmoji, textPieces, visualText } from './visual-text';

describe('text for the widget', () => {
  it('leaves left-to-right text alone', () => {
    expect(visualText('Out for delivery', 'ltr')).toBe('Out for delivery');
    expect(visualText('Zugestellt am 28. November', 'ltr')).toBe('Zugestellt am 28. November');
  });

  it('shapes Arabic into presentation forms and draws it right to left', () => {
    // "تم" (done): ت initial form U+FE97, م final form U+FEE2; drawn right to left.
    expect(visualText('تم', 'rtl')).toBe('\uFEE2\uFE97');
    const text = visualText('تم التوصيل', 'rtl');
    expect(text).not.toMatch(/[\u0600-\u06FF]/);
    expect(text.split(' ')).toHaveLength(2);
  });

  it('keeps Latin runs and numbers readable inside Arabic', () => {
    const text = visualText('الشحن مع DHL رقم 42', 'rtl');
    expect(text).toContain('DHL');
    expect(text).toContain('42');
    // In a right-to-left line the first logical word ends up on the right.
    expect(text.indexOf('42')).toBeLessThan(text.indexOf('DHL'));
  });

  it('mirrors brackets in right-to-left runs', () => {
    expect(visualText('(تم)', 'rtl')).toMatch(/^\(.*\)$/);
  });

  it('strips emoji, which would need a network fetch', () => {
    expect(stripEmoji('Nordlicht 🏔️ Outfitters ✨')).toBe('Nordlicht Outfitters');
    expect(visualText('📦 Delivered', 'ltr')).toBe('Delivered');
  });
});

describe('pieces for wrapping right-to-left lines', () => {
  it('splits right-to-left runs into words, in reading order', () => {
    const pieces = textPieces('تم التسليم إلى شركة الشحن', 'rtl');
    expect(pieces).toHaveLength(5);
    expect(pieces[0]).toBe(visualText('تم', 'rtl'));
  });

  it('keeps left-to-right runs whole', () => {
    expect(textPieces('مع Nordlicht Outfitters اليوم', 'rtl')).toEqual([
      visualText('مع', 'rtl'),
      'Nordlicht Outfitters',
      visualText('اليوم', 'rtl'),
    ]);
    expect(textPieces('Out for delivery', 'ltr')).toEqual(['Out for delivery']);
  });
});
