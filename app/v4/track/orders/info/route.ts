import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { bearerToken, clientIp, handle, jsonResponse, otherMethods, parseQuery } from '@/lib/http/respond';
import { readOrderInfo } from '@/lib/orders/read-order';
import { infoQuerySchema } from '@/lib/schemas/info-query';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: NextRequest) => {
  const { info, level, locale, liveRefresh } = await readOrderInfo(getDb(), {
    query: parseQuery(infoQuerySchema, req),
    bearer: bearerToken(req),
    clientIp: clientIp(req),
  });
  const headers: Record<string, string> = { 'Content-Language': locale, 'X-Access-Level': level };
  if (liveRefresh) headers['X-Live-Refresh'] = liveRefresh;
  return jsonResponse(info, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
