import { createTranslator } from 'use-intl/core';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import type { Locale } from './locales';

export type Messages = typeof en;

// Statically imported so lib/ code (API, CLI, widget) translates without a request context.
export const MESSAGES: Record<Locale, Messages> = { en, de };

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator for lib/ code; missing keys fall back to English rather than throwing. */
export function translatorFor(locale: Locale): Translate {
  const t = createTranslator({ locale, messages: MESSAGES[locale] });
  const fallback = createTranslator({ locale: 'en', messages: MESSAGES.en });
  return (key, values) => {
    try {
      return (t as unknown as Translate)(key, values);
    } catch {
      return (fallback as unknown as Translate)(key, values);
    }
  };
}
