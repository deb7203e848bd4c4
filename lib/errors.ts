import type { ZodError } from 'zod';

/** What can go wrong, in the terms of the domain; lib/http alone knows the HTTP status of each. */
export const ERROR_CODES = [
  'invalid',
  'lookup_required',
  'unauthorized',
  'verification_required',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorEntry = { code: ErrorCode; detail: string; attr: string | null };

/** What a write accepted but the merchant should look at: answered beside the result. */
export const WARNING_CODES = ['unknown_courier'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];
export type WarningEntry = { code: WarningCode; detail: string; attr: string | null };

/**
 * The one error the use cases throw. `detail` is either literal text or a message key under
 * `errors.` (translated when the answer is written), so use cases need no translator.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly entries: ErrorEntry[];
  readonly retryAfterS: number | null;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { attr?: string | null; entries?: ErrorEntry[]; retryAfterS?: number } = {},
  ) {
    super(detail);
    this.code = code;
    this.entries = options.entries ?? [{ code, detail, attr: options.attr ?? null }];
    this.retryAfterS = options.retryAfterS ?? null;
  }

  static fromZod(error: ZodError, prefix: Array<string | number> = []): DomainError {
    const entry = (detail: string, path: Array<string | number>): ErrorEntry => ({
      code: 'invalid',
      detail,
      attr: formatPath(path) || null,
    });
    const entries = error.issues.flatMap((issue) => {
      const path = [...prefix, ...(issue.path as Array<string | number>)];
      // zod reports unknown keys on their object; the client needs the path of each key.
      return issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => entry(issue.message, [...path, key]))
        : [entry(issue.message, path)];
    });
    return new DomainError('invalid', entries[0]?.detail ?? 'Invalid input.', { entries });
  }
}

/** `["trackings", 0, "courier"]` → `trackings[0].courier`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}
