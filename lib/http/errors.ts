import type { ErrorCode } from '@/lib/errors';

/** The HTTP status of each domain error: the one place that knows them. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid: 400,
  lookup_required: 400,
  unauthorized: 401,
  verification_required: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};
