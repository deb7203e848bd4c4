import { z } from 'zod';
import { MAX_LINK_LIFETIME_S, MIN_LINK_LIFETIME_S, parseDuration } from '@/lib/access/signature';
import { isRowId } from '@/lib/db/schema';
import { courierCodeSchema, NUL_MESSAGE, optionalText, withoutNul } from './common';

// GET /v4/track/orders/info/ and info-widget/, and the link API's lookup.

export const infoQuerySchema = z.object({
  account: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,9}$/, 'Enter an account number such as 1001.')
    .transform(Number)
    .refine(isRowId, 'Enter an account number such as 1001.')
    .optional()
    .meta({
      description: 'The shop’s account number; needed by every lookup but tracking number and tracking id.',
    }),
  client_key: optionalText.meta({
    description: 'The brand of a multi-brand account, beside `order_number`. Alias: `client`.',
  }),
  order_number: optionalText.meta({ description: 'Lookup by order number, with `account`.' }),
  external_order_id: z
    .string()
    .trim()
    .pipe(z.uuid('Enter a valid UUID.'))
    .optional()
    .meta({ description: 'Lookup by the shop’s order UUID, with `account`.', format: 'uuid' }),
  external_reference: optionalText.meta({
    description: 'Lookup by external reference, with `account`; the most recent order matches.',
  }),
  tracking_number: optionalText.meta({ description: 'Lookup by tracking number, with `courier`.' }),
  courier: courierCodeSchema
    .optional()
    .meta({ description: 'Courier code, lower-cased, beside `tracking_number`.', example: 'dhl' }),
  customer_number: optionalText.meta({
    description: 'Lookup by customer number, with `account`; the most recent order matches.',
  }),
  recipient_email: z
    .string()
    .trim()
    .max(255)
    .pipe(z.email('Enter a valid email address.'))
    .transform((v) => v.toLowerCase())
    .optional()
    .meta({
      description:
        'Alone with `account`: lookup by email (most recent order). Beside another lookup: a proof.',
      format: 'email',
    }),
  tracking_id: optionalText.meta({ description: 'Lookup by a tracking’s `tracking_id`.' }),
  recipient_postal_code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .refine(withoutNul, NUL_MESSAGE)
    .optional()
    .meta({ description: 'Proof: the recipient’s postal code. Alias: `postal_code`.' }),
  // Any value: an unsupported language falls back (SPEC: not an error).
  lang: z
    .string()
    .trim()
    .max(64)
    .optional()
    .meta({ description: 'Language of the texts (`en`, `de`, `ar`); others fall back.', example: 'de' }),
  // Any text: a malformed or over-long signature is a failed proof (404, counted), not a 400.
  s: z
    .string()
    .trim()
    .optional()
    .meta({ description: 'The signature of a signed link: opens the full view.' }),
  live_refresh: z
    .stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] })
    .optional()
    .meta({ description: 'Ask the carriers for news first (`true`, `false`, `1`, `0`).' }),
  single_tracking: z
    .stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] })
    .optional()
    .meta({ description: 'Keep only the tracking the lookup names (`true`, `false`, `1`, `0`).' }),
  checkpoints_offset: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, 'Enter a whole number of checkpoints to skip, such as 200.')
    .transform(Number)
    .optional()
    .meta({ description: 'Skip this many of each tracking’s newest checkpoints (paging).' }),
});
export type InfoQuery = z.infer<typeof infoQuerySchema>;

/** Query aliases of the seed: `client` → `client_key`, `postal_code` → `recipient_postal_code`. */
export const QUERY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['client', 'client_key'],
  ['postal_code', 'recipient_postal_code'],
]);

/**
 * Query parameters with the aliases applied; the canonical name wins, and so does a first value.
 * Names are the client's, so they go through a Map: `constructor` or `__proto__` are names like
 * any other, not members of Object.prototype.
 */
export function normalizeQuery(search: URLSearchParams): Record<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of search) if (!QUERY_ALIASES.has(key) && !params.has(key)) params.set(key, value);
  for (const [alias, name] of QUERY_ALIASES) {
    const value = search.get(alias);
    if (value !== null && !params.has(name)) params.set(name, value);
  }
  return Object.fromEntries(params);
}

export const linkQuerySchema = infoQuerySchema.extend({
  /** Seconds. */
  expires_in: z
    .string()
    .trim()
    .regex(/^\d{1,12}[smhd]?$/, 'Enter a duration such as 3600, 12h or 90d.')
    .transform(parseDuration)
    .refine((s) => s >= MIN_LINK_LIFETIME_S, 'Enter a lifetime of at least 60 seconds.')
    .refine((s) => s <= MAX_LINK_LIFETIME_S, 'Enter a lifetime of at most 3650 days.')
    .optional()
    .meta({ description: 'Lifetime: seconds, or a number with `s`, `m`, `h`, `d`; 90 days if left out.' }),
});
export type LinkQuery = z.infer<typeof linkQuerySchema>;
