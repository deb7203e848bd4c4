import 'server-only';
import type { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { DomainError } from '@/lib/errors';
import { DEFAULT_LOCALE, supportedLocale } from '@/lib/i18n/locales';
import { jsonBytes } from '@/lib/json-bytes';
import { log } from '@/lib/log';
import { errorEnvelope } from './errors';

// An endpoint of the public read API is a plain function from request to answer, so our own
// server (server/) and a Next route handler run the very same code: one behaviour, two doors.

/** What an endpoint reads of a request. */
export type PlainRequest = { url: URL; header(name: string): string | null };

/** What an endpoint answers. */
export type PlainResponse = {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
};

export type Endpoint = (req: PlainRequest) => Promise<PlainResponse>;

const NO_STORE = { 'Cache-Control': 'no-store' };

export function jsonResult(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): PlainResponse {
  return {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...NO_STORE, ...init.headers },
    body: jsonBytes(body),
  };
}

/** The one error-to-answer function: the envelope with the real HTTP status. */
export function errorResult(error: unknown, lang?: string | null): PlainResponse {
  if (!(error instanceof DomainError)) {
    log.error({ err: error }, 'unhandled error');
    error = new DomainError('internal', 'internal');
  }
  const domainError = error as DomainError;
  const { status, body } = errorEnvelope(domainError, supportedLocale(lang) ?? DEFAULT_LOCALE);
  const headers: Record<string, string> = {};
  if (domainError.retryAfterS !== null) headers['Retry-After'] = String(domainError.retryAfterS);
  return jsonResult(body, { status, headers });
}

/** Runs an endpoint body; whatever it throws becomes the error envelope, in the asked language. */
export function endpoint(fn: Endpoint): Endpoint {
  return async (req) => {
    try {
      return await fn(req);
    } catch (error) {
      return errorResult(error, req.url.searchParams.get('lang'));
    }
  };
}

/**
 * The client's address: the first entry of X-Forwarded-For as our server rewrote it (see
 * server/client-ip.ts: the trusted proxies' entries and the socket's peer). Under plain
 * `next start`, which adds the peer only when the client sent no header, the same rule applies to
 * what arrived, so a client there can choose its address: run our server in production.
 */
export function clientIp(req: Pick<PlainRequest, 'header'>): string {
  const chain = (req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - 1 - getConfig().TRUSTED_PROXY_HOPS)] ?? 'unknown';
}

export function toResponse({ status, headers, body }: PlainResponse): Response {
  return new Response(typeof body === 'string' || body === null ? body : new Uint8Array(body), {
    status,
    headers,
  });
}

export function fromNext(req: NextRequest): PlainRequest {
  return { url: req.nextUrl, header: (name) => req.headers.get(name) };
}

/** An endpoint as a Next route handler. */
export function nextRoute(fn: Endpoint) {
  return async (req: NextRequest): Promise<Response> => toResponse(await fn(fromNext(req)));
}

/** The bearer token when an Authorization header is present ('' when it is not a bearer token). */
export function bearerToken(req: PlainRequest): string | null {
  const header = req.header('authorization');
  if (header === null) return null;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/**
 * Where links point: PUBLIC_BASE_URL, else the host the request was sent to (over plain HTTP: set
 * PUBLIC_BASE_URL in production).
 */
export function baseUrl(req: PlainRequest): string {
  return getConfig().PUBLIC_BASE_URL?.replace(/\/$/, '') ?? `http://${req.header('host') ?? req.url.host}`;
}
