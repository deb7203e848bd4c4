import { z } from 'zod';
import {
  ACTION_BOX_TYPES,
  DELIVERY_LOCATION_TYPES,
  EXCEPTION_TYPES,
  ICON_HINTS,
  LIFECYCLE_STATUSES,
  NEXT_ACTIONS,
  STATUS_CODES,
  TRENDING_LATE_STATUSES,
  WEEKDAYS,
} from '@/lib/status/vocabulary';
import { ERROR_CODES, WARNING_CODES } from '@/lib/errors';

// The API's answers, described for its OpenAPI document (lib/http/openapi.ts). lib/projection
// builds them; order-info.test.ts fails typecheck when these schemas and its types drift apart.

const timestamp = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 with UTC offset.' });
const date = z.iso.date();
const timeOfDay = z.iso.time({ precision: 0 }).meta({ description: 'HH:MM:SS.' });
const nullableText = z.string().nullable();
const step = z
  .literal([1, 2, 3, 4, 5])
  .meta({ description: 'Progress bar step, 1 (ordered) to 5 (delivered).' });
const statusCode = z.enum(STATUS_CODES);
const nextAction = z
  .enum(NEXT_ACTIONS)
  .meta({ description: 'What the shopper should do now (`none` when nothing).' });

export const shippingAddressInfoSchema = z
  .object({
    first_name: nullableText,
    last_name: nullableText,
    company_name: nullableText,
    address_line: nullableText,
    address_line_extra: nullableText,
    postal_code: nullableText,
    city: nullableText,
    country_iso3: nullableText,
    region_code: nullableText,
    phone: nullableText,
  })
  .meta({ id: 'ShippingAddress', description: 'The recipient’s address; `null` in the limited view.' });

export const courierInfoSchema = z
  .object({
    courier: z.string().meta({ description: 'Courier code, lower-case.', example: 'dhl' }),
    courier_name: z.string().meta({
      description: 'Name shown to shoppers; an unknown code title-cased.',
      example: 'DHL',
    }),
    courier_tracking_url: nullableText.meta({ description: 'The courier’s public tracking page.' }),
    courier_reroute_url: nullableText.meta({ description: 'Where the shopper can redirect the parcel.' }),
    last_mile_courier: nullableText,
    last_mile_courier_name: nullableText,
  })
  .meta({ id: 'CourierInfo' });

export const lastDeliveryStatusSchema = z
  .object({
    step,
    status_code: statusCode,
    status_text: z.string().meta({ description: 'Short status in the answer’s language.' }),
    status_details: z.string().meta({ description: 'One sentence on the status.' }),
    lifecycle_status: z.enum(LIFECYCLE_STATUSES),
    delivery_extra_info: nullableText,
    exception_type: z.enum(EXCEPTION_TYPES).nullable(),
    event_timestamp: timestamp.nullable(),
    next_action: nextAction,
    icon_hint: z.enum(ICON_HINTS),
  })
  .meta({ id: 'LastDeliveryStatus', description: 'The newest visible checkpoint, or Pending.' });

export const actionBoxSchema = z
  .object({
    type: z.enum(ACTION_BOX_TYPES),
    label: z.string(),
    label_communication: z.string().meta({ description: 'A sentence for messages to the shopper.' }),
    label_caption: nullableText,
    address: nullableText.meta({ description: 'Pickup point address, one line.' }),
    opening_hours: z.array(z.object({ day: z.enum(WEEKDAYS), open: timeOfDay, close: timeOfDay })),
    raw: z
      .object({
        earliest_date: date.nullable(),
        latest_date: date.nullable(),
        has_time: z.boolean(),
        earliest_time: timeOfDay.nullable(),
        latest_time: timeOfDay.nullable(),
      })
      .nullable()
      .meta({ description: 'The delivery window behind a `prediction`.' }),
  })
  .meta({ id: 'ActionBox', description: 'What the tracking page highlights for this parcel.' });

export const articleInfoSchema = z
  .object({
    version: nullableText,
    line_item_id: nullableText,
    product_id: nullableText,
    sku: nullableText,
    order_item_id: nullableText,
    article_name: nullableText,
    article_category: nullableText,
    article_store_url: nullableText,
    article_image_url: nullableText,
    article_brand: nullableText,
    size: nullableText,
    color: nullableText,
    width: z.number().nullable(),
    height: z.number().nullable(),
    length: z.number().nullable(),
    length_unit: nullableText,
    weight: z.number().nullable(),
    weight_unit: nullableText,
    unit_price: z.union([z.string(), z.number()]).nullable(),
    quantity: z.number().int().nullable(),
    amount_invoiced: z.union([z.string(), z.number()]).nullable(),
    origin_country_iso3: nullableText,
    is_bulky: z.boolean().nullable(),
    tags: z.array(z.string()),
    additional_attributes: z.array(z.object({ key: z.string(), value: z.unknown() })),
  })
  // The seed's article takes any further key; orders written before writes were strict may hold some.
  .catchall(z.unknown())
  .meta({ id: 'Article' });

export const checkpointInfoSchema = z
  .object({
    step,
    courier: z.string(),
    status_code: statusCode,
    event_timestamp: timestamp,
    status_text: z.string(),
    status_details: z.string(),
    is_hidden: z.boolean(),
    location: nullableText.meta({ description: 'City and country in the limited view.' }),
    delivery_location_type: z.enum(DELIVERY_LOCATION_TYPES).nullable(),
    delivery_extra_info: nullableText,
    estimated_delivery_date: z
      .object({
        start_date: date.nullable(),
        end_date: date.nullable(),
        start_time: timeOfDay.nullable(),
        end_time: timeOfDay.nullable(),
      })
      .nullable(),
    exception_type: z.enum(EXCEPTION_TYPES).nullable(),
    next_action: nextAction,
  })
  .meta({ id: 'Checkpoint' });

