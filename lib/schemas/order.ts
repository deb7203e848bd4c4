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
      .nullish()
      .meta({ description: 'Data of your own, as `{"key": …, "value": …}` pairs.' }),
  },
  'Unknown article field: put data of your own into additional_attributes as {"key": …, "value": …}.',
);
export type ArticleInput = z.infer<typeof articleSchema>;
const articlesInput = z
  .array(articleSchema.meta({ id: 'ArticleInput' }))
  .max(500)
  .nullish();

export const trackingInputSchema = strictObject({
  tracking_number: text,
  courier: courierCodeSchema.meta({
    description: 'Courier code; an unknown one is accepted with a warning.',
  }),
  recipient_postal_code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .nullish()
    .meta({ description: 'The postal code a shopper proves the parcel with.' }),
  destination_country_iso3: iso3.nullish(),
  language_iso2: iso2Language.nullish(),
  timezone: timeZoneSchema.nullish(),
  articles: articlesInput.meta({ description: 'This parcel’s articles; else the order’s.' }),
  announced_delivery_date: isoDate.nullish().meta({ description: 'The delivery date the shop promised.' }),
  announced_delivery_date_min: isoDate.nullish(),
  is_return: z.boolean().nullish(),
  additional_attributes: z
    .record(z.string(), z.unknown())
    .nullish()
    .meta({ description: 'Any object of your own, answered as sent.' }),
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
  order_number: optionalText.meta({ description: 'With `client_key`, names the order in the account.' }),
  client_key: optionalText.meta({ description: 'The brand of a multi-brand account.' }),
  external_order_id: z.string().trim().pipe(z.uuid('Enter a valid UUID.')).optional().meta({
    description: 'The shop’s order UUID; names the order when `order_number` is absent.',
    format: 'uuid',
  }),
  external_reference: nullableText,
  customer_number: nullableText,
  order_date: z.iso.datetime({ offset: true }).nullish(),
  recipient_name: nullableText,
  recipient_email: z
    .string()
    .trim()
    .max(255)
    .pipe(z.email('Enter a valid email address.'))
    .nullish()
    .meta({ description: 'A proof the shopper can give; never shown in the limited view.', format: 'email' }),
  destination_country_iso3: iso3.nullish(),
  language_iso2: iso2Language.nullish(),
  timezone: timeZoneSchema.nullish(),
  shipping_address: addressSchema.meta({ id: 'AddressInput' }).nullish(),
  articles: articlesInput,
  trackings: z
    .array(trackingInputSchema.meta({ id: 'TrackingInput' }))
    .max(50)
    .default([])
    .meta({ description: 'The order’s parcels; a tracking left out is detached, not deleted.' }),
  token_only: z.boolean().optional().meta({
    description:
      'Only your token (or a signed link) opens this order, so it needs no postal code or email. Checked, not stored.',
  }),
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
