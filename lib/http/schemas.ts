import { z } from 'zod';
import { MAX_LINK_LIFETIME_S, MIN_LINK_LIFETIME_S, parseDuration } from '@/lib/access/signature';
import { isRowId } from '@/lib/db/schema';
import {
  DELIVERY_LOCATION_TYPES,
  EXCEPTION_TYPES,
  NEXT_ACTIONS,
  STATUS_CODES,
  WEEKDAYS,
} from '@/lib/status/vocabulary';

// Every input of the HTTP API, the CLI and the demo seed is parsed by one of these schemas.

const text = z.string().trim().min(1).max(255);
const optionalText = text.optional();
const nullableText = text.nullish();
const isoDate = z.iso.date();
const iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'Enter a three-letter ISO 3166-1 alpha-3 country code.')
  .transform((v) => v.toUpperCase());
const iso2Language = z
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
const booleanish = z.union([z.boolean(), z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] })]);

// ---------------------------------------------------------------- GET /v4/track/orders/info/

export const infoQuerySchema = z.object({
  account: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,9}$/, 'Enter an account number such as 1001.')
    .transform(Number)
    .refine(isRowId, 'Enter an account number such as 1001.')
    .optional(),
  client_key: optionalText,
  order_number: optionalText,
  external_order_id: z.string().trim().pipe(z.uuid('Enter a valid UUID.')).optional(),
  external_reference: optionalText,
  tracking_number: optionalText,
  courier: courierCodeSchema.optional(),
  customer_number: optionalText,
  recipient_email: z
    .string()
    .trim()
    .max(255)
    .pipe(z.email('Enter a valid email address.'))
    .transform((v) => v.toLowerCase())
    .optional(),
  tracking_id: optionalText,
  recipient_postal_code: z.string().trim().min(1).max(32).optional(),
  // Any value: an unsupported language falls back (SPEC: not an error).
  lang: z.string().trim().max(64).optional(),
  // Any text: a malformed or over-long signature is a failed proof (404, counted), not a 400.
  s: z.string().trim().optional(),
  live_refresh: z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] }).optional(),
  single_tracking: z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] }).optional(),
  /** Skip this many of each tracking's newest checkpoints: pages back through a long history. */
  checkpoints_offset: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, 'Enter a whole number of checkpoints to skip, such as 200.')
    .transform(Number)
    .optional(),
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
    .optional(),
});
export type LinkQuery = z.infer<typeof linkQuerySchema>;

// ---------------------------------------------------------------- PUT /v4/track/orders/

export const addressSchema = z.object({
  first_name: nullableText,
  last_name: nullableText,
  company_name: nullableText,
  address_line: nullableText,
  address_line_extra: nullableText,
  postal_code: z.string().trim().min(1).max(32).nullish(),
  city: nullableText,
  country_iso3: iso3.nullish(),
  region_code: nullableText,
  phone: z.string().trim().min(1).max(64).nullish(),
});
export type AddressInput = z.infer<typeof addressSchema>;

export const articleSchema = z
  .object({
    version: z.string().max(16).nullish(),
    line_item_id: nullableText,
    product_id: nullableText,
    sku: nullableText,
    order_item_id: nullableText,
    article_name: z.string().trim().min(1).max(1000).nullish(),
    article_category: nullableText,
    article_store_url: z.url().max(2048).nullish(),
    article_image_url: z.url().max(2048).nullish(),
    article_brand: nullableText,
    size: nullableText,
    color: nullableText,
    width: z.number().nonnegative().nullish(),
    height: z.number().nonnegative().nullish(),
    length: z.number().nonnegative().nullish(),
    length_unit: z.string().max(8).nullish(),
    weight: z.number().nonnegative().nullish(),
    weight_unit: z.string().max(8).nullish(),
    unit_price: z.union([z.string().max(32), z.number()]).nullish(),
    quantity: z.number().int().nonnegative().nullish(),
    amount_invoiced: z.union([z.string().max(32), z.number()]).nullish(),
    origin_country_iso3: iso3.nullish(),
    is_bulky: z.boolean().nullish(),
    tags: z.array(z.string().max(255)).max(100).nullish(),
    additional_attributes: z
      .array(z.object({ key: text, value: z.unknown() }))
      .max(100)
      .nullish(),
  })
  .catchall(z.unknown());
export type ArticleInput = z.infer<typeof articleSchema>;

export const trackingInputSchema = z.object({
  tracking_number: text,
  courier: courierCodeSchema,
  recipient_postal_code: z.string().trim().min(1).max(32).nullish(),
  destination_country_iso3: iso3.nullish(),
  language_iso2: iso2Language.nullish(),
  timezone: timeZoneSchema.nullish(),
  articles: z.array(articleSchema).max(500).nullish(),
  announced_delivery_date: isoDate.nullish(),
  announced_delivery_date_min: isoDate.nullish(),
  is_return: z.boolean().nullish(),
  additional_attributes: z.record(z.string(), z.unknown()).nullish(),
  identifiers_consignment: nullableText,
  last_mile_courier: courierCodeSchema.nullish(),
  pod_identifier: nullableText,
  pod_signature: nullableText,
  pod_date: isoDate.nullish(),
});
export type TrackingInput = z.infer<typeof trackingInputSchema>;

