import type { z } from 'zod';
import { DomainError } from '@/lib/errors';

/** Parses input with a schema; anything else is an `invalid` error naming each bad field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: Array<string | number> = [],
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw DomainError.fromZod(result.error, prefix);
  return result.data;
}
