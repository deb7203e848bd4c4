import type { NextRequest } from 'next/server';
import { DomainError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/respond';

// Every address under /v4/ that no route serves: the API's 404 envelope for every method, never
// Next's HTML page. Next matches the routes beside this one first, so they keep their paths.
const notFound = (req: NextRequest) =>
  errorResponse(new DomainError('not_found', 'unknownPath'), req.nextUrl.searchParams.get('lang'));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
