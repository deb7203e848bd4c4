import { jsonBody, jsonResponse, otherMethods, withToken, withWarnings } from '@/lib/http/respond';
import { ingestEvents } from '@/lib/orders/ingest-events';
import { eventPathFor, eventsBodySchemaFor } from '@/lib/schemas/event';
import { parseWith } from '@/lib/schemas/parse';

export const POST = withToken('write', async (req, { db, auth }) => {
  const body = await jsonBody(req);
  // One clock for the request: the date check of the body and the write agree.
  const now = new Date();
  const events = parseWith(eventsBodySchemaFor(body, now), body);
  const { warnings, ...result } = await ingestEvents(db, auth.accountId, events, {
    source: 'api',
    now,
    eventPath: eventPathFor(body),
  });
  return jsonResponse(withWarnings(result, warnings), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
