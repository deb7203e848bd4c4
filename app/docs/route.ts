import type { NextRequest } from 'next/server';
import { apiReferenceHtml } from '@/lib/http/api-reference';
import { cspNonce } from '@/lib/http/nonce';

// The HTML is written here rather than by a page: Swagger UI owns the whole document, and the
// site's layout and styles would only fight it. proxy.ts still sets the CSP; the scripts carry its
// nonce.
export function GET(req: NextRequest) {
  return new Response(apiReferenceHtml(cspNonce(req.headers.get('content-security-policy'))), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
