import {
  _createCache,
  createTranslator,
  type Messages,
  type NamespaceKeys,
  type NestedKeyOf,
} from 'use-intl/core';
import { perProcess } from '@/lib/process-state';
import { SERVER_TIME_ZONE } from './formatter';
import { resolveLocale } from './locales';
import { messagesOf } from './messages';

// Typed as next-intl types the translators of getTranslations.
type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;
type Translations<N extends Namespace> = ReturnType<typeof createTranslator<Messages, N>>;

// next-intl's getTranslations creates each translator anew for every request, with fresh Intl
// formatters for its plurals and numbers. A translator depends only on the locale and namespace,
// and its parsed messages and formatters on nothing else: one per pair serves the process.
const translators = () =>
  perProcess('i18n.translators', () => ({ cache: _createCache(), byKey: new Map<string, unknown>() }));

/** next-intl's translator of `namespace` (or of every message) for `locale`. */
export function translationsFor<N extends Namespace = never>(locale: string, namespace?: N): Translations<N> {
  const { cache, byKey } = translators();
  const resolved = resolveLocale(locale);
  const key = `${resolved}:${namespace ?? ''}`;
  let t = byKey.get(key) as Translations<N> | undefined;
  if (!t) {
    t = createTranslator<Messages, N>({
      locale: resolved,
      messages: messagesOf(resolved),
      namespace,
      timeZone: SERVER_TIME_ZONE,
      _cache: cache,
    });
    byKey.set(key, t);
  }
  return t;
}
