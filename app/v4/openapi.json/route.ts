import { handle, jsonResponse, otherMethods } from '@/lib/http/respond';
import { openApiDocument } from '@/lib/http/openapi';

// The document changes only with a new version of the portal: a short shared cache is enough.
export const GET = handle(async () =>
  jsonResponse(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
