import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import {
  bearerToken,
  clientIp,
  handle,
  jsonResponse,
  otherMethods,
  parseWith,
  queryParams,
} from '@/lib/http/respond';
import { infoQuerySchema } from '@/lib/http/schemas';
import { readOrderInfo } from '@/lib/orders/read-order';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: NextRequest) => {
  const query = parseWith(infoQuerySchema, queryParams(req));
  const { info, level, locale, liveRefresh } = await readOrderInfo(getDb(), {
    query,
    bearer: bearerToken(req),
    clientIp: clientIp(req),
  });
  const headers: Record<string, string> = { 'Content-Language': locale, 'X-Access-Level': level };
  if (liveRefresh) headers['X-Live-Refresh'] = liveRefresh;
  return jsonResponse(info, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
