import { z } from 'zod';

// The status vocabulary has no refund: a shop tells it on a return tracking, in its
// additional_attributes. Those are the merchant's own data and may hold anything, so a value that
// is not a date means no refund is known, never an error.

const refundAttributes = z.object({
  // A date-time without its offset would name no instant.
  refund_processed_at: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
});

/** When the shop processed a return's refund (an ISO 8601 date or date-time), or null if it has not said. */
export function refundProcessedAt(attributes: Record<string, unknown> | null): string | null {
  const parsed = refundAttributes.safeParse(attributes);
  return parsed.success ? parsed.data.refund_processed_at : null;
}
