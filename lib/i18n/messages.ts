import { createTranslator, type MessageKeys, type NestedKeyOf } from 'use-intl/core';
import ar from '@/messages/ar.json';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import type { DomainError, ErrorEntry } from '@/lib/errors';
import type { Locale } from './locales';

export type Messages = typeof en;

// Statically imported so lib/ code (API, CLI, widget) translates without a request context.
export const MESSAGES: Record<Locale, Messages> = { en, de, ar };

/** Every key of the messages, dotted (`status.Delivered.text`). */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const translators = new Map<Locale, Translate>();

/**
 * A translator for lib/ code; missing keys fall back to English rather than throwing. Kept per
 * locale because each translator caches its parsed messages.
 */
export function translatorFor(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    translate = createTranslate(locale);
    translators.set(locale, translate);
  }
  return translate;
}

function createTranslate(locale: Locale): Translate {
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

const isErrorKey = (detail: string): detail is keyof Messages['errors'] =>
  Object.hasOwn(MESSAGES.en.errors, detail);

/** A domain error's entries with their details in `locale`: message keys translated, text kept. */
export function errorDetails(error: DomainError, locale: Locale): ErrorEntry[] {
  const t = translatorFor(locale);
  return error.entries.map((entry) => ({
    ...entry,
    detail: isErrorKey(entry.detail)
      ? t(`errors.${entry.detail}`, { seconds: error.retryAfterS ?? 0, field: entry.attr ?? '' })
      : entry.detail,
  }));
}
