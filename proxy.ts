import { type NextRequest, NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { newNonce } from '@/lib/http/nonce';
import {
  ACCEPT_LANG_HEADER,
  LANG_COOKIE,
  LANG_HEADER,
  preferredLocale,
  supportedLocale,
} from '@/lib/i18n/locales';

const BRANDING_PREVIEW_PATH = '/staff/branding-preview';
const BRANDING_PATH = '/staff/settings/branding';
// Next refuses a server action's body over 1 MB with a 500; the branding form (a logo of at most
// 512 kB) says what was wrong instead, before anything reads the body.
const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * Pages only (the API and the widget set their own headers): hands the page's language to
 * next-intl's request config and sets a nonce-based Content-Security-Policy, which Next.js applies
 * to its scripts.
 */
export function proxy(req: NextRequest) {
  if (
    req.method === 'POST' &&
    req.nextUrl.pathname === BRANDING_PATH &&
    Number(req.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT
  ) {
    return NextResponse.redirect(new URL(`${BRANDING_PATH}?error=logoTooLarge`, req.url), 303);
  }
  const nonce = newNonce();
  const dev = process.env.NODE_ENV !== 'production';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Brand colours arrive as inline CSS variables.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    // The branding editor shows its order page preview in a frame of its own page.
    `frame-ancestors ${req.nextUrl.pathname === BRANDING_PREVIEW_PATH ? "'self'" : getConfig().FRAME_ANCESTORS}`,
  ].join('; ');

  const requestHeaders = new Headers(req.headers);
  // The page's language: `lang`, else the shopper's choice in the switcher (a cookie), else the
  // order's own (the order page), else the browser's, else English. Only languages the portal has
  // go into headers: a header cannot carry characters beyond Latin-1 (`lang=日本` made every page
  // answer 500).
  const asked = supportedLocale(req.nextUrl.searchParams.get('lang'));
  const chosen = asked ? null : supportedLocale(req.cookies.get(LANG_COOKIE)?.value);
  requestHeaders.set(LANG_HEADER, asked ?? chosen ?? '');
  requestHeaders.set(ACCEPT_LANG_HEADER, preferredLocale(req.headers.get('accept-language')) ?? '');
  requestHeaders.set('content-security-policy', csp);
  let res: NextResponse;
  if (chosen && req.nextUrl.pathname === '/track') {
    // The order page reads its language from the query (it decides between `lang` and the order's
    // own): the choice stands in for the `lang` the URL lacks.
    const url = req.nextUrl.clone();
    url.searchParams.set('lang', chosen);
    res = NextResponse.rewrite(url, { request: { headers: requestHeaders } });
  } else res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  // A signed link must not leak to the courier's site through the Referer header.
  res.headers.set('Referrer-Policy', 'no-referrer');
  res.headers.set('X-Content-Type-Options', 'nosniff');
  return res;
}

export const config = {
  // Everything but the API (/v4/…), health check, Next's assets and files.
  matcher: ['/((?!v4(?:/|$)|healthz|_next|.*\\..*).*)'],
};
