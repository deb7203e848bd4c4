import { z } from 'zod';

// The branding editor's form and preview, as the server action and the preview routes take them.
// An empty field means "not set": the client key's shop then shows the account's value, and the
// account the default.

const empty = z.literal('').transform(() => null);
const optional = <T extends z.ZodType>(schema: T) => z.union([empty, schema]).prefault('');

export const brandClientKey = z.string().max(100).default('');

export const brandName = optional(z.string().trim().min(1).max(80));

export const brandColor = optional(
  z
    .string()
    .trim()
    .regex(/^#?[0-9a-f]{6}$/i, 'Give the colour as #rrggbb.')
    .transform((v) => (v.startsWith('#') ? v : `#${v}`).toLowerCase()),
);

/** E.164 with the spacing people write: a plus, a country code, 7 to 15 digits in all. */
export const supportPhone = optional(
  z
    .string()
    .trim()
    .max(30)
    .regex(/^\+[1-9][\d ()-]+$/, 'Give the number in international form, e.g. +49 30 1234567.')
    .refine((v) => {
      const digits = v.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15;
    }, 'Give the number in international form, e.g. +49 30 1234567.'),
);

const httpsUrl = optional(
  z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https$/, error: 'Give an https:// address.' })),
);

export const brandingFormSchema = z.object({
  client_key: brandClientKey,
  name: brandName,
  primary_color: brandColor,
  support_email: optional(z.string().trim().max(255).pipe(z.email('Enter a valid email address.'))),
  support_phone: supportPhone,
  help_url: httpsUrl,
  website_url: httpsUrl,
  remove_logo: z.stringbool().default(false),
});
export type BrandingForm = z.output<typeof brandingFormSchema>;

export const brandingPreviewSchema = z.object({
  client_key: brandClientKey,
  name: z.string().trim().max(80).catch(''),
  primary_color: z.string().trim().max(7).catch(''),
  lang: z.string().max(10).catch('en'),
});
