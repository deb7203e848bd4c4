import { z } from 'zod';

// POST /track/lookup: the shopper page's lookup and unlock forms. Every field is the tracking
// page's query parameter of the same name (validated there, as on a GET); this schema only makes
// sure a proof was sent and no field is absurd.

const field = z.string().max(1024, 'Enter at most 1024 characters.');

export const lookupFormSchema = z
  .object({ recipient_postal_code: field.optional(), recipient_email: field.optional() })
  .catchall(field)
  .refine((form) => form.recipient_postal_code !== undefined || form.recipient_email !== undefined, {
    message: 'Enter the postal code of the delivery address.',
    path: ['recipient_postal_code'],
  });
