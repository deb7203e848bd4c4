import { type NextRequest, NextResponse } from 'next/server';

// Hands the page's `lang` query parameter to next-intl's request config. Pages only: the API and
// the widget read `lang` themselves.
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set('x-portal-lang', req.nextUrl.searchParams.get('lang') ?? '');
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!v4|api|healthz|_next|.*\\..*).*)'],
};
