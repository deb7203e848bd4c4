import { z } from 'zod';
import { MAX_ROW_ID, STAFF_ROLES } from '@/lib/db/schema';

// Staff users, as the CLI, the sign-in form and (later) the admin pages take them.

// Long enough to resist guessing offline, short enough that hashing it costs nothing unusual.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const staffEmail = z
  .string()
  .trim()
  .max(255)
  .pipe(z.email('Enter a valid email address.'))
  .transform((v) => v.toLowerCase());

export const staffPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const staffRole = z.enum(STAFF_ROLES, 'The role is admin or agent.');

export const createStaffInputSchema = z.strictObject({
  account: z.number().int().positive().max(MAX_ROW_ID),
  email: staffEmail,
  role: staffRole,
  name: z.string().trim().min(1).max(255).optional(),
  password: staffPassword.optional(),
});
export type CreateStaffInput = z.input<typeof createStaffInputSchema>;

export const resetStaffPasswordInputSchema = z.strictObject({
  email: staffEmail,
  password: staffPassword.optional(),
});

/** The sign-in form: only shapes are checked, so a bad email reads like a wrong password. */
export const signInFormSchema = z.object({
  email: z.string().trim().min(1).max(255),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const changePasswordFormSchema = z
  .object({
    current_password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    new_password: staffPassword,
    confirm_password: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .refine((v) => v.new_password === v.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords differ.',
  });

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code.');
