import { jsonBody, jsonResponse, otherMethods, withToken, withWarnings } from '@/lib/http/respond';
import { putOrder } from '@/lib/orders/write-order';
import { orderInputSchema } from '@/lib/schemas/order';
import { parseWith } from '@/lib/schemas/parse';

export const PUT = withToken('write', async (req, { db, auth }) => {
  const input = parseWith(orderInputSchema, await jsonBody(req));
  const { info, created, warnings } = await putOrder(db, auth.accountId, input);
  return jsonResponse(withWarnings(info, warnings), { status: created ? 201 : 200 });
});

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods('PUT');
