import type { DomainError, ErrorCode } from '@/lib/errors';
import { errorDetails } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';

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

/** SPEC §2's envelope of a domain error, with its details in `locale`, and its HTTP status. */
export function errorEnvelope(error: DomainError, locale: Locale) {
  const status = ERROR_STATUS[error.code];
  const type = status >= 500 ? ('server_error' as const) : ('client_error' as const);
  return { status, body: { type, errors: errorDetails(error, locale) } };
}
