import { z } from 'zod';
import {
  text,
  optionalText,
  nullableText,
  isoDate,
  iso3,
  iso2Language,
  timeZoneSchema,
  courierCodeSchema,
  strictObject,
} from './common';

// PUT /v4/track/orders/: one order with its trackings and articles.

export const addressSchema = strictObject({
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

/**
 * An article: the seed's named fields, and `additional_attributes` for the merchant's own data.
 * Other keys are refused (the seed's response allows any, but a misspelled `article_nmae` must
 * not pass for merchant data).
 */
export const articleSchema = strictObject(
  {
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
      .array(strictObject({ key: text, value: z.unknown() }))
      .max(100)
      .nullish(),
  },
  'Unknown article field: put data of your own into additional_attributes as {"key": …, "value": …}.',
);
export type ArticleInput = z.infer<typeof articleSchema>;

export const trackingInputSchema = strictObject({
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

function hasShopperProof(order: {
  recipient_email?: string | null;
  shipping_address?: { postal_code?: string | null } | null;
  trackings: ReadonlyArray<{ recipient_postal_code?: string | null }>;
}): boolean {
  return Boolean(
    order.recipient_email ||
    order.shipping_address?.postal_code ||
    order.trackings.some((t) => t.recipient_postal_code),
  );
}

export const orderInputSchema = strictObject({
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
  /** Only a token reads this order: it needs no proof a shopper could give. Not stored. */
  token_only: z.boolean().optional(),
})
  .refine((o) => o.order_number !== undefined || o.external_order_id !== undefined, {
    message: 'Give order_number or external_order_id to identify the order.',
    path: ['order_number'],
  })
  .refine(
    (o) => new Set(o.trackings.map((t) => `${t.courier}:${t.tracking_number}`)).size === o.trackings.length,
    { message: 'A tracking number appears twice for the same courier.', path: ['trackings'] },
  )
  // An order without a postal code or an email opens only with a token or a signed link: a
  // shopper with the order number alone would be stuck, so it must be meant that way.
  .refine((o) => o.token_only === true || hasShopperProof(o), {
    message:
      'Give a proof the shopper can enter: a postal code (shipping_address.postal_code or a tracking’s recipient_postal_code) or recipient_email; or send token_only: true for an order only your API token reads.',
    path: ['shipping_address', 'postal_code'],
  });
export type OrderInput = z.infer<typeof orderInputSchema>;