export const orderInputSchema = z
  .object({
    order_number: optionalText,
    client_key: optionalText,
    external_order_id: z.string().trim().pipe(z.uuid('Enter a valid UUID.')).optional(),
    external_reference: nullableText,
    customer_number: nullableText,
    order_date: z.iso.datetime({ offset: true }).nullish(),
    recipient_name: nullableText,
    recipient_email: z.string().trim().max(255).pipe(z.email('Enter a valid email address.')).nullish(),
    destination_country_iso3: iso3.nullish(),
    language_iso2: iso2Language.nullish(),
    timezone: timeZoneSchema.nullish(),
    shipping_address: addressSchema.nullish(),
    articles: z.array(articleSchema).max(500).nullish(),
    trackings: z.array(trackingInputSchema).max(50).default([]),
  })
  .refine((o) => o.order_number !== undefined || o.external_order_id !== undefined, {
    message: 'Give order_number or external_order_id to identify the order.',
    path: ['order_number'],
  })
  .refine(
    (o) => new Set(o.trackings.map((t) => `${t.courier}:${t.tracking_number}`)).size === o.trackings.length,
    { message: 'A tracking number appears twice for the same courier.', path: ['trackings'] },
  );
export type OrderInput = z.infer<typeof orderInputSchema>;

// ---------------------------------------------------------------- POST /v4/track/events/

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'Enter a time as HH:MM or HH:MM:SS.');

export const estimatedDeliverySchema = z.union([
  isoDate.transform((d) => ({ start_date: d, end_date: d, start_time: null, end_time: null })),
  z
    .object({
      start_date: isoDate,
      end_date: isoDate.nullish(),
      start_time: timeOfDay.nullish(),
      end_time: timeOfDay.nullish(),
    })
    .refine((w) => !w.end_date || w.end_date >= w.start_date, {
      message: 'The window ends before it starts.',
      path: ['end_date'],
    }),
]);
export type EstimatedDeliveryInput = z.infer<typeof estimatedDeliverySchema>;

export const locationSchema = z.union([
  text.transform((t) => ({ text: t })),
  z.object({
    name: nullableText,
    address: nullableText,
    city: nullableText,
    postal_code: z.string().trim().min(1).max(32).nullish(),
    country_iso3: iso3.nullish(),
  }),
]);
export type LocationInput = z.infer<typeof locationSchema>;

export const openingHoursSchema = z.object({ day: z.enum(WEEKDAYS), open: timeOfDay, close: timeOfDay });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const pickupLocationSchema = z.object({
  name: nullableText,
  address: text,
  city: nullableText,
  postal_code: z.string().trim().min(1).max(32).nullish(),
  country_iso3: iso3.nullish(),
  opening_hours: z.array(openingHoursSchema).max(28).default([]),
});
export type PickupLocationInput = z.infer<typeof pickupLocationSchema>;

/** How far ahead of the clock an event may be dated: a later one would stay the last status until then. */
export const MAX_EVENT_LEAD_MS = 7 * 24 * 60 * 60 * 1000;

export function isTooFarAhead(eventTimestamp: string, now: Date): boolean {
  return Date.parse(eventTimestamp) > now.getTime() + MAX_EVENT_LEAD_MS;
}

const eventTimestampSchema = z.iso.datetime({
  offset: true,
  error: 'Enter an ISO 8601 timestamp with a UTC offset.',
});

/** An event; with `now`, its timestamp may be at most MAX_EVENT_LEAD_MS ahead of it. */
function eventSchema(now?: Date) {
  return z
    .object({
      courier: courierCodeSchema.optional(),
      tracking_number: optionalText,
      tracking_id: optionalText,
      event_status: z.enum(STATUS_CODES, {
        error: `Use one of: ${STATUS_CODES.join(', ')}.`,
      }),
      event_timestamp: now
        ? eventTimestampSchema.refine(
            (ts) => !isTooFarAhead(ts, now),
            'Enter a timestamp at most 7 days in the future.',
          )
        : eventTimestampSchema,
      location: locationSchema.nullish(),
      event_details: z.string().trim().min(1).max(1000).nullish(),
      delivery_location_type: z.enum(DELIVERY_LOCATION_TYPES).nullish(),
      delivery_extra_info: nullableText,
      exception_type: z.enum(EXCEPTION_TYPES).nullish(),
      next_action: z.enum(NEXT_ACTIONS).nullish(),
      estimated_delivery_date: estimatedDeliverySchema.nullish(),
      pickup_location: pickupLocationSchema.nullish(),
      is_hidden: booleanish.nullish(),
      raw_code: nullableText,
      raw_text: z.string().trim().min(1).max(1000).nullish(),
    })
    .refine(
      (e) => e.tracking_id !== undefined || (e.courier !== undefined && e.tracking_number !== undefined),
      {
        message: 'Give courier and tracking_number, or tracking_id.',
        path: ['tracking_number'],
      },
    );
}

/** An event of any date (the demo seed, carriers); the API checks dates with eventsBodySchemaFor. */
export const eventInputSchema = eventSchema();
export type EventInput = z.infer<typeof eventInputSchema>;

/**
 * The events body is one event, an array of events, or `{"events": [...]}` (at most 500), dated at
 * most 7 days after `now` (the request's time). The shape is chosen before parsing so error paths
 * (`attr`) name the field as the client sent it.
 */
export function eventsBodySchemaFor(body: unknown, now: Date) {
  const event = eventSchema(now);
  const list = z.array(event).min(1).max(500);
  if (Array.isArray(body)) return list;
  if (body && typeof body === 'object' && 'events' in body) {
    return z.object({ events: list }).transform((b) => b.events);
  }
  return event.transform((e) => [e]);
}
