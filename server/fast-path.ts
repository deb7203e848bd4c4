import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint, PlainResponse } from '@/lib/http/exchange';
import { infoEndpoint, linkEndpoint, widgetEndpoint } from '@/lib/http/public-read';
import { SECURITY_HEADER_LIST } from '@/lib/http/security-headers';

// The public read API without Next's router: the hottest paths (pages poll `info`, every email
// open loads the widget) call the endpoint functions the route handlers call. Other methods on
// these paths (HEAD, OPTIONS, 405s) and everything else go to Next.
const ENDPOINTS = new Map<string, Endpoint>([
  ['/v4/track/orders/info', infoEndpoint],
  ['/v4/track/orders/info-widget', widgetEndpoint],
  ['/v4/track/orders/link', linkEndpoint],
]);

export const headerValue = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** Answers the request when it is one of ours; null when Next should. */
export function fastPath(req: IncomingMessage, res: ServerResponse): Promise<void> | null {
  if (req.method !== 'GET') return null;
  // Only the path and query come from the URL (links take the Host header, see baseUrl), so a
  // client's odd Host cannot make it unreadable; a path that still is goes to Next, which answers it.
  const url = parseTarget(req.url);
  const endpoint = url && ENDPOINTS.get(url.pathname.replace(/\/$/, ''));
  if (!url || !endpoint) return null;
  return endpoint({ url, header: (name) => headerValue(req.headers, name) }).then((answer) =>
    send(res, answer),
  );
}

// Node takes the headers as one flat list: no object to build and walk per answer.
function send(res: ServerResponse, answer: PlainResponse) {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const headers = [...SECURITY_HEADER_LIST];
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  if (body) headers.push('Content-Length', String(body.byteLength));
  res.writeHead(answer.status, headers);
  res.end(body);
}
