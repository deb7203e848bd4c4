import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { bearerToken, clientIp, handle, otherMethods, parseQuery } from '@/lib/http/respond';
import { infoQuerySchema } from '@/lib/schemas/info-query';
import { renderWidget } from '@/lib/widget/render';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: NextRequest) => {
  const query = parseQuery(infoQuerySchema, req);
  const bearer = bearerToken(req);
  const { etag, locale, png, liveRefresh } = await renderWidget(getDb(), {
    query,
    bearer,
    clientIp: clientIp(req),
    ifNoneMatch: req.headers.get('if-none-match'),
  });
  const headers: Record<string, string> = {
    ETag: etag,
    // Email image proxies may keep a card a few minutes; it holds no PII and its URL names one
    // order. Answers to a token stay out of shared caches.
    'Cache-Control': bearer === null ? 'public, max-age=300' : 'private, max-age=60',
    Vary: 'Authorization',
    'Content-Language': locale,
  };
  if (liveRefresh) headers['X-Live-Refresh'] = liveRefresh;
  if (png === null) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(png), { headers: { ...headers, 'Content-Type': 'image/png' } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
