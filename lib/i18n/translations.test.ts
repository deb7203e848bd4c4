import { describe, expect, it } from 'vitest';
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
});
