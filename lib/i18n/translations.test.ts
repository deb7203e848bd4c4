import { describe, expect, it } from 'vitest';
import { relativeTime } from '@/lib/time/relative';
import { translationsFor } from './translations';

describe('translators per locale and namespace', () => {
  it('is one translator per locale and namespace for the whole process', () => {
    expect(translationsFor('de', 'page')).toBe(translationsFor('de', 'page'));
    expect(translationsFor('de', 'page')).not.toBe(translationsFor('de', 'forward'));
    expect(translationsFor('de', 'page')).not.toBe(translationsFor('en', 'page'));
  });

  it('translates in its locale, plurals included, and in English for a locale without messages', () => {
    expect(translationsFor('en', 'page')('skipToContent')).toBe('Skip to content');
    expect(translationsFor('de', 'page')('showEarlier', { count: 1 })).toBe('1 frühere Meldung anzeigen');
    expect(translationsFor('en', 'page')('showEarlier', { count: 3 })).toBe('Show 3 earlier updates');
    expect(translationsFor('xx', 'page')('skipToContent')).toBe('Skip to content');
  });

  it("chooses each language's own plural form for whole numbers", () => {
    const earlier = (locale: string, count: number) =>
      translationsFor(locale, 'page')('showEarlier', { count });
    expect([1, 2, 5, 22, 25].map((n) => earlier('pl', n))).toEqual([
      'Pokaż 1 wcześniejszą aktualizację',
      'Pokaż 2 wcześniejsze aktualizacje',
      'Pokaż 5 wcześniejszych aktualizacji',
      'Pokaż 22 wcześniejsze aktualizacje',
      'Pokaż 25 wcześniejszych aktualizacji',
    ]);
    expect([1, 3, 11, 21].map((n) => earlier('ru', n))).toEqual([
      'Показать 1 предыдущее событие',
      'Показать 3 предыдущих события',
      'Показать 11 предыдущих событий',
      'Показать 21 предыдущее событие',
    ]);
    expect([1, 2, 3, 11, 100].map((n) => earlier('ar', n))).toEqual([
      'عرض تحديث سابق واحد',
      'عرض تحديثين سابقين',
      'عرض 3 تحديثات سابقة',
      'عرض 11 تحديثًا سابقًا',
      'عرض 100 تحديث سابق',
    ]);
    expect([1, 2, 3, 5, 102].map((n) => earlier('sl', n))).toEqual([
      'Pokaži 1 prejšnjo posodobitev',
      'Pokaži 2 prejšnji posodobitvi',
      'Pokaži 3 prejšnje posodobitve',
      'Pokaži 5 prejšnjih posodobitev',
      'Pokaži 102 prejšnji posodobitvi',
    ]);
  });

  it('writes relative times in the language, with its plural forms', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    const ago = (locale: string, hours: number) =>
      relativeTime(new Date(now - hours * 3_600_000).toISOString(), now, locale);
    expect([ago('pl', 2), ago('pl', 5), ago('ru', 21), ago('sl', 2)]).toEqual([
      '2 godziny temu',
      '5 godzin temu',
      '21 час назад',
      'pred 2 urama',
    ]);
    expect(ago('ar', 2)).toBe('قبل ساعتين');
  });
});
