import { z } from 'zod';
import { lookupPolicySchema } from '@/lib/access/policy';
import { SCOPES } from '@/lib/access/tokens';
import { MAX_ROW_ID } from '@/lib/db/schema';
import { LOOKUP_TYPES } from '@/lib/status/vocabulary';
import { staffEmail, staffRole } from './staff';

// What the admin's settings forms send (lib/staff/settings.ts), as hostile as any other input.

export const createTokenInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the token.').max(100),
  scopes: z
    .array(z.enum(SCOPES, 'The scopes are read and write.'))
    .min(1, 'Choose at least one scope.')
    .max(SCOPES.length),
});

export const rowIdInput = z.coerce.number().int().positive().max(MAX_ROW_ID);

export const revokeTokenInputSchema = z.strictObject({ id: rowIdInput });

/**
 * One lookup type's rule. A proof that earns less than no proof at all (`limited` without,
 * refused with one) would punish the shopper who gives their postal code: refused.
 */
export const lookupRuleInputSchema = lookupPolicySchema.refine(
  (rule) => !(rule.no_proof === 'limited' && rule.with_proof === 'verify'),
  'A postal code or email must earn at least what no proof earns.',
);

export const accessPolicyInputSchema = z.strictObject(
  Object.fromEntries(LOOKUP_TYPES.map((type) => [type, lookupRuleInputSchema])) as Record<
    (typeof LOOKUP_TYPES)[number],
    typeof lookupRuleInputSchema
  >,
);

// better-auth's user ids are short random strings; anything longer is no id of ours.
export const staffUserId = z.string().trim().min(1).max(100);

export const inviteStaffInputSchema = z.strictObject({
  email: staffEmail,
  role: staffRole,
  name: z.string().trim().max(255).optional(),
});

export const changeRoleInputSchema = z.strictObject({ user_id: staffUserId, role: staffRole });

export const removeStaffInputSchema = z.strictObject({ user_id: staffUserId });

/** The audit page's cursor in its URL: `<at>~<id>` of the last entry shown. */
export const auditCursorSchema = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z~[1-9]\d{0,9}$/)
  .transform((value) => {
    const [at, id] = value.split('~') as [string, string];
    return { at, id: Number(id) };
  })
  .refine((cursor) => cursor.id <= MAX_ROW_ID && !Number.isNaN(Date.parse(cursor.at)));
