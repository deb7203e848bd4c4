import type { ZodError } from 'zod';

export const ERROR_STATUS = {
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
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorEntry = { code: ErrorCode; detail: string; attr: string | null };

/**
 * The one error type of the application. `detail` is either literal text or a message key under
 * `errors.` (translated when the response is written), so use cases need no translator.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly entries: ErrorEntry[];
  readonly retryAfterS: number | null;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { attr?: string | null; entries?: ErrorEntry[]; retryAfterS?: number } = {},
  ) {
    super(detail);
    this.status = ERROR_STATUS[code];
    this.entries = options.entries ?? [{ code, detail, attr: options.attr ?? null }];
    this.retryAfterS = options.retryAfterS ?? null;
  }

  static fromZod(error: ZodError, prefix: Array<string | number> = []): ApiError {
    const entries = error.issues.map((issue) => ({
      code: 'invalid' as const,
      detail: issue.message,
      attr: formatPath([...prefix, ...(issue.path as Array<string | number>)]) || null,
    }));
    return new ApiError('invalid', entries[0]?.detail ?? 'Invalid input.', { entries });
  }
}

/** `["trackings", 0, "courier"]` → `trackings[0].courier`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}
