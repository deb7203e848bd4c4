import { baseUrl, jsonResponse, otherMethods, queryParams, withToken } from '@/lib/http/respond';
import { mintLink } from '@/lib/orders/links';
import { linkQuerySchema } from '@/lib/schemas/info-query';
import { parseWith } from '@/lib/schemas/parse';

export const GET = withToken('read', async (req, { db, auth }) => {
  const query = parseWith(linkQuerySchema, { account: String(auth.accountId), ...queryParams(req) });
  return jsonResponse(await mintLink(db, auth.accountId, query, { baseUrl: baseUrl(req) }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
