import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { ApiError } from '@/lib/http/errors';
import {
  baseUrl,
  handle,
  jsonResponse,
  otherMethods,
  parseWith,
  queryParams,
  requireToken,
} from '@/lib/http/respond';
import { linkQuerySchema } from '@/lib/http/schemas';
import { mintLink } from '@/lib/orders/links';
import { resolveLookup } from '@/lib/orders/lookup';

export const GET = handle(async (req: NextRequest) => {
  const db = getDb();
  const auth = await requireToken(db, req, 'read');
  const query = parseWith(linkQuerySchema, { account: String(auth.accountId), ...queryParams(req) });
  const lookup = resolveLookup(query);
  if (!lookup) throw new ApiError('lookup_required', 'lookupRequired');
  const link = await mintLink(db, auth.accountId, lookup, {
    baseUrl: baseUrl(req),
    lang: query.lang,
    expiresInS: query.expires_in,
  });
  return jsonResponse(link);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
