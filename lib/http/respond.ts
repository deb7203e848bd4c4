import 'server-only';
import type { NextRequest } from 'next/server';
import { authorize, type Scope, type TokenAuth } from '@/lib/access/tokens';
import { type Db, getDb } from '@/lib/db/client';
import { DomainError, formatPath, type WarningEntry } from '@/lib/errors';
import { NUL_MESSAGE } from '@/lib/schemas/common';
import { bearerToken, errorResult, fromNext, jsonResult, toResponse } from './exchange';

/** The error envelope as a Next response (see errorResult). */
export function errorResponse(error: unknown, lang?: string | null): Response {
  return toResponse(errorResult(error, lang));
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
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('invalid', 'badJson');
  }
  const nul = nulPath(body);
  if (nul) throw new DomainError('invalid', NUL_MESSAGE, { attr: formatPath(nul) || null });
  return body;
}

/** Where the first key or string holding U+0000 is (PostgreSQL cannot store it); null when none. */
export function nulPath(value: unknown, path: Array<string | number> = []): Array<string | number> | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (key.includes('\0')) return at;
    const found = nulPath(item, at);
    if (found) return found;
  }
  return null;
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
    const auth = await authorize(db, bearerToken(fromNext(req)), scope);
    return fn(req, { db, auth });
  });
}

/** Warnings sit beside the body's own fields, and only when there are some. */
export function withWarnings<T extends object>(body: T, warnings: readonly WarningEntry[]) {
  return warnings.length > 0 ? { ...body, warnings } : body;
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return toResponse(jsonResult(body, init));
}
