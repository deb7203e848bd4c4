import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { handle, jsonBody, jsonResponse, otherMethods, parseWith, requireToken } from '@/lib/http/respond';
import { eventsBodySchemaFor } from '@/lib/http/schemas';
import { ingestEvents } from '@/lib/orders/ingest-events';

export const POST = handle(async (req: NextRequest) => {
  const db = getDb();
  const auth = await requireToken(db, req, 'write');
  const body = await jsonBody(req);
  // One clock for the request: the date check of the body and the write agree.
  const now = new Date();
  const events = parseWith(eventsBodySchemaFor(body, now), body);
  const result = await ingestEvents(db, auth.accountId, events, { source: 'api', now });
  return jsonResponse(result, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
