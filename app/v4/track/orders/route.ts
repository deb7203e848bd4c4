import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { handle, jsonBody, jsonResponse, otherMethods, parseWith, requireToken } from '@/lib/http/respond';
import { orderInputSchema } from '@/lib/http/schemas';
import { putOrder } from '@/lib/orders/write-order';

export const PUT = handle(async (req: NextRequest) => {
  const db = getDb();
  const auth = await requireToken(db, req, 'write');
  const input = parseWith(orderInputSchema, await jsonBody(req));
  const { info, created } = await putOrder(db, auth.accountId, input);
  return jsonResponse(info, { status: created ? 201 : 200 });
});

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods('PUT');
