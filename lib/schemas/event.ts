import { z } from 'zod';
import {
  text,
  optionalText,
  nullableText,
  isoDate,
  iso3,
  courierCodeSchema,
  booleanish,
  strictObject,
} from './common';
import {
  DELIVERY_LOCATION_TYPES,
  EXCEPTION_TYPES,
  NEXT_ACTIONS,
  STATUS_CODES,
  WEEKDAYS,
} from '@/lib/status/vocabulary';

// POST /v4/track/events/: carrier events, and the places and windows they carry.

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'Enter a time as HH:MM or HH:MM:SS.');

export const estimatedDeliverySchema = z.union([
  isoDate.transform((d) => ({ start_date: d, end_date: d, start_time: null, end_time: null })),
  strictObject({
    start_date: isoDate,
    end_date: isoDate.nullish(),
    start_time: timeOfDay.nullish(),
    end_time: timeOfDay.nullish(),
  }).refine((w) => !w.end_date || w.end_date >= w.start_date, {
    message: 'The window ends before it starts.',
    path: ['end_date'],
  }),
]);
export type EstimatedDeliveryInput = z.infer<typeof estimatedDeliverySchema>;

export const locationSchema = z.union([
  text.transform((t) => ({ text: t })),
  strictObject({
    name: nullableText,
    address: nullableText,
    city: nullableText,
    postal_code: z.string().trim().min(1).max(32).nullish(),
    country_iso3: iso3.nullish(),
  }),
]);
export type LocationInput = z.infer<typeof locationSchema>;

export const openingHoursSchema = strictObject({ day: z.enum(WEEKDAYS), open: timeOfDay, close: timeOfDay });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const pickupLocationSchema = strictObject({
  name: nullableText,
  address: text,
  city: nullableText,
  postal_code: z.string().trim().min(1).max(32).nullish(),
  country_iso3: iso3.nullish(),
  opening_hours: z.array(openingHoursSchema).max(28).default([]),
  /** The last day the point keeps the parcel before it goes back to the shop. */
  held_until: isoDate.nullish(),
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
  return strictObject({
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
    // The language `event_details` is written in (a language tag: `en`, `nl`, `pt-BR`): pages in
    // another language show their own status text and offer these words behind a disclosure.
    event_details_language: z
      .string()
      .trim()
      .max(35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Enter a language tag, such as en or pt-BR.')
      .nullish(),
    delivery_location_type: z.enum(DELIVERY_LOCATION_TYPES).nullish(),
    delivery_extra_info: nullableText,
    exception_type: z.enum(EXCEPTION_TYPES).nullish(),
    next_action: z.enum(NEXT_ACTIONS).nullish(),
    estimated_delivery_date: estimatedDeliverySchema.nullish(),
    pickup_location: pickupLocationSchema.nullish(),
    is_hidden: booleanish.nullish(),
    raw_code: nullableText,
    raw_text: z.string().trim().min(1).max(1000).nullish(),
  }).refine(
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
  if (isEventsWrapper(body)) return strictObject({ events: list }).transform((b) => b.events);
  return event.transform((e) => [e]);
}

const isEventsWrapper = (body: unknown) => Boolean(body && typeof body === 'object' && 'events' in body);

/** Where the events body holds its event `index`, as the client sent it (the start of an `attr`). */
export function eventPathFor(body: unknown): (index: number) => Array<string | number> {
  if (Array.isArray(body)) return (index) => [index];
  if (isEventsWrapper(body)) return (index) => ['events', index];
  return () => [];
}
