import { z } from 'zod';

// The pieces every input schema is made of. Every input of the HTTP API, the CLI and the demo seed
// is parsed by a schema in lib/schemas.

// PostgreSQL cannot store U+0000 in text, and no identifier or name holds it: refused as input.
export const NUL_MESSAGE = 'Remove the NUL character (U+0000).';
export const withoutNul = (value: string) => !value.includes('\0');
export const text = z.string().trim().min(1).max(255).refine(withoutNul, NUL_MESSAGE);
export const optionalText = text.optional();
export const nullableText = text.nullish();
export const isoDate = z.iso.date();
export const iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'Enter a three-letter ISO 3166-1 alpha-3 country code.')
  .transform((v) => v.toUpperCase());
export const iso2Language = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Enter a two-letter ISO 639-1 language code.')
  .transform((v) => v.toLowerCase());
export const timeZoneSchema = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Enter a valid IANA time zone such as Europe/Berlin.');
export const courierCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Enter a courier code such as dhl or ups.')
  .transform((v) => v.toLowerCase());
/**
 * An object of a write body: a key it does not know is an error, so a misspelled field is
 * reported instead of dropped. DomainError.fromZod names each unknown key by its own path.
 */
export function strictObject<T extends z.ZodRawShape>(
  shape: T,
  detail = 'Unknown field: check its name against the API reference (/docs).',
) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? detail : undefined),
  });
}
export const booleanish = z.union([
  z.boolean(),
  z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] }),
]);
