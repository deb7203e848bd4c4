import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator, type MessageKeys, type NestedKeyOf } from 'use-intl/core';
import en from '@/messages/en.json';
import type { DomainError, ErrorEntry } from '@/lib/errors';
import { perProcess } from '@/lib/process-state';
import type { Locale } from './locales';

export type Messages = typeof en;

// English is the type and every language's fallback. The others are read when a request first
// asks for them, once per process: bundled, each route's server code would hold its own copy of
// every language, most of which an instance never serves.
const loaded = () => perProcess('i18n.messages', () => new Map<Locale, Messages>([['en', en]]));

/** A language's messages (lib/ code translates without a request context). */
export function messagesOf(locale: Locale): Messages {
  let messages = loaded().get(locale);
  if (!messages) {
    const file = join(process.cwd(), 'messages', `${locale}.json`);
    messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
    loaded().set(locale, messages);
  }
  return messages;
}

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
  const t = createTranslator({ locale, messages: messagesOf(locale) });
  const fallback = createTranslator({ locale: 'en', messages: en });
  return (key, values) => {
    try {
      return (t as unknown as Translate)(key, values);
    } catch {
      return (fallback as unknown as Translate)(key, values);
    }
  };
}

const isErrorKey = (detail: string): detail is keyof Messages['errors'] => Object.hasOwn(en.errors, detail);

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
