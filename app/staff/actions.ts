'use server';

import { APIError } from 'better-auth/api';
import { redirect } from 'next/navigation';
import { getStaffAuth, SIGN_IN_LOCKED } from '@/lib/access/staff-auth';
import { getDb } from '@/lib/db/client';
import { setMustChangePassword } from '@/lib/db/staff';
import { changePasswordFormSchema, signInFormSchema, totpCodeSchema } from '@/lib/schemas/staff';
import { requireStaff, SIGN_IN_PATH } from '@/lib/staff/session';
import { staffRequestHeaders } from './request-headers';

// The staff forms post here and answer with a redirect, so they work without JavaScript; what
// went wrong travels as a code in the query, never the email or a password.

const formValues = (form: FormData) => Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));

export async function signInAction(form: FormData): Promise<never> {
  const parsed = signInFormSchema.safeParse(formValues(form));
  if (!parsed.success) redirect(`${SIGN_IN_PATH}?error=invalid`);
  const auth = await getStaffAuth();
  let twoFactor = false;
  try {
    const result = await auth.api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: await staffRequestHeaders(),
    });
    twoFactor = 'twoFactorRedirect' in result && Boolean(result.twoFactorRedirect);
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    const body = (error.body ?? {}) as { code?: string; retryAfterS?: number };
    if (error.statusCode === 429 || body.code === SIGN_IN_LOCKED) {
      const minutes = Math.max(1, Math.ceil((body.retryAfterS ?? 60) / 60));
      redirect(`${SIGN_IN_PATH}?error=locked&minutes=${minutes}`);
    }
    // Unknown email, wrong password, anything else: one answer that tells nothing about the email.
    redirect(`${SIGN_IN_PATH}?error=invalid`);
  }
  redirect(twoFactor ? `${SIGN_IN_PATH}/two-factor` : '/staff');
}

export async function verifyTwoFactorAction(form: FormData): Promise<never> {
  const code = totpCodeSchema.safeParse(form.get('code'));
  if (!code.success) redirect(`${SIGN_IN_PATH}/two-factor?error=invalid`);
  const auth = await getStaffAuth();
  try {
    await auth.api.verifyTOTP({ body: { code: code.data }, headers: await staffRequestHeaders() });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    redirect(`${SIGN_IN_PATH}/two-factor?error=invalid`);
  }
  redirect('/staff');
}

export async function signOutAction(): Promise<never> {
  const auth = await getStaffAuth();
  try {
    await auth.api.signOut({ headers: await staffRequestHeaders() });
  } catch (error) {
    // Already signed out (no or an expired session): the outcome is the same.
    if (!(error instanceof APIError)) throw error;
  }
  redirect(`${SIGN_IN_PATH}?notice=signed_out`);
}

export async function changePasswordAction(form: FormData): Promise<never> {
  const staff = await requireStaff({ allowPasswordChange: true });
  const parsed = changePasswordFormSchema.safeParse(formValues(form));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    redirect(`/staff/change-password?error=${field === 'confirm_password' ? 'mismatch' : 'too_short'}`);
  }
  const auth = await getStaffAuth();
  try {
    // Other sessions end: whoever knew the old (one-time) password is signed out.
    await auth.api.changePassword({
      body: {
        currentPassword: parsed.data.current_password,
        newPassword: parsed.data.new_password,
        revokeOtherSessions: true,
      },
      headers: await staffRequestHeaders(),
    });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    redirect('/staff/change-password?error=current');
  }
  await setMustChangePassword(getDb(), staff.userId, false);
  redirect('/staff');
}

export type TwoFactorEnrolState =
  | { step: 'start'; error?: 'password' }
  | { step: 'confirm'; totpUri: string; secret: string; backupCodes: string[]; error?: 'code' };

/** Admins turn on TOTP in two steps: the password gives a key, then a code from it confirms it. */
export async function twoFactorEnrolAction(
  state: TwoFactorEnrolState,
  form: FormData,
): Promise<TwoFactorEnrolState> {
  await requireStaff({ role: 'admin' });
  const auth = await getStaffAuth();
  const requestHeaders = await staffRequestHeaders();
  if (state.step === 'start') {
    const password = signInFormSchema.shape.password.safeParse(form.get('password'));
    if (!password.success) return { step: 'start', error: 'password' };
    try {
      const enabled = await auth.api.enableTwoFactor({
        body: { password: password.data },
        headers: requestHeaders,
      });
      if (enabled.method !== 'totp') return { step: 'start', error: 'password' };
      const secret = new URL(enabled.totpURI).searchParams.get('secret') ?? '';
      return { step: 'confirm', totpUri: enabled.totpURI, secret, backupCodes: enabled.backupCodes };
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      return { step: 'start', error: 'password' };
    }
  }
  if (state.step === 'confirm') {
    const code = totpCodeSchema.safeParse(form.get('code'));
    if (!code.success) return { ...state, error: 'code' };
    try {
      await auth.api.verifyTOTP({ body: { code: code.data }, headers: requestHeaders });
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      return { ...state, error: 'code' };
    }
    // Turning it on replaces the session, in a new cookie: this request still names the old one,
    // so the page re-rendered in the action's answer would send the admin to sign in. A redirect
    // loads it with the new cookie, and it says two-factor sign-in is on.
    redirect('/staff/settings/two-factor');
  }
  return state;
}