export const reportingInfoSchema = z
  .object({
    is_forgotten: z.boolean(),
    is_delayed: z.boolean(),
    has_failed_attempt: z.boolean(),
    is_delayed_dispatch: z.boolean(),
    is_returned: z.boolean(),
    is_customer_promise_exceeded: z.boolean(),
    trending_late_probability: z.number().min(0).max(1),
    trending_late_status: z.enum(TRENDING_LATE_STATUSES),
    contacted_with_messages: z.array(z.string()),
    exception_messages: z.array(z.string()),
    in_transit_date: timestamp.nullable(),
    pickup_date: timestamp.nullable(),
    courier_dropoff_date: timestamp.nullable().meta({ description: 'The first carrier scan.' }),
    delivery_date: timestamp.nullable(),
    returned_date: timestamp.nullable(),
  })
  .meta({ id: 'ReportingInfo' });

export const trackingInfoSchema = z
  .object({
    tracking_id: z.string().meta({ description: 'Stable id of the tracking; the `tracking_id` lookup.' }),
    tracking_number: z.string(),
    courier_info: courierInfoSchema,
    last_delivery_status: lastDeliveryStatusSchema,
    delivery_location: nullableText,
    is_delayed: z.boolean(),
    is_exception: z.boolean(),
    is_return: z.boolean(),
    action_box: actionBoxSchema.nullable(),
    recipient_name: nullableText,
    recipient_email: nullableText,
    destination_country_iso3: nullableText,
    recipient_postal_code: nullableText,
    identifiers_consignment: nullableText,
    shipping_address: shippingAddressInfoSchema.nullable(),
    articles: z.array(articleInfoSchema).meta({ description: 'Empty in the limited view.' }),
    additional_attributes: z.record(z.string(), z.unknown()).nullable().meta({
      description:
        "The merchant's own data. The limited view shows only a return's valid refund_processed_at.",
    }),
    announced_delivery_date: date.nullable(),
    announced_delivery_date_min: date.nullable(),
    pod_identifier: nullableText,
    pod_signature: nullableText,
    pod_date: date.nullable(),
    timezone: nullableText.meta({ description: 'IANA time zone of the destination.' }),
    reporting_info: reportingInfoSchema,
    supports_live_refresh: z.boolean(),
    checkpoints: z
      .array(checkpointInfoSchema)
      .meta({ description: 'Oldest first; the newest 200 (CHECKPOINTS_PER_TRACKING) at most.' }),
    checkpoints_omitted: z.number().int().nonnegative().meta({
      description: 'Checkpoints of this tracking the answer leaves out (see `checkpoints_offset`).',
    }),
  })
  .meta({ id: 'Tracking' });

export const orderInfoSchema = z
  .object({
    order_number: nullableText,
    client_key: nullableText,
    order_date: timestamp.nullable(),
    recipient_name: nullableText,
    recipient_email: nullableText,
    destination_country_iso3: nullableText,
    trackings: z.array(trackingInfoSchema),
  })
  .meta({
    id: 'Order',
    description:
      'The seed’s order object, field for field: an unknown value is `null` (a list: `[]`), never left out. A tracking that belongs to no order has `null` order fields.',
  });

export const errorEntrySchema = z
  .object({
    code: z.enum(ERROR_CODES),
    detail: z.string().meta({ description: 'What went wrong, in the language of `lang`.' }),
    attr: z
      .string()
      .nullable()
      .meta({ description: 'The parameter, or the JSON path of the body field (`trackings[0].courier`).' }),
  })
  .meta({ id: 'ErrorEntry' });

export const errorEnvelopeSchema = z
  .object({
    type: z.enum(['client_error', 'server_error']),
    errors: z.array(errorEntrySchema).min(1),
  })
  .meta({ id: 'Error', description: 'Every error of the API, with the real HTTP status.' });

export const warningEntrySchema = z
  .object({
    code: z.enum(WARNING_CODES),
    detail: z.string(),
    attr: z.string().nullable().meta({ description: 'The JSON path of the body field.' }),
  })
  .meta({ id: 'Warning', description: 'Accepted, but worth a look.' });

export const warningsSchema = z.array(warningEntrySchema).min(1).optional().meta({
  description: 'Left out when there is nothing to warn about.',
});

export const writtenOrderSchema = orderInfoSchema
  .extend({ warnings: warningsSchema })
  .meta({ id: 'WrittenOrder', description: 'The stored order at the full level, and any warnings.' });

export const ingestResultSchema = z
  .object({
    accepted: z.number().int().meta({ description: 'Events taken (all of the body).' }),
    stored: z.number().int().meta({ description: 'Events that were new.' }),
    duplicates: z.number().int().meta({ description: 'Events already stored.' }),
    tracking_ids: z.array(z.string()).meta({ description: 'The trackings the events name.' }),
    warnings: warningsSchema,
  })
  .meta({ id: 'EventsAccepted' });

export const signedLinkSchema = z
  .object({
    url: z.url().meta({ description: 'The tracking page, signed.' }),
    widget_url: z.url().meta({ description: 'The status card image, signed.' }),
    s: z.string().meta({ description: 'The signature `<expires>.<mac>`.' }),
    expires_at: z.iso.datetime(),
    email_html: z.string().meta({
      description:
        'A ready snippet for a shipping email: the linked card (`<a><img></a>`, 600 × 320) and a `<p>` with the status in words and a "Track your order" link, for mail clients that block images.',
    }),
  })
  .meta({ id: 'SignedLink' });
