import { z } from 'zod';
import { LOOKUP_TYPES, type LookupType } from '@/lib/status/vocabulary';

// Per lookup type, what a request earns without a proof and with a matching postal code or
// email. A valid signature `s` and a token of the account always earn the full view.

export const lookupPolicySchema = z.object({
  no_proof: z.enum(['limited', 'verify']),
  with_proof: z.enum(['full', 'verify']),
});
export type LookupPolicy = z.infer<typeof lookupPolicySchema>;

export const accessPolicySchema = z.partialRecord(z.enum(LOOKUP_TYPES), lookupPolicySchema);
export type AccessPolicy = Record<LookupType, LookupPolicy>;

export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  tracking_number: { no_proof: 'limited', with_proof: 'full' },
  tracking_id: { no_proof: 'limited', with_proof: 'full' },
  external_order_id: { no_proof: 'limited', with_proof: 'full' },
  order_number: { no_proof: 'verify', with_proof: 'full' },
  external_reference: { no_proof: 'verify', with_proof: 'verify' },
  customer_number: { no_proof: 'verify', with_proof: 'verify' },
  recipient_email: { no_proof: 'verify', with_proof: 'verify' },
};

/** The account's stored policy over the defaults; a damaged stored policy means the defaults. */
export function effectivePolicy(stored: string | null | undefined): AccessPolicy {
  if (!stored) return DEFAULT_ACCESS_POLICY;
  try {
    const parsed = accessPolicySchema.safeParse(JSON.parse(stored));
    return parsed.success ? { ...DEFAULT_ACCESS_POLICY, ...parsed.data } : DEFAULT_ACCESS_POLICY;
  } catch {
    return DEFAULT_ACCESS_POLICY;
  }
}
