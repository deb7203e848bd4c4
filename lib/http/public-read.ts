import 'server-only';
import { authorize } from '@/lib/access/tokens';
import { getDb } from '@/lib/db/client';
import { mintLink } from '@/lib/orders/links';
import { readOrderInfo } from '@/lib/orders/read-order';
import { infoQuerySchema, linkQuerySchema, normalizeQuery } from '@/lib/schemas/info-query';
import { parseWith } from '@/lib/schemas/parse';
import { renderWidget } from '@/lib/widget/render';
import { baseUrl, bearerToken, clientIp, endpoint, jsonResult, type PlainRequest } from './exchange';

// The public read API: what the Next route handlers serve and what our server answers itself.

const query = (req: PlainRequest) => normalizeQuery(req.url.searchParams);

/** GET /v4/track/orders/info/ */
export const infoEndpoint = endpoint(async (req) => {
  const { info, level, locale, liveRefresh } = await readOrderInfo(getDb(), {
    query: parseWith(infoQuerySchema, query(req)),
    bearer: bearerToken(req),
    clientIp: clientIp(req),
    channel: 'api',
  });
  const headers: Record<string, string> = { 'Content-Language': locale, 'X-Access-Level': level };
  if (liveRefresh) headers['X-Live-Refresh'] = liveRefresh;
  return jsonResult(info, { headers });
});

/** GET /v4/track/orders/info-widget/ */
export const widgetEndpoint = endpoint(async (req) => {
  const bearer = bearerToken(req);
  const { etag, locale, png, cached, liveRefresh } = await renderWidget(getDb(), {
    query: parseWith(infoQuerySchema, query(req)),
    bearer,
    clientIp: clientIp(req),
    ifNoneMatch: req.header('if-none-match'),
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
  if (png === null) return { status: 304, headers, body: null };
  // Whether the card was drawn for this request or came from the cache, for the merchant (as CDNs'
  // X-Cache). Not for anyone else: a hit tells that someone opened this card lately.
  if (bearer !== null) headers['X-Widget-Cache'] = cached ? 'hit' : 'miss';
  return { status: 200, headers: { ...headers, 'Content-Type': 'image/png' }, body: png };
});

/** GET /v4/track/orders/link/ */
export const linkEndpoint = endpoint(async (req) => {
  const db = getDb();
  const auth = await authorize(db, bearerToken(req), 'read');
  const linkQuery = parseWith(linkQuerySchema, { account: String(auth.accountId), ...query(req) });
  return jsonResult(await mintLink(db, auth.accountId, linkQuery, { baseUrl: baseUrl(req) }));
});
