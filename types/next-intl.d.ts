import type { Locale } from '@/lib/i18n/locales';
import type en from '@/messages/en.json';

// Message keys are typed: a key that English does not have fails `npm run typecheck`.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
