import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import opentype from 'opentype.js';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { RTL_LOCALES } from '@/lib/i18n/locales';
import { FONTS_DIR, WIDGET_FONTS } from './fonts';
import { visualText } from './visual-text';

// No language may ever render tofu boxes: every character the widget can draw from the messages,
// after shaping, must be in one of the bundled fonts' character maps.

const MESSAGES_DIR = join(process.cwd(), 'messages');
const fonts = WIDGET_FONTS.map((f) =>
  opentype.parse(readFileSync(join(FONTS_DIR, f.file)).buffer as ArrayBuffer),
);
const covered = (codePoint: number) =>
  fonts.some((font) => font.charToGlyphIndex(String.fromCodePoint(codePoint)) > 0);

const SAMPLE = {
  delivered: 2,
  total: 3,
  date: 'DATE',
  window: '10:00–14:00',
  courier: 'DHL',
  number: 'NL-10001',
  status: 'STATUS',
  detail: 'DETAIL',
};

/** Every text the widget draws in a language, formatted like the widget formats it. */
function widgetTexts(locale: string, messages: Record<string, any>): string[] {
  const t = createTranslator({ locale, messages });
  const texts = [
    ...Object.keys(messages.widget).map((k) => t(`widget.${k}`, SAMPLE)),
    ...Object.keys(messages.widgetCard).map((k) => t(`widgetCard.${k}`, SAMPLE)),
    ...Object.keys(messages.status).map((k) => t(`status.${k}.text`)),
  ];
  // Dates: every weekday and month name and the digits of the language.
  for (let day = 0; day < 7; day++) {
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2026, month, 1 + day, 12));
      texts.push(
        new Intl.DateTimeFormat(locale, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          timeZone: 'UTC',
        }).format(date),
      );
    }
  }
  // Times of a delivery window, morning and afternoon.
  for (const hour of [9, 15]) {
    texts.push(
      new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(
        Date.UTC(2026, 0, 1, hour),
      ),
    );
  }
  return texts;
}

describe('bundled widget fonts cover every language', () => {
  const files = readdirSync(MESSAGES_DIR).filter((f) => f.endsWith('.json'));

  it('finds the message files and fonts, and can tell a missing glyph', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(fonts).toHaveLength(WIDGET_FONTS.length);
    // Thai is not bundled: a Thai message file would make the test below fail.
    expect(covered('ก'.codePointAt(0)!)).toBe(false);
  });

  for (const file of files) {
    const locale = file.replace(/\.json$/, '');
    it(`${locale}: no character without a glyph`, () => {
      const messages = JSON.parse(readFileSync(join(MESSAGES_DIR, file), 'utf8'));
      const direction = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
      const missing = new Set<string>();
      for (const text of widgetTexts(locale, messages)) {
        for (const char of visualText(text, direction)) {
          if (!covered(char.codePointAt(0)!))
            missing.add(`${char} U+${char.codePointAt(0)!.toString(16).toUpperCase()}`);
        }
      }
      expect([...missing]).toEqual([]);
    });
  }

  it('covers the scripts the project promises, beyond its current messages', () => {
    for (const sample of [
      'Доставлено',
      'Παραδόθηκε',
      'נמסר',
      'تم التوصيل',
      '配達済み',
      '已送达',
      '배송 완료',
    ]) {
      const shaped = visualText(sample, /[\u0590-\u08FF]/.test(sample) ? 'rtl' : 'ltr');
      expect([...shaped].filter((c) => !covered(c.codePointAt(0)!))).toEqual([]);
    }
  });
});
