import type { NextRequest } from 'next/server';
import { LANG_COOKIE } from '@/lib/i18n/locales';
import { handle, otherMethods } from '@/lib/http/respond';
import { languageChoiceSchema } from '@/lib/schemas/language-choice';
import { parseWith } from '@/lib/schemas/parse';

// The language switcher's links land here: the choice is remembered in a cookie (a later visit
// without `lang` keeps it, proxy.ts) and the shopper goes back to the page in that language.
const A_YEAR_S = 365 * 24 * 60 * 60;

export const GET = handle(async (req: NextRequest) => {
  const query = req.nextUrl.searchParams;
  const { lang, back } = parseWith(languageChoiceSchema, {
    lang: query.get('lang') ?? undefined,
    back: query.get('back') ?? undefined,
  });
  const target = new URL(back, req.nextUrl.origin);
  target.searchParams.set('lang', lang);
  // Only the path and query leave, and never as `//host` (`/.//host` normalizes to one).
  const location = `${target.pathname.replace(/^\/+/, '/')}${target.search}`;
  const cookie = [
    `${LANG_COOKIE}=${lang}`,
    'Path=/',
    `Max-Age=${A_YEAR_S}`,
    'SameSite=Lax',
    'HttpOnly',
    ...(req.nextUrl.protocol === 'https:' ? ['Secure'] : []),
  ].join('; ');
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
