import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { authorize, type Scope, type TokenAuth } from '@/lib/access/tokens';
import { getConfig } from '@/lib/config';
import { type Db, getDb } from '@/lib/db/client';
import { DEFAULT_LOCALE, supportedLocale } from '@/lib/i18n/locales';
import { errorDetails } from '@/lib/i18n/messages';
import { log } from '@/lib/log';
import { DomainError } from '@/lib/errors';
import { normalizeQuery } from '@/lib/schemas/info-query';
import { parseWith } from '@/lib/schemas/parse';
import { ERROR_STATUS } from './errors';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The one error-to-response function: SPEC §2's envelope with the real HTTP status. */
export function errorResponse(error: unknown, lang?: string | null): Response {
  if (!(error instanceof DomainError)) {
    log.error({ err: error }, 'unhandled error');
    error = new DomainError('internal', 'internal');
  }
  const domainError = error as DomainError;
  const status = ERROR_STATUS[domainError.code];
  const errors = errorDetails(domainError, supportedLocale(lang) ?? DEFAULT_LOCALE);
  const headers: Record<string, string> = { ...NO_STORE };
  if (domainError.retryAfterS !== null) headers['Retry-After'] = String(domainError.retryAfterS);
  return Response.json(
    { type: status >= 500 ? 'server_error' : 'client_error', errors },
    { status, headers },
  );
}

/** Runs a route body and turns anything it throws into the error envelope. */
export function handle(fn: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    try {
      return await fn(req);
    } catch (error) {
      return errorResponse(error, req.nextUrl.searchParams.get('lang'));
    }
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Handlers for the methods a route does not serve, so they answer 405 with the envelope instead of
 * Next's empty 405, and an OPTIONS that lists only what the route serves (Next's own would list
 * these handlers too). `export const { POST, …, OPTIONS } = otherMethods('GET')`.
 */
export function otherMethods(
  ...served: Method[]
): Record<Method | 'OPTIONS', (req: NextRequest) => Response> {
  const allow = [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const reply = (req: NextRequest) => {
    const res = errorResponse(
      new DomainError('method_not_allowed', 'methodNotAllowed'),
      req.nextUrl.searchParams.get('lang'),
    );
    res.headers.set('Allow', allow);
    return res;
  };
  return {
    GET: reply,
    POST: reply,
    PUT: reply,
    PATCH: reply,
    DELETE: reply,
    OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }),
  };
}

/** Query parameters with the seed's aliases applied. */
export function queryParams(req: NextRequest): Record<string, string> {
  return normalizeQuery(req.nextUrl.searchParams);
}

const MAX_BODY_BYTES = 2_000_000;
const MAX_BODY_DEPTH = 32;

/** How deeply arrays and objects nest in JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character, which may be a quote.
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

export async function jsonBody(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new DomainError('invalid', 'The request body is larger than 2 MB.');
  // Storing a value serializes it again, and very deep nesting would exhaust the stack there.
  if (jsonDepth(text) > MAX_BODY_DEPTH)
    throw new DomainError('invalid', `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('invalid', 'badJson');
  }
}

/** The bearer token when an Authorization header is present ('' when it is not a bearer token). */
export function bearerToken(req: NextRequest): string | null {
  const header = req.headers.get('authorization');
  if (header === null) return null;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/**
 * A route that takes a token with `scope`: the token is checked before the body runs, which gets
 * the database and the token's account.
 */
export function withToken(
  scope: Scope,
  fn: (req: NextRequest, context: { db: Db; auth: TokenAuth }) => Promise<Response>,
) {
  return handle(async (req) => {
    const db = getDb();
    const auth = await authorize(db, bearerToken(req), scope);
    return fn(req, { db, auth });
  });
}

/** The query parameters, aliases applied, parsed with `schema`. */
export function parseQuery<S extends z.ZodType>(schema: S, req: NextRequest): z.output<S> {
  return parseWith(schema, queryParams(req));
}

/**
 * The client's address. Next.js fills X-Forwarded-For with the socket address only when the header
 * is absent; behind N trusted proxies the client is the N-th entry from the right.
 */
export function clientIp(req: { headers: Headers }): string {
  const hops = getConfig().TRUSTED_PROXY_HOPS;
  const chain = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - Math.max(1, hops))] ?? 'unknown';
}

export function baseUrl(req: NextRequest): string {
  return getConfig().PUBLIC_BASE_URL?.replace(/\/$/, '') ?? req.nextUrl.origin;
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
) {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}
