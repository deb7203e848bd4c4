import { z } from 'zod';
import { type Locale, supportedLocale } from '@/lib/i18n/locales';

// GET /language: the language switcher's links. `back` is where the shopper was, a path on this
// site only (never `//host` or a scheme), so the link cannot send anyone elsewhere.
export const languageChoiceSchema = z.object({
  lang: z
    .string()
    .max(35)
    .transform((value, ctx) => {
      const locale = supportedLocale(value);
      if (!locale) ctx.addIssue({ code: 'custom', message: 'Choose a language the portal has.' });
      return locale as Locale;
    }),
  back: z
    .string()
    .max(4096)
    .regex(/^\/(?![/\\])/, 'Give a path on this site.')
    .default('/'),
});

export type LanguageChoice = z.output<typeof languageChoiceSchema>;
